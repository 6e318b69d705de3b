import type { AllHandler, RecordedEvent } from '../event-store.port.js';
import { SerialSubscription } from '../serial-subscription.js';

export interface LogPages {
  /** Events with position > `after`, at most `limit`, read synchronously. */
  readPage(after: bigint, limit: number): RecordedEvent[];
}

const PAGE = 256;

/**
 * Catches up by paging the log, then sleeps until the writer reports a commit (or the poll
 * interval passes, for appends made by another process on the same file) and pages again.
 * Reading the page and starting to wait happen in the same synchronous step, so a commit can
 * never slip in between and be missed.
 */
export class SqliteSubscription extends SerialSubscription {
  private wakeUp: (() => void) | undefined;

  constructor(
    private readonly log: LogPages,
    fromPosition: bigint,
    handler: AllHandler,
    private readonly pollMs: number,
    private readonly onEnd: (subscription: SqliteSubscription) => void,
  ) {
    super(fromPosition, handler);
    this.start();
  }

  /** Called after every commit of the shared writer. */
  wake(): void {
    this.wakeUp?.();
  }

  protected async run(): Promise<void> {
    while (!this.stopped) {
      const page = this.log.readPage(this.position, PAGE);
      if (page.length === 0) {
        await this.nextCommit();
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

  private nextCommit(): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      if (this.pollMs > 0) {
        timer = setTimeout(done, this.pollMs);
        // An idle subscription must not keep the process alive.
        timer.unref();
      }
      this.wakeUp = done;
    });
  }
}
