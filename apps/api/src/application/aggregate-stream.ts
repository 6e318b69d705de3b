import type { Command, Decider, DomainEvent } from '#ordo/domain';
import type { EventStore } from '#ordo/event-store';
import type { Caller } from '../orders/application/order-commands.js';
import type { Clock } from '../platform/clock.js';
import type { CommandPath } from './command-path.js';

/**
 * One aggregate's streams (`<prefix><id>`) behind the command path: run a command at the
 * caller's time (or the clock's now), load the state as the stream says now. Tenancy as in the
 * command path: another merchant's or the other mode's stream loads as none.
 */
export class AggregateStream<C extends Command, E extends DomainEvent, S extends { status: string }> {
  constructor(
    private readonly path: CommandPath,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly decider: Decider<C, E, S>,
    readonly prefix: string,
    private readonly conflictCode: string,
  ) {}

  streamName(id: string): string {
    return `${this.prefix}${id}`;
  }

  async run(caller: Caller, id: string, command: Omit<C, 'now'>): Promise<{ state: Exclude<S, { status: 'none' }>; appended: E[]; revision: bigint }> {
    const outcome = await this.path.run(this.decider, this.streamName(id), { ...command, now: caller.at ?? this.clock.nowIso() } as C, caller, this.conflictCode);
    if (outcome.state.status === 'none') throw new Error(`an accepted ${command.type} left nothing in ${this.streamName(id)}`);
    return { state: outcome.state as Exclude<S, { status: 'none' }>, appended: outcome.appended as E[], revision: outcome.revision };
  }

  async load(caller: Pick<Caller, 'merchantId' | 'mode'>, id: string): Promise<Exclude<S, { status: 'none' }> | undefined> {
    const recorded = await this.store.readStream(this.streamName(id));
    const owner = recorded[0]?.metadata;
    if (!owner || owner.merchant_id !== caller.merchantId || owner.mode !== caller.mode) return undefined;
    let state = this.decider.initialState();
    for (const e of recorded) state = this.decider.evolve(state, { type: e.type, data: e.data } as E);
    return state.status === 'none' ? undefined : (state as Exclude<S, { status: 'none' }>);
  }
}
