import { deciderSpec } from '../testing/decider-spec.js';
import { PAYMENT_LINK_ERROR_KINDS, linkOpenFor, paymentLinkDecider, type PaymentLinkEvent } from './payment-link.js';

const spec = deciderSpec(paymentLinkDecider);
const NOW = '2025-03-01T10:00:00.000Z';
const LINK = 'plink_0000000000000001';
const TOKEN = 'plt_0123456789abcdefghij';
const CS = (n: number) => `cs_${String(n).padStart(16, '0')}`;
const ORD = (n: number) => `ord_${String(n).padStart(16, '0')}`;
const usd = (amount: number) => ({ amount, currency: 'USD' });
const IN_AN_HOUR = '2025-03-01T11:00:00.000Z';

const create = (data: Record<string, unknown> = {}) => ({
  type: 'CreatePaymentLink' as const,
  data: { payment_link_id: LINK, pay_token: TOKEN, currency: 'USD', line_items: [{ name: 'T-shirt', unit_price_money: usd(2000), quantity: 1, adjustable_quantity: { minimum: 1, maximum: 5 } }, { name: 'Shipping', unit_price_money: usd(500) }], ...data },
  now: NOW,
});
const created = (limit: number | null = null): PaymentLinkEvent => ({
  type: 'PaymentLinkCreated',
  data: {
    payment_link_id: LINK,
    pay_token: TOKEN,
    currency: 'USD',
    line_items: [
      { name: 'T-shirt', unit_price_money: usd(2000), quantity: 1, adjustable_quantity: { minimum: 1, maximum: 5 } },
      { name: 'Shipping', unit_price_money: usd(500), quantity: 1, adjustable_quantity: null },
    ],
    completion_limit: limit,
    metadata: {},
    occurred_at: NOW,
  },
});
const start = (n: number, quantities?: unknown[], now = NOW) => ({ type: 'StartPaymentLinkSession' as const, data: { payment_link_id: LINK, checkout_session_id: CS(n), order_id: ORD(n), expires_at: IN_AN_HOUR, ...(quantities ? { quantities } : {}) }, now });
const started = (n: number, tshirts = 1): PaymentLinkEvent => ({
  type: 'PaymentLinkSessionStarted',
  data: { payment_link_id: LINK, checkout_session_id: CS(n), order_id: ORD(n), expires_at: IN_AN_HOUR, line_items: [{ name: 'T-shirt', quantity: tshirts, unit_price_money: usd(2000) }, { name: 'Shipping', quantity: 1, unit_price_money: usd(500) }], occurred_at: NOW },
});
const completed = (n: number, count: number): PaymentLinkEvent => ({ type: 'PaymentLinkCompleted', data: { payment_link_id: LINK, checkout_session_id: CS(n), order_id: ORD(n), completed: count, occurred_at: NOW } });

