import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../core/decider.js';
import { computeTotals } from '../totals/compute-totals.js';
import { DSC_1, LI_1, LI_2, lineItemAdded, NOW, ORDER_ID, orderCreated, TAX_1, taxApplied, usd } from '../testing/order-fixtures.js';
import { orderDecider } from './order-decider.js';
import { ORDER_ERROR_CODES, ORDER_ERROR_KINDS } from './model/order-errors.js';
import { ORDER_EVENT_TYPES } from './model/order-events.js';
import type { ExistingOrder } from './model/order-state.js';
import { computeOrderTotals } from './rules/order-totals.js';

// The wire names and codes are a public contract: listed here so that renaming one fails a test.
describe('order decider catalogue', () => {
  it('lists every event wire name once', () => {
    expect([...ORDER_EVENT_TYPES].sort()).toEqual(
      [
        'OrderCreated',
        'CheckoutSessionOpened',
        'CheckoutSessionCompleted',
        'CheckoutSessionExpired',
        'CheckoutSessionClosed',
        'LineItemAdded',
        'LineItemUpdated',
        'LineItemRemoved',
        'DiscountApplied',
        'DiscountRemoved',
        'TaxApplied',
        'TaxRemoved',
        'TipSet',
        'TipRemoved',
        'OrderDetailsUpdated',
        'OrderBalanceWrittenOff',
        'OrderBalanceReduced',
        'OrderClosed',
        'PaymentIntentCreated',
        'PaymentMethodAttached',
        'PaymentProcessingStarted',
        'PaymentActionRequired',
        'PaymentAuthorized',
        'PaymentFailed',
        'PaymentCaptureStarted',
        'PaymentCaptured',
        'PaymentCaptureFailed',
        'PaymentVoidStarted',
        'PaymentVoidFailed',
        'PaymentAuthorizationReleased',
        'PaymentIntentCanceled',
        'PaymentAuthorizationExpired',
        'RefundRequested',
        'RefundSucceeded',
        'RefundFailed',
        'InvoiceCreated',
        'InvoiceDraftUpdated',
        'InvoiceIssued',
        'InvoiceVoided',
        'InvoiceMarkedUncollectible',
        'InvoiceReminderSent',
        'InvoiceMarkedOverdue',
        'ManualPaymentRecorded',
        'ManualPaymentReversed',
        'ManualRefundRecorded',
      ].sort(),
    );
  });

  it('lists every rejection code with its kind', () => {
    expect(ORDER_ERROR_KINDS).toEqual({
      ORDER_NOT_FOUND: 'not_found',
      ORDER_ALREADY_EXISTS: 'conflict',
      ORDER_CLOSED: 'conflict',
      ORDER_OPEN: 'conflict',
      UNKNOWN_CURRENCY: 'validation',
      CURRENCY_MISMATCH: 'business',
      INVALID_AMOUNT: 'validation',
      AMOUNT_TOO_LARGE: 'business',
      INVALID_QUANTITY: 'validation',
      INVALID_NAME: 'validation',
      INVALID_SKU: 'validation',
      INVALID_NOTES: 'validation',
      INVALID_METADATA: 'validation',
      INVALID_PERCENTAGE: 'validation',
      INVALID_DISCOUNT: 'validation',
      INVALID_TIP: 'validation',
      INVALID_TAX_INCLUSION: 'validation',
      TOO_MANY_LINE_ITEMS: 'business',
      TOO_MANY_DISCOUNTS: 'business',
      TOO_MANY_TAXES: 'business',
      LINE_ITEM_NOT_FOUND: 'not_found',
      LINE_ITEM_ALREADY_EXISTS: 'conflict',
      LINE_ITEM_REFERENCED: 'conflict',
      DISCOUNT_NOT_FOUND: 'not_found',
      DISCOUNT_ALREADY_EXISTS: 'conflict',
      DISCOUNT_TARGET_NOT_FOUND: 'business',
      TAX_NOT_FOUND: 'not_found',
      TAX_ALREADY_EXISTS: 'conflict',
      TAX_TARGET_NOT_FOUND: 'business',
      TIP_NOT_SET: 'conflict',
      NO_CHANGES: 'validation',
      INVALID_ID: 'validation',
      LINE_ITEMS_LOCKED: 'conflict',
      INVALID_REQUEST: 'validation',
      PAYMENT_INTENT_NOT_FOUND: 'not_found',
      PAYMENT_INTENT_ALREADY_EXISTS: 'conflict',
      PAYMENT_INTENT_UNEXPECTED_STATE: 'conflict',
      PAYMENT_INTENT_PROCESSING: 'conflict',
      PAYMENT_INTENT_CANCELED: 'conflict',
      AUTHORIZATION_EXPIRED: 'conflict',
      AUTHORIZATION_NOT_EXPIRED: 'conflict',
      INVALID_CAPTURE_METHOD: 'validation',
      INVALID_PAYMENT_METHOD: 'validation',
      PAYMENT_METHOD_REQUIRED: 'business',
      AMOUNT_EXCEEDS_OUTSTANDING: 'business',
      NOTHING_OUTSTANDING: 'business',
      CAPTURE_EXCEEDS_CAPTURABLE: 'business',
      CANCEL_AFTER_CAPTURE: 'conflict',
      PAYMENT_ATTEMPT_NOT_FOUND: 'not_found',
      PAYMENT_ATTEMPT_ALREADY_SETTLED: 'conflict',
      ATTEMPT_KEY_ALREADY_USED: 'conflict',
      PAYMENT_IN_PROGRESS: 'conflict',
      REFUND_NOT_FOUND: 'not_found',
      REFUND_ALREADY_EXISTS: 'conflict',
      REFUND_EXCEEDS_REFUNDABLE: 'business',
      REFUND_QUANTITY_EXCEEDS_REMAINING: 'business',
      PAYMENT_NOT_CAPTURED: 'business',
      INVOICE_NOT_FOUND: 'not_found',
      INVOICE_ALREADY_EXISTS: 'conflict',
      ORDER_ALREADY_INVOICED: 'conflict',
      ORDER_HELD_BY_INVOICE: 'conflict',
      INVOICE_NOT_DRAFT: 'conflict',
      INVOICE_NOT_OPEN: 'conflict',
      INVOICE_HAS_PAYMENTS: 'conflict',
      INVOICE_ALREADY_OVERDUE: 'conflict',
      INVOICE_NOT_DUE: 'conflict',
      INVOICE_PAID: 'conflict',
      INVOICE_PAYMENT_RESOLVING: 'conflict',
      INVOICE_REQUIRES_AUTOMATIC_CAPTURE: 'business',
      CUSTOMER_REQUIRED: 'business',
      CUSTOMER_MISMATCH: 'business',
      EMPTY_INVOICE: 'business',
      INVALID_DUE_DATE: 'validation',
      INVALID_DAYS_UNTIL_DUE: 'validation',
      INVALID_MEMO: 'validation',
      INVALID_INVOICE_NUMBER: 'validation',
      INVALID_REMINDER_KIND: 'validation',
      MANUAL_PAYMENT_NOT_FOUND: 'not_found',
      MANUAL_PAYMENT_ALREADY_EXISTS: 'conflict',
      MANUAL_PAYMENT_ALREADY_REVERSED: 'conflict',
      MANUAL_PAYMENT_REFUNDED: 'conflict',
      MANUAL_REFUND_ALREADY_EXISTS: 'conflict',
      INVALID_REFUNDED_AT: 'validation',
      INVALID_MANUAL_PAYMENT_METHOD: 'validation',
      INVALID_RECEIVED_AT: 'validation',
      INVALID_REFERENCE: 'validation',
      INVALID_NOTE: 'validation',
      INVALID_REASON: 'validation',
      CHECKOUT_SESSION_NOT_FOUND: 'not_found',
      CHECKOUT_SESSION_ALREADY_EXISTS: 'conflict',
      ORDER_HELD_BY_CHECKOUT: 'conflict',
      CHECKOUT_SESSION_REPLACE_MISMATCH: 'conflict',
      CHECKOUT_SESSION_NOT_OPEN: 'conflict',
      CHECKOUT_SESSION_EXPIRED: 'conflict',
      CHECKOUT_SESSION_NOT_EXPIRED: 'conflict',
      AMOUNT_DUE_CHANGED: 'conflict',
      CHECKOUT_REQUIRES_AUTOMATIC_CAPTURE: 'business',
      INVALID_REDIRECT_URL: 'validation',
      INVALID_EXPIRES_AT: 'validation',
    });
    expect([...ORDER_ERROR_CODES].sort()).toEqual(Object.keys(ORDER_ERROR_KINDS).sort());
  });

  it('has a test that expects each rejection code', () => {
    const specs = ['libs/domain/src/order', 'libs/domain/src/totals']
      .map((dir) => join(process.cwd(), dir))
      .flatMap((dir) =>
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.spec.ts') && !file.endsWith('order-decider.spec.ts'))
          .map((file) => readFileSync(join(dir, file), 'utf8')),
      )
      .join('\n');
    expect(ORDER_ERROR_CODES.filter((code) => !specs.includes(`'${code}'`))).toEqual([]);
  });
});

