import type { ProcessorRejectionCode } from './processor-errors.js';
import type {
  AuthorizeRequest,
  CaptureRequest,
  CompleteActionRequest,
  RefundRequest,
  TokenizeRequest,
  VoidRequest,
} from './processor-requests.js';
import type {
  AuthorizeResult,
  CaptureResult,
  CardSummary,
  CompleteActionResult,
  ProcessorOperation,
  ProcessorResult,
  RefundResult,
  TokenizeResult,
  VoidResult,
} from './processor-results.js';

/**
 * What the processor remembers about one idempotency key: the operation and either its result
 * or the rejection it answered. A recovery job asks for this after a crash between "intent
 * recorded as processing" and "outcome appended": a record means the call happened (append its
 * outcome); `undefined` means the processor never saw the key (safe to call again, same key).
 */
export type ProcessorRecord =
  | { idempotencyKey: string; operation: ProcessorOperation; outcome: 'result'; result: ProcessorResult }
  | { idempotencyKey: string; operation: ProcessorOperation; outcome: 'rejected'; error: { code: ProcessorRejectionCode; message: string } };

/**
 * The payment processor as Ordo's application layer sees it. Called outside the deciders; every
 * money-moving call carries an idempotency key: the same key with the same parameters returns
 * the first answer (result or rejection) with no second effect; the same key with anything
 * else throws ProcessorIdempotencyMismatchError. A call that resolved is durable at the
 * processor. Errors are ProcessorError subclasses with stable codes (processor-errors.ts).
 */
export interface PaymentProcessor {
  /** Test mode only. Turns card data into a reusable token; keeps only brand, last4, expiry. */
  tokenize(request: TokenizeRequest): Promise<TokenizeResult>;
  /**
   * What a token stands for (brand, last4, expiry), or undefined when the processor never issued
   * it or issued it to another account — the two are indistinguishable on purpose.
   */
  describeToken(token: string, account: string): Promise<CardSummary | undefined>;
  authorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  /** Finishes a `requires_action` authorization once the buyer answered the challenge. */
  completeAction(request: CompleteActionRequest): Promise<CompleteActionResult>;
  /** Partial captures may repeat up to the authorized amount; `final` releases the rest. */
  capture(request: CaptureRequest): Promise<CaptureResult>;
  /** Releases what is still authorized (cancel, or expiry driven by the caller's scheduler). */
  void(request: VoidRequest): Promise<VoidResult>;
  /** Up to charged − already refunded (failed refunds do not count). */
  refund(request: RefundRequest): Promise<RefundResult>;
  /** The stored answer for a key, or undefined if the processor never saw it. */
  lookup(idempotencyKey: string): Promise<ProcessorRecord | undefined>;
  /** Releases resources (the sandbox's file handle). Idempotent. */
  close(): Promise<void>;
}
