import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { canRunSandboxThread, createProcessor, type PaymentProcessor } from '#ordo/processor';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { ApiError } from '../../platform/api-error.js';

/**
 * One processor per mode: test → the sandbox (its own file), live → the not-configured stub.
 * `require(mode)` refuses live calls BEFORE anything is recorded on the order, so a live
 * request never leaves a `processing` intent that no processor will ever answer.
 */
@Injectable()
export class PaymentProcessors implements OnApplicationBootstrap, OnApplicationShutdown {
  private test?: PaymentProcessor;

  constructor(@Inject(ORDO_CONFIG) private readonly config: OrdoConfig) {}

  /**
   * The sandbox's thread is started with the app: loading it takes a few hundred milliseconds,
   * which the first payment after every start would otherwise wait for. (The thread opens the
   * sandbox file at its first call, so an app that takes no payment still creates no file.)
   */
  onApplicationBootstrap(): void {
    if (this.config.sandboxThread && canRunSandboxThread()) this.open();
  }

  require(mode: 'test' | 'live'): PaymentProcessor {
    if (mode === 'live') throw new ApiError(422, 'PROCESSOR_NOT_CONFIGURED', 'no live payment processor is configured; use a test-mode key');
    return this.open();
  }

  private open(): PaymentProcessor {
    // In-thread, opened lazily: apps that never take a payment never create the sandbox file.
    this.test ??= createProcessor({ mode: 'test', sandboxPath: this.config.sandboxProcessorFile, synchronous: this.config.synchronous, thread: this.config.sandboxThread });
    return this.test;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.test?.close();
    this.test = undefined;
  }
}
