import { Clock } from '../../apps/api/src/platform/clock.js';

/** A clock tests can move forward (real time plus an offset). */
export class MovableClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * 24 * 3600 * 1000;
  }
}
