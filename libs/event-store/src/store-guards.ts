/** Thrown by an adapter used after `close()`. */
export class StoreClosedError extends Error {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'StoreClosedError';
  }
}

/** Log positions are bigints from 0n (the position before the first event). */
export function checkPosition(position: bigint): void {
  if (typeof position !== 'bigint' || position < 0n) throw new RangeError('positions are bigints >= 0n');
}

/** Stream revisions are bigints from 0n (the first event). */
export function checkRevision(revision: bigint): void {
  if (typeof revision !== 'bigint' || revision < 0n) throw new RangeError('revisions are bigints >= 0n');
}
