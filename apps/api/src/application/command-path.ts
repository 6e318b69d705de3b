import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Command, type Decider, type DomainEvent } from '#ordo/domain';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config.js';
import { EVENT_STORE } from '../persistence/tokens.js';
import { ApiError } from '../platform/api-error.js';
import type { RequestContext } from '../platform/request-context.js';
import { ProjectionProgress } from './projections/projection-progress.js';
import { StreamFoldCache } from './stream-fold-cache.js';

export interface CommandOutcome<S> {
  state: S;
  /** Revision of the stream's last event after the command (the resource's version). */
  revision: bigint;
  /** Events appended by this command (empty when it had already been applied). */
  appended: DomainEvent[];
  /** Every event of the stream after the command, oldest first (what `state` is the fold of). */
  history: DomainEvent[];
  position: bigint;
}

type Caller = Pick<RequestContext, 'merchantId' | 'mode' | 'requestId' | 'idempotencyKey' | 'idempotencyClaim' | 'expectedVersion'>;

/**
 * The one way a command reaches the log: load the stream → fold → decide → append with the
 * exact expected revision; when another writer got there first, run again from the new
 * revision (bounded), then answer 409 `<AGGREGATE>_CONFLICT`. Afterwards it waits until the
 * projections have seen the append, so a read right after a write sees it.
 *
 * Tenancy lives here too: a stream written for another merchant or mode folds as if it did not
 * exist, so every decider answers NOT_FOUND exactly as for an unknown id.
 */
@Injectable()
export class CommandPath {
  /** Folded streams by name, each verified against the log's newest revision on every load. */
  readonly folds: StreamFoldCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly projections: ProjectionProgress,
  ) {
    this.folds = new StreamFoldCache(config.streamCacheSize, config.freezeStreamCache);
  }

  run<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    command: C,
    caller: Caller,
    conflictCode: string,
  ): Promise<CommandOutcome<S>> {
    return this.runAll(decider, streamName, [command], caller, conflictCode);
  }

  /**
   * Several commands on one stream as one unit: each is decided against the state the previous
   * ones' events leave, and all their events are appended together — or, when any is refused,
   * nothing is (so "create and confirm" never leaves half of itself behind).
   */
  async runAll<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    commands: readonly C[],
    caller: Caller,
    conflictCode: string,
  ): Promise<CommandOutcome<S>> {
    if (commands.length === 0) throw new Error('runAll needs at least one command');
    // If-Match is the request's precondition on its first write: taken here, once, so the later
    // steps of the request (a processor outcome) and a retry answered from the stream follow it.
    const expectedVersion = caller.expectedVersion;
    delete caller.expectedVersion;
    for (let attempt = 0; attempt <= this.config.commandRetries; attempt++) {
      const loaded = await this.folds.load(this.store, decider, streamName);
      const recorded = loaded.recorded;
      const own = belongsTo(recorded, caller);
      const visible = own ? recorded : [];
      const history = (own ? loaded.history : []) as E[];
      const state = own ? loaded.state : decider.initialState();
      const revision = visible.length > 0 ? visible[visible.length - 1].revision : -1n;

      if (caller.idempotencyClaim && visible.some((e) => isOwnEarlierAttempt(e, caller, commands[0].type))) {
        // A previous attempt with this key (cut off before it could store its answer) already
        // appended these facts: answer from the stream, never decide twice.
        const position = visible[visible.length - 1].position;
        await this.projections.waitFor(position);
        return { state, revision, appended: [], history, position };
      }

      // If-Match: the client's precondition, checked against the revision we would append at.
      if (expectedVersion !== undefined && visible.length > 0 && expectedVersion !== revision) {
        throw new ApiError(412, 'VERSION_MISMATCH', `the resource is at version ${revision}, not ${expectedVersion}: read it again and retry`, 'If-Match');
      }
      const events: { event: E; command: string }[] = [];
      let next = state;
      for (const command of commands) {
        for (const event of decider.decide(command, next)) {
          events.push({ event, command: command.type });
          next = decider.evolve(next, event);
        }
      }
      if (events.length === 0) {
        const position = visible.length > 0 ? visible[visible.length - 1].position : 0n;
        return { state, revision, appended: [], history, position };
      }
      // Another merchant's stream with this id is a collision we refuse, never overwrite.
      if (visible.length === 0 && recorded.length > 0) throw new DomainError(conflictCode, 'conflict', 'resource id already in use');
      try {
        const appending = this.store.append(
          streamName,
          events.map(({ event: e, command }, i) => ({
            type: e.type,
            data: e.data as Record<string, unknown>,
            metadata: {
              // Which facts were recorded together: readers (the public event feed) treat one append as one change.
              append_index: i,
              append_count: events.length,
              merchant_id: caller.merchantId,
              mode: caller.mode,
              request_id: caller.requestId,
              ...(caller.idempotencyKey ? { idempotency_key: caller.idempotencyKey } : {}),
              ...(caller.idempotencyClaim ? { idempotency_claim: caller.idempotencyClaim } : {}),
              correlation_id: caller.requestId,
              command,
              schema_version: 1,
            },
          })),
          revision < 0n ? 'no_stream' : revision,
        );
        this.projections.kick();
        const result = await appending;
        await this.projections.waitFor(result.position);
        const appended = events.map((e) => e.event);
        return { state: next, revision: result.nextExpectedRevision, appended, history: [...history, ...appended], position: result.position };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) continue;
        throw error;
      }
    }
    throw new DomainError(conflictCode, 'conflict', 'the resource was changed by concurrent requests; retry');
  }
}

/**
 * Commands that record a processor's answer for one attempt key are idempotent by themselves
 * (their decider refuses a second answer for the key): one request may run several of the same
 * type (a refund spread over payments records one per part), so "this claim already ran one"
 * must not stand for "this one was recorded".
 */
const RECORDS_AN_OUTCOME = /^Record\w*Outcome$/;

/** An event this very claim appended (same key, same request, same claim time) for this command. */
function isOwnEarlierAttempt(event: RecordedEvent, caller: Caller, command: string): boolean {
  if (RECORDS_AN_OUTCOME.test(command)) return false;
  const m = event.metadata;
  return m.idempotency_claim === caller.idempotencyClaim && m.idempotency_key === caller.idempotencyKey && m.command === command;
}

function belongsTo(events: readonly RecordedEvent[], caller: Caller): boolean {
  if (events.length === 0) return true;
  const owner = events[0].metadata;
  return owner.merchant_id === caller.merchantId && owner.mode === caller.mode;
}
