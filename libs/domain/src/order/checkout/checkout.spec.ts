import { orderDecider } from '../order-decider.js';
import { INV_1, invoiceCreated, invoiceIssued, manualPaymentRecorded } from '../../testing/collection-fixtures.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { command, CUS_1, NOW, ORDER_ID, orderCreated, usd } from '../../testing/order-fixtures.js';
import { authorized, intentCreated, methodAttached, ORDER_100, PI_1, PI_2, processingStarted, KEY_1 } from '../../testing/payment-fixtures.js';
import type { OrderEvent } from '../model/order-events.js';

const spec = deciderSpec(orderDecider);
const CS_1 = 'cs_0000000000000001';
const CS_2 = 'cs_0000000000000002';
const TOKEN = 'cst_0123456789abcdefghij';
const IN_A_DAY = '2025-03-02T10:05:00.000Z';
const LATER = '2025-03-02T10:06:00.000Z';

const open = (overrides: Record<string, unknown> = {}) =>
  command('OpenCheckoutSession', {
    order_id: ORDER_ID,
    checkout_session_id: CS_1,
    pay_token: TOKEN,
    success_url: 'https://shop.example/thanks',
    cancel_url: 'https://shop.example/cart',
    expires_at: IN_A_DAY,
    ...overrides,
  } as never);
const opened = (id = CS_1, extra: Record<string, unknown> = {}): OrderEvent =>
  ({
    type: 'CheckoutSessionOpened',
    data: {
      order_id: ORDER_ID,
      checkout_session_id: id,
      pay_token: TOKEN,
      success_url: 'https://shop.example/thanks',
      cancel_url: 'https://shop.example/cart',
      expires_at: IN_A_DAY,
      allow_save_card: false,
      payment_link_id: null,
      occurred_at: NOW,
      ...extra,
    },
  }) as OrderEvent;
const sessionIntent = (pi = PI_1): OrderEvent => {
  const e = intentCreated(pi, 'automatic', 10000);
  return { ...e, data: { ...e.data, checkout_session_id: CS_1 } } as OrderEvent;
};
const pay = (overrides: Record<string, unknown> = {}, now = NOW) =>
  command('CreatePaymentIntent', { order_id: ORDER_ID, payment_intent_id: PI_2, capture_method: 'automatic', checkout_session_id: CS_1, expected_amount: 10000, ...overrides } as never, now);

describe('OpenCheckoutSession', () => {
  it('opens a session that holds the order', () => {
    spec.given(ORDER_100).when(open()).then([opened()]);
  });

  it('refuses a second open session (ORDER_HELD_BY_CHECKOUT)', () => {
    spec.given([...ORDER_100, opened()]).when(open({ checkout_session_id: CS_2 })).thenThrows('ORDER_HELD_BY_CHECKOUT', { kind: 'conflict' });
  });

  it('replaces the open session when it is named: compare-and-swap in one append', () => {
    spec
      .given([...ORDER_100, opened()])
      .when(open({ checkout_session_id: CS_2, replace_checkout_session_id: CS_1 }))
      .then([{ type: 'CheckoutSessionClosed', data: { order_id: ORDER_ID, checkout_session_id: CS_1, reason: 'replaced', occurred_at: NOW } }, opened(CS_2)]);
  });

  it('refuses a replace naming a session that is not the open one (CHECKOUT_SESSION_REPLACE_MISMATCH)', () => {
    spec.given(ORDER_100).when(open({ checkout_session_id: CS_2, replace_checkout_session_id: CS_1 })).thenThrows('CHECKOUT_SESSION_REPLACE_MISMATCH', { kind: 'conflict', field: 'replace_checkout_session_id' });
  });

  it('refuses while an issued invoice holds the order (ORDER_HELD_BY_INVOICE)', () => {
    spec.given([orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued()]).when(open()).thenThrows('ORDER_HELD_BY_INVOICE');
  });

  it('refuses an order with nothing to collect (NOTHING_OUTSTANDING)', () => {
    spec.given([orderCreated()]).when(open()).thenThrows('NOTHING_OUTSTANDING');
    spec.given([...ORDER_100, manualPaymentRecorded(10000, undefined, null)]).when(open()).thenThrows('NOTHING_OUTSTANDING');
  });

  it('refuses while a payment holds an authorization (PAYMENT_IN_PROGRESS)', () => {
    spec.given([...ORDER_100, intentCreated(), methodAttached(), processingStarted(), authorized()]).when(open()).thenThrows('PAYMENT_IN_PROGRESS');
  });

  it('refuses a redirect that is not an absolute http(s) URL (INVALID_REDIRECT_URL)', () => {
    for (const url of ['javascript:alert(1)', '/thanks', 'https://user:pw@shop.example/', 42]) {
      spec.given(ORDER_100).when(open({ success_url: url })).thenThrows('INVALID_REDIRECT_URL', { kind: 'validation', field: 'success_url' });
    }
    spec.given(ORDER_100).when(open({ cancel_url: 'ftp://shop.example/' })).thenThrows('INVALID_REDIRECT_URL', { field: 'cancel_url' });
  });

  it('refuses an expiry under 30 minutes or over 24 hours away (INVALID_EXPIRES_AT)', () => {
    for (const at of ['2025-03-01T10:34:59.000Z', '2025-03-02T10:05:00.001Z', 'tomorrow', null]) {
      spec.given(ORDER_100).when(open({ expires_at: at })).thenThrows('INVALID_EXPIRES_AT', { kind: 'validation', field: 'expires_at' });
    }
  });

  it('offers "save my card" only for an order with a customer (CUSTOMER_REQUIRED)', () => {
    spec.given(ORDER_100).when(open({ allow_save_card: true })).thenThrows('CUSTOMER_REQUIRED');
    spec.given([orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1)]).when(open({ allow_save_card: true })).then([opened(CS_1, { allow_save_card: true })]);
  });

  it('refuses a session id used before (CHECKOUT_SESSION_ALREADY_EXISTS)', () => {
    spec.given([...ORDER_100, opened(), { type: 'CheckoutSessionClosed', data: { order_id: ORDER_ID, checkout_session_id: CS_1, reason: 'closed', occurred_at: NOW } } as OrderEvent]).when(open()).thenThrows('CHECKOUT_SESSION_ALREADY_EXISTS');
  });

  it('keeps invoices off an order a session holds (ORDER_HELD_BY_CHECKOUT)', () => {
    const held = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), opened()];
    spec.given(held).when(command('CreateInvoice', { order_id: ORDER_ID, invoice_id: INV_1 })).thenThrows('ORDER_HELD_BY_CHECKOUT');
    spec.given([orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), opened()]).when(command('IssueInvoice', { order_id: ORDER_ID, invoice_id: INV_1, number: 'INV-0001', pay_token: TOKEN })).thenThrows('ORDER_HELD_BY_CHECKOUT');
  });
});

