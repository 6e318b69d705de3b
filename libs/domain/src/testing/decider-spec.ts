import { fold, type Command, type Decider, type DomainEvent } from '../core/decider.js';
import { DomainError, type DomainErrorKind } from '../core/domain-error.js';

/*
 * Given/when/then for deciders, on events only:
 *
 *   deciderSpec(orderDecider).given([created]).when(addLineItem).then([lineItemAdded]);
 *   deciderSpec(orderDecider).given([]).when(addLineItem).thenThrows('ORDER_NOT_FOUND');
 *
 *   deciderSpec(orderDecider).given([created, tipRemoved]).when(removeTip).thenNothingHappens();
 *
 * It uses the test runner's global `expect` (jest) when it runs and imports nothing from jest.
 * Specs import it from ../testing (it is in no entry point and not in the build). Do not `await` or
 * return the object `when()` gives back: it has a `then` method, so a promise machinery
 * would take it for a thenable.
 */

interface Matchers {
  toEqual(expected: unknown): void;
}
type Expect = (actual: unknown) => Matchers;

function runnerExpect(): Expect {
  const expect = (globalThis as unknown as { expect?: Expect }).expect;
  if (typeof expect !== 'function') throw new Error('deciderSpec needs a test runner that provides a global expect (jest)');
  return expect;
}

export interface ExpectedError {
  kind?: DomainErrorKind;
  field?: string;
}

export interface DeciderThen<E> {
  /** Asserts that the command is accepted with exactly these events. */
  then(expected: readonly E[]): void;
  /** Asserts that the command is accepted and changes nothing: no event (an idempotent repeat). */
  thenNothingHappens(): void;
  /** Asserts that the command is refused with a DomainError of this code (and kind/field if given). */
  thenThrows(code: string, expected?: ExpectedError): void;
}

export interface DeciderWhen<C, E> {
  when(command: C): DeciderThen<E>;
}

export function deciderSpec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>): { given(events: readonly E[]): DeciderWhen<C, E> } {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, fold(decider, events));
        return {
          then(expected) {
            runnerExpect()(decide()).toEqual(expected);
          },
          thenNothingHappens() {
            runnerExpect()(decide()).toEqual([]);
          },
          thenThrows(code, expected = {}) {
            let produced: E[];
            try {
              produced = decide();
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              const actual = { code: error.code, ...('kind' in expected && { kind: error.kind }), ...('field' in expected && { field: error.field }) };
              runnerExpect()(actual).toEqual({ code, ...expected });
              return;
            }
            throw new Error(`expected DomainError ${code}, but ${command.type} was accepted with ${JSON.stringify(produced)}`);
          },
        };
      },
    }),
  };
}
