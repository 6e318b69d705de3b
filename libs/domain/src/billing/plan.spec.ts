import { deciderSpec } from '../testing/decider-spec.js';
import { PLAN_1, planCreated, START } from '../testing/billing-fixtures.js';
import { planCycleAmount, planDecider, type CreatePlan } from './plan.js';

const spec = deciderSpec(planDecider);
const create = (data: Partial<CreatePlan['data']> = {}) => ({
  type: 'CreatePlan' as const,
  data: { plan_id: PLAN_1, name: 'Pro', currency: 'USD', interval: 'month', line_items: [{ name: 'Pro seat', quantity: 2, unit_price_money: { amount: 1500, currency: 'USD' } }], ...data },
  now: START,
});

describe('plans', () => {
  it('creates a plan: every cycle once a month by default, no trial', () => {
    spec.given([]).when(create()).then([planCreated()]);
    expect(planCycleAmount(planCreated().data)).toBe(3000);
  });

  it('takes an interval count up to a year and trial days', () => {
    spec.given([]).when(create({ interval: 'week', interval_count: 2, trial_days: 14 })).then([planCreated({ interval: 'week', interval_count: 2, trial_days: 14 })]);
  });

  it.each([
    [{ interval: 'fortnight' }, 'INVALID_INTERVAL', 'interval'],
    [{ interval: 'month', interval_count: 13 }, 'INVALID_INTERVAL_COUNT', 'interval_count'],
    [{ interval: 'day', interval_count: 0 }, 'INVALID_INTERVAL_COUNT', 'interval_count'],
    [{ trial_days: -1 }, 'INVALID_TRIAL_DAYS', 'trial_days'],
    [{ trial_days: 1.5 }, 'INVALID_TRIAL_DAYS', 'trial_days'],
    [{ line_items: [] }, 'EMPTY_PLAN', 'line_items'],
    [{ line_items: Array.from({ length: 21 }, () => ({ name: 'x', quantity: 1, unit_price_money: { amount: 1, currency: 'USD' } })) }, 'TOO_MANY_LINE_ITEMS', 'line_items'],
    [{ line_items: [{ name: 'x', quantity: 1, unit_price_money: { amount: 1, currency: 'EUR' } }] }, 'CURRENCY_MISMATCH', 'line_items[0].unit_price_money.currency'],
    [{ line_items: [{ name: 'x', quantity: 0, unit_price_money: { amount: 1, currency: 'USD' } }] }, 'INVALID_QUANTITY', 'line_items[0].quantity'],
    [{ line_items: [{ name: ' ', quantity: 1, unit_price_money: { amount: 1, currency: 'USD' } }] }, 'INVALID_NAME', 'line_items[0].name'],
    [{ line_items: [{ name: 'x', quantity: 1, unit_price_money: { amount: 1.5, currency: 'USD' } }] }, 'INVALID_AMOUNT', 'line_items[0].unit_price_money.amount'],
    [{ currency: 'XYZ' }, 'UNKNOWN_CURRENCY', 'currency'],
    [{ plan_id: 'sub_0000000000000001' }, 'INVALID_ID', 'plan_id'],
    [{ metadata: { a: 1 } }, 'INVALID_METADATA', 'metadata.a'],
  ] as const)('refuses %p with %s', (data, code, field) => {
    spec.given([]).when(create(data as Partial<CreatePlan['data']>)).thenThrows(code, { field });
  });

  it('refuses a plan id in use; archives once, then records nothing', () => {
    spec.given([planCreated()]).when(create()).thenThrows('PLAN_ALREADY_EXISTS', { kind: 'conflict' });
    spec.given([planCreated()]).when({ type: 'ArchivePlan', data: { plan_id: PLAN_1 }, now: START }).then([{ type: 'PlanArchived', data: { plan_id: PLAN_1, occurred_at: START } }]);
    spec.given([planCreated(), { type: 'PlanArchived', data: { plan_id: PLAN_1, occurred_at: START } }]).when({ type: 'ArchivePlan', data: { plan_id: PLAN_1 }, now: START }).thenNothingHappens();
    spec.given([]).when({ type: 'ArchivePlan', data: { plan_id: PLAN_1 }, now: START }).thenThrows('PLAN_NOT_FOUND', { kind: 'not_found' });
  });
});
