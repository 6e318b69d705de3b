import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../core/decider.js';
import { customerCreated, defaultSet, methodRemoved, methodSaved, PM_1, PM_2 } from '../testing/customer-fixtures.js';
import { ORDER_ERROR_KINDS } from '../order/model/order-errors.js';
import { CUSTOMER_ERROR_CODES, CUSTOMER_ERROR_KINDS } from './customer-errors.js';
import { CUSTOMER_EVENT_TYPES, customerDecider } from './customer-decider.js';
import type { ExistingCustomer } from './customer-state.js';

// The wire names and codes are a public contract: listed here so that renaming one fails a test.
describe('customer decider catalogue', () => {
  it('lists every event wire name once', () => {
    expect([...CUSTOMER_EVENT_TYPES].sort()).toEqual(['CustomerCreated', 'CustomerUpdated', 'DefaultPaymentMethodSet', 'PaymentMethodRemoved', 'PaymentMethodSaved']);
  });

  it('lists every rejection code with its kind; codes shared with orders keep their kind', () => {
    expect(CUSTOMER_ERROR_KINDS).toEqual({
      CUSTOMER_NOT_FOUND: 'not_found',
      CUSTOMER_ALREADY_EXISTS: 'conflict',
      INVALID_ID: 'validation',
      INVALID_NAME: 'validation',
      INVALID_METADATA: 'validation',
      INVALID_EMAIL: 'validation',
      INVALID_PHONE: 'validation',
      INVALID_ADDRESS: 'validation',
      INVALID_COUNTRY: 'validation',
      NO_CHANGES: 'validation',
      INVALID_PAYMENT_METHOD: 'validation',
      INVALID_USAGE: 'validation',
      TOO_MANY_PAYMENT_METHODS: 'business',
      PAYMENT_METHOD_NOT_FOUND: 'not_found',
      PAYMENT_METHOD_ALREADY_EXISTS: 'conflict',
      PAYMENT_METHOD_REMOVED: 'business',
      PAYMENT_METHOD_EXPIRED: 'business',
      PAYMENT_METHOD_NOT_OFF_SESSION: 'business',
      NO_DEFAULT_PAYMENT_METHOD: 'business',
    });
    for (const [code, kind] of Object.entries(CUSTOMER_ERROR_KINDS)) {
      if (code in ORDER_ERROR_KINDS) expect([code, ORDER_ERROR_KINDS[code as keyof typeof ORDER_ERROR_KINDS]]).toEqual([code, kind]);
    }
  });

  it('has a test that expects each rejection code', () => {
    const dir = join(process.cwd(), 'libs/domain/src/customer');
    const specs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.spec.ts') && !file.endsWith('customer-decider.spec.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(CUSTOMER_ERROR_CODES.filter((code) => !specs.includes(`'${code}'`))).toEqual([]);
  });
});

describe('customer evolve', () => {
  it('folds saved, default and removed methods', () => {
    const customer = fold(customerDecider, [customerCreated(), methodSaved(), defaultSet(), methodSaved(PM_2), methodRemoved(PM_1, true)]) as ExistingCustomer;
    expect(customer.default_payment_method_id).toBeNull();
    expect(customer.payment_methods.map((pm) => [pm.id, pm.removed_at === null])).toEqual([
      [PM_1, false],
      [PM_2, true],
    ]);
  });

  it('ignores an event type it does not know (written by a newer version)', () => {
    const state = fold(customerDecider, [customerCreated()]);
    expect(customerDecider.evolve(state, { type: 'SomethingNew', data: {} } as never)).toBe(state);
  });
});
