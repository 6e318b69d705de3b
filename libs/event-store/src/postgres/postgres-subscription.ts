import type { AllHandler, RecordedEvent } from '../event-store.port.js';
import { SerialSubscription } from '../serial-subscription.js';

const PAGE = 256;

/**
 * Catches up by paging the log, then waits for a wake-up (an append by this process, a NOTIFY
 * from another, or the poll interval) and pages again. A wake-up that arrives while a page is
 * being read is counted, so the next wait returns at once and nothing committed is left unread.
 */
export class PostgresSubscription extends SerialSubscription {
  private wakeUp: (() => void) | undefined;
  private wakes = 0;

  constructor(
    private readonly readPage: (after: bigint, limit: number) => Promise<RecordedEvent[]>,
    fromPosition: bigint,
    handler: AllHandler,
    private readonly pollMs: number,
    private readonly onEnd: (subscription: PostgresSubscription) => void,
  ) {
    super(fromPosition, handler);
    this.start();
  }

  wake(): void {
    this.wakes++;
    this.wakeUp?.();
  }

  protected async run(): Promise<void> {
    while (!this.stopped) {
      const seen = this.wakes;
      const page = await this.readPage(this.position, PAGE);
      if (page.length === 0) {
        if (seen === this.wakes) await this.nextWake();
        continue;
      }
      for (const event of page) if (!(await this.deliver(event))) return;
    }
  }

  protected interrupt(): void {
    this.wake();
  }

  protected override cleanup(): void {
    this.onEnd(this);
  }

  private nextWake(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
