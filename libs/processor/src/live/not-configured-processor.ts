import { ProcessorNotConfiguredError } from '../processor-errors.js';
import type { PaymentProcessor, ProcessorRecord } from '../processor.port.js';
import type { AuthorizeResult, CaptureResult, CardSummary, CompleteActionResult, RefundResult, TokenizeResult, VoidResult } from '../processor-results.js';

/**
 * Live mode until a real processor adapter exists: every call fails loudly with
 * PROCESSOR_NOT_CONFIGURED instead of pretending money moved. `lookup` fails too: answering
 * "never seen" would tell a recovery job it is safe to retry against nothing.
 */
export class NotConfiguredProcessor implements PaymentProcessor {
  async tokenize(): Promise<TokenizeResult> {
    throw new ProcessorNotConfiguredError();
  }

  async describeToken(): Promise<CardSummary | undefined> {
    throw new ProcessorNotConfiguredError();
  }

  async authorize(): Promise<AuthorizeResult> {
    throw new ProcessorNotConfiguredError();
  }

  async completeAction(): Promise<CompleteActionResult> {
    throw new ProcessorNotConfiguredError();
  }

  async capture(): Promise<CaptureResult> {
    throw new ProcessorNotConfiguredError();
  }

  async void(): Promise<VoidResult> {
    throw new ProcessorNotConfiguredError();
  }

  async refund(): Promise<RefundResult> {
    throw new ProcessorNotConfiguredError();
  }

  async lookup(): Promise<ProcessorRecord | undefined> {
    throw new ProcessorNotConfiguredError();
  }

  /** Nothing to release; never throws so app shutdown stays clean. */
  async close(): Promise<void> {}
}