describe('payment links', () => {
  it('creates a link with fixed and adjustable lines', () => {
    spec.given([]).when(create()).then([created()]);
  });

  it('refuses a second create, an empty link, a bad range, a bad limit', () => {
    spec.given([created()]).when(create()).thenThrows('PAYMENT_LINK_ALREADY_EXISTS', { kind: 'conflict' });
    spec.given([]).when(create({ line_items: [] })).thenThrows('EMPTY_PAYMENT_LINK', { kind: 'validation' });
    spec.given([]).when(create({ line_items: [{ name: 'x', unit_price_money: usd(1), quantity: 3, adjustable_quantity: { minimum: 4, maximum: 9 } }] })).thenThrows('INVALID_ADJUSTABLE_QUANTITY');
    spec.given([]).when(create({ completion_limit: 0 })).thenThrows('INVALID_COMPLETION_LIMIT', { field: 'completion_limit' });
    spec.given([]).when(create({ line_items: Array.from({ length: 21 }, () => ({ name: 'x', unit_price_money: usd(1) })) })).thenThrows('TOO_MANY_LINE_ITEMS', { kind: 'business' });
  });

  it("starts a buyer's checkout with the quantities chosen", () => {
    spec.given([created()]).when(start(1, [3])).then([started(1, 3)]);
  });

  it('refuses a quantity out of range or on a fixed line (QUANTITY_NOT_ALLOWED)', () => {
    spec.given([created()]).when(start(1, [6])).thenThrows('QUANTITY_NOT_ALLOWED', { field: 'quantities[0]' });
    spec.given([created()]).when(start(1, [1, 2])).thenThrows('QUANTITY_NOT_ALLOWED', { field: 'quantities[1]' });
  });

  it('refuses an inactive link (PAYMENT_LINK_INACTIVE) and opens again once activated', () => {
    const off: PaymentLinkEvent = { type: 'PaymentLinkDeactivated', data: { payment_link_id: LINK, occurred_at: NOW } };
    spec.given([created(), off]).when(start(1)).thenThrows('PAYMENT_LINK_INACTIVE');
    spec.given([created(), off]).when({ type: 'ActivatePaymentLink', data: { payment_link_id: LINK }, now: NOW }).then([{ type: 'PaymentLinkActivated', data: { payment_link_id: LINK, occurred_at: NOW } }]);
    spec.given([created()]).when({ type: 'ActivatePaymentLink', data: { payment_link_id: LINK }, now: NOW }).then([]);
  });

  it('counts live checkouts against the limit, exactly (PAYMENT_LINK_LIMIT_REACHED)', () => {
    spec.given([created(2), started(1), started(2)]).when(start(3)).thenThrows('PAYMENT_LINK_LIMIT_REACHED', { kind: 'conflict' });
    spec.given([created(2), started(1), completed(1, 1), started(2), completed(2, 2)]).when(start(3, undefined, '2025-03-02T00:00:00.000Z')).thenThrows('PAYMENT_LINK_LIMIT_REACHED');
  });

  it('frees the slot of a checkout whose session ran out unpaid (after the grace)', () => {
    spec.given([created(1), started(1)]).when(start(2, undefined, '2025-03-01T11:05:00.000Z')).thenThrows('PAYMENT_LINK_LIMIT_REACHED');
    spec.given([created(1), started(1)]).when(start(2, undefined, '2025-03-01T11:10:00.000Z')).then([{ ...started(2), data: { ...started(2).data, occurred_at: '2025-03-01T11:10:00.000Z' } } as PaymentLinkEvent]);
  });

  it('records a completion once per session; an unknown session is CHECKOUT_SESSION_NOT_FOUND', () => {
    const complete = (n: number) => ({ type: 'RecordPaymentLinkCompletion' as const, data: { payment_link_id: LINK, checkout_session_id: CS(n) }, now: NOW });
    spec.given([created(), started(1)]).when(complete(1)).then([completed(1, 1)]);
    spec.given([created(), started(1), completed(1, 1)]).when(complete(1)).then([]);
    spec.given([created(), started(1)]).when(complete(2)).thenThrows('CHECKOUT_SESSION_NOT_FOUND', { kind: 'not_found' });
    spec.given([]).when(complete(1)).thenThrows('PAYMENT_LINK_NOT_FOUND');
  });

  it('says whether the page may start a checkout', () => {
    const link = [created(1), started(1), completed(1, 1)].reduce(paymentLinkDecider.evolve, paymentLinkDecider.initialState());
    if (link.status === 'none') throw new Error('no link');
    expect(linkOpenFor(link, NOW)).toBe('limit_reached');
  });

  it('has a kind for every code', () => {
    expect(Object.keys(PAYMENT_LINK_ERROR_KINDS)).toEqual(expect.arrayContaining(['PAYMENT_LINK_LIMIT_REACHED', 'QUANTITY_NOT_ALLOWED', 'PAYMENT_LINK_INACTIVE']));
  });
});
