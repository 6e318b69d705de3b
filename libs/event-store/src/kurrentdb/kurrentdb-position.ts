/**
 * KurrentDB's `$all` position is a pair `{ commit, prepare }` of byte offsets in its transaction
 * log, ordered by commit then prepare. The port wants one strictly increasing bigint.
 *
 * Every append made through gRPC is an "implicit transaction": each event is one prepare
 * record flagged as committed, and the server reports such an event at
 * `{ commit: its own log offset, prepare: the same offset }` — so `commit === prepare` and the
 * events of one multi-event append do NOT share a commit position. Offsets grow as the log is
 * written, so `commit` alone is unique and strictly increasing in `$all` order. It is also > 0
 * for every user event (the log opens with an epoch record at offset 0), which keeps `0n` free
 * for "before the first event".
 *
 * Two events can share a commit position only with the legacy explicit transactions of the old
 * TCP protocol (a separate commit record after the prepares; the prepares of two transactions
 * can then interleave, so neither half alone is monotonic). This adapter never writes those;
 * meeting one, it throws `UnsupportedPositionError` rather than risk skipping or repeating an
 * event of a ledger.
 */
export interface KurrentPosition {
  commit: bigint;
  prepare: bigint;
}

export class UnsupportedPositionError extends Error {
  readonly code = 'UNSUPPORTED_POSITION';
  constructor(readonly kurrentPosition: KurrentPosition) {
    super(
      `event at commit ${kurrentPosition.commit} / prepare ${kurrentPosition.prepare} was written by a legacy explicit transaction; ` +
        'its position cannot be mapped to one strictly increasing number',
    );
    this.name = 'UnsupportedPositionError';
  }
}

export function fromKurrentPosition(position: KurrentPosition): bigint {
  if (position.commit !== position.prepare) throw new UnsupportedPositionError(position);
  return position.commit;
}

/** The exact record to (re)start from; reads from there are inclusive, so callers skip it. */
export function toKurrentPosition(position: bigint): KurrentPosition {
  if (typeof position !== 'bigint' || position < 0n) throw new RangeError('positions are bigints >= 0n');
  return { commit: position, prepare: position };
}