describe('computeOrderTotals', () => {
  it('computes the totals of an order from its state', () => {
    const order = fold(orderDecider, [
      orderCreated(),
      lineItemAdded(LI_1, { quantity: 2, unit_price_money: usd(1000) }),
      lineItemAdded(LI_2, { unit_price_money: usd(500) }),
      taxApplied(TAX_1, '10', [LI_2]),
    ]) as ExistingOrder;
    const totals = computeOrderTotals(order);
    expect(totals).toMatchObject({ subtotal: 2500, discount: 0, tax: 50, tip: 0, total: 2550 });
    expect(totals).toEqual(computeTotals({ currency: 'USD', line_items: order.line_items, discounts: [], taxes: order.taxes, tip: null }));
  });

  it('reports what each discount really took', () => {
    const order = fold(orderDecider, [
      orderCreated(),
      lineItemAdded(LI_1, { unit_price_money: usd(300) }),
      {
        type: 'DiscountApplied',
        data: { order_id: ORDER_ID, discount_id: DSC_1, name: 'D', type: 'fixed', amount_money: usd(1000), percentage: null, scope: 'order', line_item_ids: [], occurred_at: NOW },
      },
    ]) as ExistingOrder;
    expect(computeOrderTotals(order).discounts).toEqual([{ id: DSC_1, applied: 300 }]);
  });
});