describe('paying through a session (CreatePaymentIntent with checkout_session_id)', () => {
  it('records the session on the intent', () => {
    spec
      .given([...ORDER_100, opened()])
      .when(pay())
      .then([{ type: 'PaymentIntentCreated', data: { order_id: ORDER_ID, payment_intent_id: PI_2, amount: null, currency: 'USD', capture_method: 'automatic', customer_id: null, checkout_session_id: CS_1, occurred_at: NOW } }]);
  });

  it('refuses a session past its expiry even before the scheduler ran (CHECKOUT_SESSION_EXPIRED)', () => {
    spec.given([...ORDER_100, opened()]).when(pay({}, IN_A_DAY)).thenThrows('CHECKOUT_SESSION_EXPIRED', { kind: 'conflict' });
  });

  it('refuses a session that ended (CHECKOUT_SESSION_NOT_OPEN)', () => {
    const closed = { type: 'CheckoutSessionClosed', data: { order_id: ORDER_ID, checkout_session_id: CS_1, reason: 'closed', occurred_at: NOW } } as OrderEvent;
    spec.given([...ORDER_100, opened(), closed]).when(pay()).thenThrows('CHECKOUT_SESSION_NOT_OPEN');
  });

  it('refuses an unknown session (CHECKOUT_SESSION_NOT_FOUND)', () => {
    spec.given(ORDER_100).when(pay()).thenThrows('CHECKOUT_SESSION_NOT_FOUND', { kind: 'not_found' });
  });

  it('always captures (CHECKOUT_REQUIRES_AUTOMATIC_CAPTURE)', () => {
    spec.given([...ORDER_100, opened()]).when(pay({ capture_method: 'manual' })).thenThrows('CHECKOUT_REQUIRES_AUTOMATIC_CAPTURE', { kind: 'business' });
  });

  it('refuses when the amount shown is not what the order owes now (AMOUNT_DUE_CHANGED)', () => {
    spec.given([...ORDER_100, opened(), manualPaymentRecorded(2500, undefined, null)]).when(pay()).thenThrows('AMOUNT_DUE_CHANGED', { field: 'expected_amount' });
    spec.given([...ORDER_100, opened(), manualPaymentRecorded(2500, undefined, null)]).when(pay({ expected_amount: 7500 })).then([
      { type: 'PaymentIntentCreated', data: { order_id: ORDER_ID, payment_intent_id: PI_2, amount: null, currency: 'USD', capture_method: 'automatic', customer_id: null, checkout_session_id: CS_1, occurred_at: NOW } },
    ]);
  });

  it('refuses a second payment while one is being decided (PAYMENT_IN_PROGRESS)', () => {
    spec.given([...ORDER_100, opened(), sessionIntent(), methodAttached(), processingStarted(PI_1, KEY_1, 10000, true)]).when(pay()).thenThrows('PAYMENT_IN_PROGRESS');
  });
});

