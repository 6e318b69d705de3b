import type { Command, DomainEvent } from '../core/decider.js';
import { deciderOf } from '../core/decider-of.js';
import { validateId, validateName } from '../order/rules/validation/fields.js';
import { billingError } from './billing-errors.js';
import { addIntervals } from './rules/billing-period.js';

/*
 * A test clock (test mode only, one stream per clock): a time of its own that a merchant moves
 * forward. Customers attached to it, and so their subscriptions, are billed at its time.
 */

export interface ExistingTestClock {
  status: 'ready';
  id: string;
  name: string | null;
  frozen_time: string;
  created_at: string;
}
export type TestClockState = { status: 'none' } | ExistingTestClock;

export type CreateTestClock = Command<'CreateTestClock', { test_clock_id: string; frozen_time: unknown; name?: unknown }>;
export type AdvanceTestClock = Command<'AdvanceTestClock', { test_clock_id: string; frozen_time: unknown }>;
export type TestClockCommand = CreateTestClock | AdvanceTestClock;

export type TestClockCreated = DomainEvent<'TestClockCreated', { test_clock_id: string; name: string | null; frozen_time: string; occurred_at: string }>;
export type TestClockAdvanced = DomainEvent<'TestClockAdvanced', { test_clock_id: string; from: string; to: string; occurred_at: string }>;
export type TestClockEvent = TestClockCreated | TestClockAdvanced;
export const TEST_CLOCK_EVENT_TYPES: readonly TestClockEvent['type'][] = Object.freeze(['TestClockCreated', 'TestClockAdvanced']);

const MIN_TIME = '2000-01-01T00:00:00.000Z';
const MAX_TIME = '2999-12-31T23:59:59.999Z';

function validateFrozenTime(value: unknown): string {
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime()) || time.toISOString() < MIN_TIME || time.toISOString() > MAX_TIME) {
    throw billingError('INVALID_FROZEN_TIME', 'frozen_time must be an ISO-8601 instant such as 2027-01-01T00:00:00Z', 'frozen_time');
  }
  return time.toISOString();
}

function decideCreate(command: CreateTestClock, state: TestClockState): TestClockEvent[] {
  const id = validateId('clock_', command.data.test_clock_id, 'test_clock_id');
  if (state.status !== 'none') throw billingError('TEST_CLOCK_ALREADY_EXISTS', `test clock ${id} already exists`, 'test_clock_id');
  const name = command.data.name === undefined || command.data.name === null ? null : validateName(command.data.name, 'name');
  return [{ type: 'TestClockCreated', data: { test_clock_id: id, name, frozen_time: validateFrozenTime(command.data.frozen_time), occurred_at: command.now } }];
}

/** Only forward, at most two years at a time; to where it already is records nothing. */
function decideAdvance(command: AdvanceTestClock, state: TestClockState): TestClockEvent[] {
  if (state.status === 'none') throw billingError('TEST_CLOCK_NOT_FOUND', `test clock ${command.data.test_clock_id} not found`, 'test_clock_id');
  const to = validateFrozenTime(command.data.frozen_time);
  if (to < state.frozen_time) throw billingError('TEST_CLOCK_BACKWARDS', `test clock ${state.id} is at ${state.frozen_time}: it only moves forward`, 'frozen_time');
  if (to === state.frozen_time) return [];
  if (to > addIntervals(state.frozen_time, 'year', 2)) throw billingError('TEST_CLOCK_ADVANCE_TOO_FAR', 'advance a test clock by at most two years at a time', 'frozen_time');
  return [{ type: 'TestClockAdvanced', data: { test_clock_id: state.id, from: state.frozen_time, to, occurred_at: command.now } }];
}

export const testClockDecider = deciderOf<TestClockCommand, TestClockEvent, TestClockState>(
  { CreateTestClock: decideCreate, AdvanceTestClock: decideAdvance },
  {
    TestClockCreated: (_, { data }) => ({ status: 'ready', id: data.test_clock_id, name: data.name, frozen_time: data.frozen_time, created_at: data.occurred_at }),
    TestClockAdvanced: (state, { data }) => (state.status === 'none' ? state : { ...state, frozen_time: data.to }),
  },
  () => ({ status: 'none' }),
);
