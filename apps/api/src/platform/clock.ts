/** The only source of "now" in the service; tests and test clocks replace it. */
export abstract class Clock {
  abstract now(): Date;
  nowIso(): string {
    return this.now().toISOString();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
