import { AsyncLocalStorage } from 'node:async_hooks';
import type { AllHandler, RecordedEvent, Subscription } from './event-store.port.js';

// Lets `unsubscribe()` know it is being called from inside this subscription's own handler,
// where waiting for the handler to finish would wait forever.
const insideHandler = new AsyncLocalStorage<SerialSubscription>();

/**
 * What every adapter's `subscribeToAll` shares: one handler call at a time, awaited; an event
 * is delivered only if its position is above the last one delivered (never twice, in order);
 * `unsubscribe()` resolves once no handler call is running; a handler error stops delivery and
 * rejects `done`. Subclasses only say how events arrive (`run`) and how to interrupt a wait.
 */
export abstract class SerialSubscription implements Subscription {
  done!: Promise<void>;
  protected stopped = false;
  private lastDelivered: bigint;
  private finished!: Promise<void>;

  protected constructor(
    fromPosition: bigint,
    private readonly handler: AllHandler,
  ) {
    this.lastDelivered = fromPosition;
  }

  /** Position of the last event handed to the handler (the `from` position before any). */
  get position(): bigint {
    return this.lastDelivered;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async unsubscribe(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.interrupt();
    }
    if (insideHandler.getStore() === this) return;
    await this.finished;
  }

  /** Called by the subclass at the end of its constructor. */
  protected start(): void {
    const run = (async () => {
      // Never call the handler before subscribeToAll has returned the subscription.
      await null;
      try {
        await this.run();
      } finally {
        this.stopped = true;
        await this.cleanup();
      }
    })();
    run.catch(() => undefined);
    this.done = run;
    this.finished = run.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Hands `event` to the handler unless it was already delivered; false once stopped. */
  protected async deliver(event: RecordedEvent): Promise<boolean> {
    if (this.stopped) return false;
    if (event.position <= this.lastDelivered) return true;
    await insideHandler.run(this, () => this.handler(event));
    this.lastDelivered = event.position;
    return !this.stopped;
  }

  /** Delivers events until stopped; its rejection becomes `done`'s. */
  protected abstract run(): Promise<void>;
  /** Wakes or cancels whatever `run` is waiting on, so that it sees `stopped`. */
  protected abstract interrupt(): void | Promise<void>;
  /** Releases resources once `run` has ended. */
  protected cleanup(): void | Promise<void> {}
}
