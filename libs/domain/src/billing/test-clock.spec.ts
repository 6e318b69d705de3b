import { deciderSpec } from '../testing/decider-spec.js';
import { CLOCK_1, START } from '../testing/billing-fixtures.js';
import { testClockDecider, type TestClockEvent } from './test-clock.js';

const spec = deciderSpec(testClockDecider);
const created: TestClockEvent = { type: 'TestClockCreated', data: { test_clock_id: CLOCK_1, name: 'Renewals', frozen_time: '2027-01-01T00:00:00.000Z', occurred_at: START } };
const advance = (frozen_time: unknown) => ({ type: 'AdvanceTestClock' as const, data: { test_clock_id: CLOCK_1, frozen_time }, now: START });

describe('test clocks', () => {
  it('starts at the frozen time given and moves only forward', () => {
    spec.given([]).when({ type: 'CreateTestClock', data: { test_clock_id: CLOCK_1, frozen_time: '2027-01-01T00:00:00Z', name: 'Renewals' }, now: START }).then([created]);
    spec.given([created]).when(advance('2027-02-01T00:00:00+00:00')).then([
      { type: 'TestClockAdvanced', data: { test_clock_id: CLOCK_1, from: '2027-01-01T00:00:00.000Z', to: '2027-02-01T00:00:00.000Z', occurred_at: START } },
    ]);
    spec.given([created]).when(advance('2027-01-01T00:00:00.000Z')).thenNothingHappens();
    spec.given([created]).when(advance('2026-12-31T23:59:59.000Z')).thenThrows('TEST_CLOCK_BACKWARDS', { kind: 'business' });
  });

  it('advances at most two years at a time', () => {
    spec.given([created]).when(advance('2029-01-01T00:00:00.000Z')).then([
      { type: 'TestClockAdvanced', data: { test_clock_id: CLOCK_1, from: '2027-01-01T00:00:00.000Z', to: '2029-01-01T00:00:00.000Z', occurred_at: START } },
    ]);
    spec.given([created]).when(advance('2029-01-01T00:00:00.001Z')).thenThrows('TEST_CLOCK_ADVANCE_TOO_FAR');
  });

  it('refuses a malformed time, an unknown clock and an id in use', () => {
    for (const bad of ['tomorrow', '2027-13-01T00:00:00Z', '1999-12-31T00:00:00Z', 42, '2027-01-01']) {
      spec.given([created]).when(advance(bad)).thenThrows('INVALID_FROZEN_TIME', { field: 'frozen_time' });
    }
    spec.given([]).when(advance('2027-02-01T00:00:00Z')).thenThrows('TEST_CLOCK_NOT_FOUND', { kind: 'not_found' });
    spec.given([created]).when({ type: 'CreateTestClock', data: { test_clock_id: CLOCK_1, frozen_time: '2027-01-01T00:00:00Z' }, now: START }).thenThrows('TEST_CLOCK_ALREADY_EXISTS');
  });
});
