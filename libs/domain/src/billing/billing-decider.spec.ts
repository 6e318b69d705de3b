import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORDER_ERROR_KINDS } from '../order/model/order-errors.js';
import { BILLING_ERROR_CODES, BILLING_ERROR_KINDS } from './billing-errors.js';
import { PLAN_EVENT_TYPES } from './plan.js';
import { SUBSCRIPTION_EVENT_TYPES } from './subscription/subscription-decider.js';
import { TEST_CLOCK_EVENT_TYPES } from './test-clock.js';

// The wire names and codes are a public contract: listed here so that renaming one fails a test.
describe('plan, subscription and test clock catalogue', () => {
  it('lists every event wire name once', () => {
    expect([...PLAN_EVENT_TYPES, ...SUBSCRIPTION_EVENT_TYPES, ...TEST_CLOCK_EVENT_TYPES].sort()).toEqual(
      [
        'PlanCreated',
        'PlanArchived',
        'SubscriptionCreated',
        'BillingCycleStarted',
        'RenewalPaymentFailed',
        'SubscriptionMarkedPastDue',
        'BillingCyclePaid',
        'SubscriptionCanceled',
        'SubscriptionCancellationScheduled',
        'SubscriptionPaused',
        'SubscriptionResumed',
        'TestClockCreated',
        'TestClockAdvanced',
      ].sort(),
    );
  });

  it('lists every rejection code with its kind; codes shared with orders keep their kind', () => {
    expect(Object.keys(BILLING_ERROR_KINDS).sort()).toEqual(
      [
        'UNKNOWN_CURRENCY',
        'INVALID_AMOUNT',
        'INVALID_PERCENTAGE',
        'CURRENCY_MISMATCH',
        'AMOUNT_TOO_LARGE',
        'INVALID_ID',
        'INVALID_NAME',
        'INVALID_QUANTITY',
        'INVALID_METADATA',
        'PLAN_NOT_FOUND',
        'PLAN_ALREADY_EXISTS',
        'PLAN_ARCHIVED',
        'INVALID_INTERVAL',
        'INVALID_INTERVAL_COUNT',
        'INVALID_TRIAL_DAYS',
        'EMPTY_PLAN',
        'TOO_MANY_LINE_ITEMS',
        'SUBSCRIPTION_NOT_FOUND',
        'SUBSCRIPTION_ALREADY_EXISTS',
        'SUBSCRIPTION_CANCELED',
        'SUBSCRIPTION_PAUSED',
        'SUBSCRIPTION_NOT_PAUSED',
        'RENEWAL_NOT_DUE',
        'BILLING_CYCLE_MISMATCH',
        'RETRY_NOT_DUE',
        'TEST_CLOCK_NOT_FOUND',
        'TEST_CLOCK_ALREADY_EXISTS',
        'INVALID_FROZEN_TIME',
        'TEST_CLOCK_BACKWARDS',
        'TEST_CLOCK_ADVANCE_TOO_FAR',
      ].sort(),
    );
    for (const [code, kind] of Object.entries(BILLING_ERROR_KINDS)) {
      if (code in ORDER_ERROR_KINDS) expect([code, ORDER_ERROR_KINDS[code as keyof typeof ORDER_ERROR_KINDS]]).toEqual([code, kind]);
    }
  });

  it('has a test that expects each rejection code (money codes: the money specs)', () => {
    const dir = join(process.cwd(), 'libs/domain/src/billing');
    const specs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.spec.ts') && !file.endsWith('billing-decider.spec.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    const own = BILLING_ERROR_CODES.filter((code) => !['INVALID_PERCENTAGE', 'AMOUNT_TOO_LARGE'].includes(code));
    expect(own.filter((code) => !specs.includes(`'${code}'`))).toEqual([]);
  });
});
