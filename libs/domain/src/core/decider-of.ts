import type { Command, Decider, DomainEvent } from './decider.js';

/** One decide function per command type: the table makes a missing one a compile error. */
export type CommandHandlers<C extends Command, E extends DomainEvent, S> = {
  [T in C['type']]: (command: Extract<C, { type: T }>, state: S) => E[];
};

/** One evolve function per event type. */
export type EventHandlers<E extends DomainEvent, S> = {
  [T in E['type']]: (state: S, event: Extract<E, { type: T }>) => S;
};

/**
 * A decider assembled from per-command and per-event functions, so each command can live in one
 * file with its command type, its events, its decide and its evolve, and adding one is that file
 * plus one line in each table. An event type the tables do not know (written by a newer version)
 * leaves the state as it is.
 */
export function deciderOf<C extends Command, E extends DomainEvent, S>(
  decide: CommandHandlers<C, E, S>,
  evolve: EventHandlers<E, S>,
  initialState: () => S,
): Decider<C, E, S> {
  return {
    decide(command, state) {
      const handler = decide[command.type as C['type']] as ((c: C, s: S) => E[]) | undefined;
      if (!handler) throw new Error(`no decide function for command ${command.type}`);
      return handler(command, state);
    },
    evolve(state, event) {
      const handler = (evolve as unknown as Record<string, ((s: S, e: E) => S) | undefined>)[event.type];
      return handler ? handler(state, event) : state;
    },
    initialState,
  };
}
