/**
 * A decider is a value: `decide` turns a command and the current state into new events (or
 * throws a DomainError), `evolve` folds one event into the state. Pure: no I/O, no clock, no
 * random ids — time and ids arrive inside the command.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

export interface Command<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  /** ISO-8601 time at which the command is decided (from the injected clock). */
  now: string;
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Exhaustiveness guard for `switch` statements over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
