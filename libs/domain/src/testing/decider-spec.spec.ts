import type { Command, Decider, DomainEvent } from '../core/decider.js';
import { DomainError } from '../core/domain-error.js';
import { deciderSpec } from './decider-spec.js';

type Added = DomainEvent<'Added', { n: number }>;
type Add = Command<'Add', { n: number }>;

// A tiny counter that refuses to go past 10.
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.n,
  decide: (command, total) => {
    if (command.data.n === 0) throw new Error('a bug, not a rule');
    if (total + command.data.n > 10) throw new DomainError('TOO_MUCH', 'business', 'over 10', 'n');
    return [{ type: 'Added', data: { n: command.data.n } }];
  },
};
const add = (n: number): Add => ({ type: 'Add', data: { n }, now: '2025-01-01T00:00:00.000Z' });
const added = (n: number): Added => ({ type: 'Added', data: { n } });

describe('deciderSpec', () => {
  it('passes when the events match', () => {
    deciderSpec(counter).given([added(4)]).when(add(3)).then([added(3)]);
  });

  it('fails when the events differ', () => {
    expect(() => deciderSpec(counter).given([]).when(add(3)).then([added(4)])).toThrow();
  });

  it('thenNothingHappens passes on no events and fails on any', () => {
    const idle: Decider<Add, Added, number> = { ...counter, decide: (command, total) => (total >= 5 ? [] : counter.decide(command, total)) };
    deciderSpec(idle).given([added(5)]).when(add(1)).thenNothingHappens();
    expect(() => deciderSpec(idle).given([]).when(add(1)).thenNothingHappens()).toThrow();
  });

  it('passes when the expected DomainError is thrown, folding the given events first', () => {
    deciderSpec(counter).given([added(8)]).when(add(3)).thenThrows('TOO_MUCH');
    deciderSpec(counter).given([added(8)]).when(add(3)).thenThrows('TOO_MUCH', { kind: 'business', field: 'n' });
  });

  it('fails on another code, kind or field', () => {
    expect(() => deciderSpec(counter).given([added(8)]).when(add(3)).thenThrows('OTHER')).toThrow();
    expect(() => deciderSpec(counter).given([added(8)]).when(add(3)).thenThrows('TOO_MUCH', { kind: 'conflict' })).toThrow();
    expect(() => deciderSpec(counter).given([added(8)]).when(add(3)).thenThrows('TOO_MUCH', { field: 'm' })).toThrow();
  });

  it('fails when the command is accepted', () => {
    expect(() => deciderSpec(counter).given([]).when(add(1)).thenThrows('TOO_MUCH')).toThrow(/was accepted/);
  });

  it('lets an error that is not a DomainError through', () => {
    expect(() => deciderSpec(counter).given([]).when(add(0)).thenThrows('TOO_MUCH')).toThrow('a bug, not a rule');
  });
});