describe('the session follows the order', () => {
  const paidInFull = command('RecordAuthorizationOutcome', {
    order_id: ORDER_ID,
    payment_intent_id: PI_1,
    attempt_key: KEY_1,
    outcome: { type: 'captured', authorization_id: 'auth_1', charge_id: 'ch_1' },
    capture_id: 'cap_1',
  } as never);

  it('completes when its own payment pays the order in full, in the same append', () => {
    const events = orderDecider.decide(paidInFull, fold([...ORDER_100, opened(), sessionIntent(), methodAttached(), processingStarted(PI_1, KEY_1, 10000, true)]));
    expect(events.at(-1)).toEqual({ type: 'CheckoutSessionCompleted', data: { order_id: ORDER_ID, checkout_session_id: CS_1, payment_intent_id: PI_1, amount: 10000, occurred_at: NOW } });
  });

  it('closes as order_paid when money from elsewhere pays the order in full', () => {
    const events = orderDecider.decide(
      command('RecordManualPayment', { order_id: ORDER_ID, manual_payment_id: 'mp_0000000000000001', amount_money: usd(10000), method: 'wire', received_at: '2025-03-01' } as never),
      fold([...ORDER_100, opened()]),
    );
    expect(events.map((e) => e.type)).toEqual(['ManualPaymentRecorded', 'CheckoutSessionClosed']);
    expect(events[1]!.data).toMatchObject({ checkout_session_id: CS_1, reason: 'order_paid' });
  });

  it('stays open (re-priced) after a partial manual payment or a new line', () => {
    expect(orderDecider.decide(command('RecordManualPayment', { order_id: ORDER_ID, manual_payment_id: 'mp_0000000000000001', amount_money: usd(2500), method: 'wire', received_at: '2025-03-01' } as never), fold([...ORDER_100, opened()])).map((e) => e.type)).toEqual(['ManualPaymentRecorded']);
    expect(orderDecider.decide(command('AddLineItem', { order_id: ORDER_ID, line_item: { id: 'li_0000000000000009', name: 'Gift wrap', quantity: 1, unit_price_money: usd(500) } } as never), fold([...ORDER_100, opened()])).map((e) => e.type)).toEqual(['LineItemAdded']);
  });

  it('closes with the order', () => {
    const events = orderDecider.decide(command('CloseOrder', { order_id: ORDER_ID, reason: 'canceled' } as never), fold([...ORDER_100, opened()]));
    expect(events.at(-1)).toMatchObject({ type: 'CheckoutSessionClosed', data: { reason: 'order_closed' } });
  });
});

describe('CloseCheckoutSession and ExpireCheckoutSession', () => {
  const close = command('CloseCheckoutSession', { order_id: ORDER_ID, checkout_session_id: CS_1 });
  const expire = (now: string) => command('ExpireCheckoutSession', { order_id: ORDER_ID, checkout_session_id: CS_1 }, now);

  it('closes an open session; closing again records nothing', () => {
    const closed = { type: 'CheckoutSessionClosed', data: { order_id: ORDER_ID, checkout_session_id: CS_1, reason: 'closed', occurred_at: NOW } } as OrderEvent;
    spec.given([...ORDER_100, opened()]).when(close).then([closed]);
    spec.given([...ORDER_100, opened(), closed]).when(close).then([]);
  });

  it('expires at its expiry, not before (CHECKOUT_SESSION_NOT_EXPIRED)', () => {
    spec.given([...ORDER_100, opened()]).when(expire(LATER)).then([{ type: 'CheckoutSessionExpired', data: { order_id: ORDER_ID, checkout_session_id: CS_1, occurred_at: LATER } }]);
    spec.given([...ORDER_100, opened()]).when(expire(NOW)).thenThrows('CHECKOUT_SESSION_NOT_EXPIRED');
  });

  it('waits while a processor call of its payment is in flight (PAYMENT_IN_PROGRESS)', () => {
    spec.given([...ORDER_100, opened(), sessionIntent(), methodAttached(), processingStarted(PI_1, KEY_1, 10000, true)]).when(expire(LATER)).thenThrows('PAYMENT_IN_PROGRESS');
  });

  it('refuses to expire an ended session (CHECKOUT_SESSION_NOT_OPEN)', () => {
    spec.given([...ORDER_100, opened(), { type: 'CheckoutSessionExpired', data: { order_id: ORDER_ID, checkout_session_id: CS_1, occurred_at: LATER } } as OrderEvent]).when(expire(LATER)).thenThrows('CHECKOUT_SESSION_NOT_OPEN');
  });

  it('frees the order for an invoice once ended', () => {
    const ended = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), opened(), { type: 'CheckoutSessionExpired', data: { order_id: ORDER_ID, checkout_session_id: CS_1, occurred_at: LATER } } as OrderEvent];
    expect(orderDecider.decide(command('CreateInvoice', { order_id: ORDER_ID, invoice_id: INV_1 }), fold(ended)).map((e) => e.type)).toEqual(['InvoiceCreated']);
  });
});

function fold(events: OrderEvent[]) {
  return events.reduce(orderDecider.evolve, orderDecider.initialState());
}
