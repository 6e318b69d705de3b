import { MAX_AMOUNT } from '../../../money/money.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import {
  chars,
  command,
  CUS_1,
  DSC_1,
  LI_1,
  LI_2,
  malformed,
  NOW,
  nthId,
  ORDER_ID,
  orderCreated,
  TAX_1,
  usd,
} from '../../../testing/order-fixtures.js';
import type { CreateOrder } from '../../model/order-commands.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const createOrder = (data: Partial<CreateOrder['data']> = {}) => command('CreateOrder', { order_id: ORDER_ID, currency: 'USD', ...data });
const line = (id: string, amount = 450) => ({ id, name: 'Coffee', quantity: 1, unit_price_money: usd(amount) });

describe('CreateOrder', () => {
  it('creates an empty order with defaults', () => {
    spec
      .given([])
      .when(createOrder())
      .then([{ type: 'OrderCreated', data: { order_id: ORDER_ID, currency: 'USD', customer_id: null, notes: null, metadata: {}, occurred_at: NOW } }]);
  });

  it('creates the order and all its parts in one decision, in order: lines, discounts, taxes, tip', () => {
    spec
      .given([])
      .when(
        createOrder({
          customer_id: CUS_1,
          notes: 'Table 4',
          metadata: { channel: 'pos' },
          line_items: [
            { ...line(LI_1), sku: 'CF-1', metadata: { size: 'L' } },
            { id: LI_2, name: '  Bagel  ', quantity: 2, unit_price_money: usd(325) },
          ],
          discounts: [{ id: DSC_1, name: 'Happy hour', type: 'percentage', percentage: '10', line_item_ids: [LI_1] }],
          taxes: [{ id: TAX_1, name: 'Sales tax', percentage: '8.875', inclusion: 'additive' }],
          tip: { type: 'fixed', amount_money: usd(200) },
        }),
      )
      .then([
        { type: 'OrderCreated', data: { order_id: ORDER_ID, currency: 'USD', customer_id: CUS_1, notes: 'Table 4', metadata: { channel: 'pos' }, occurred_at: NOW } },
        {
          type: 'LineItemAdded',
          data: { order_id: ORDER_ID, line_item_id: LI_1, name: 'Coffee', quantity: 1, unit_price_money: usd(450), sku: 'CF-1', metadata: { size: 'L' }, occurred_at: NOW },
        },
        {
          type: 'LineItemAdded',
          data: { order_id: ORDER_ID, line_item_id: LI_2, name: 'Bagel', quantity: 2, unit_price_money: usd(325), sku: null, metadata: {}, occurred_at: NOW },
        },
        {
          type: 'DiscountApplied',
          data: {
            order_id: ORDER_ID,
            discount_id: DSC_1,
            name: 'Happy hour',
            type: 'percentage',
            amount_money: null,
            percentage: '10',
            scope: 'line_items',
            line_item_ids: [LI_1],
            occurred_at: NOW,
          },
        },
        {
          type: 'TaxApplied',
          data: { order_id: ORDER_ID, tax_id: TAX_1, name: 'Sales tax', percentage: '8.875', inclusion: 'additive', scope: 'order', line_item_ids: [], occurred_at: NOW },
        },
        { type: 'TipSet', data: { order_id: ORDER_ID, type: 'fixed', amount_money: usd(200), percentage: null, occurred_at: NOW } },
      ]);
  });

  it('accepts 250 line items, 20 discounts and 20 taxes', () => {
    const events = orderDecider.decide(
      createOrder({
        line_items: Array.from({ length: 250 }, (_, i) => line(nthId('li_', i))),
        discounts: Array.from({ length: 20 }, (_, i) => ({ id: nthId('dsc_', i), name: 'D', type: 'fixed' as const, amount_money: usd(1) })),
        taxes: Array.from({ length: 20 }, (_, i) => ({ id: nthId('tax_', i), name: 'T', percentage: '1', inclusion: 'additive' as const })),
      }),
      orderDecider.initialState(),
    );
    expect(events).toHaveLength(1 + 250 + 20 + 20);
  });

  it.each([
    ['rejects an order that already exists with ORDER_ALREADY_EXISTS', 'ORDER_ALREADY_EXISTS', undefined, createOrder()],
    ['rejects a malformed order id with INVALID_ID', 'INVALID_ID', 'order_id', createOrder({ order_id: 'order_123' })],
    ['rejects an order id with another prefix with INVALID_ID', 'INVALID_ID', 'order_id', createOrder({ order_id: LI_1 })],
    ['rejects a malformed customer id with INVALID_ID', 'INVALID_ID', 'customer_id', createOrder({ customer_id: 'cus_1' })],
    ['rejects an unknown currency with UNKNOWN_CURRENCY', 'UNKNOWN_CURRENCY', 'currency', createOrder({ currency: 'ABC' })],
    ['rejects a lower-case currency with UNKNOWN_CURRENCY', 'UNKNOWN_CURRENCY', 'currency', createOrder({ currency: 'usd' })],
    ['rejects notes over 2000 characters with INVALID_NOTES', 'INVALID_NOTES', 'notes', createOrder({ notes: chars(2001) })],
    ['rejects metadata with a non-string value with INVALID_METADATA', 'INVALID_METADATA', 'metadata.n', createOrder({ metadata: malformed({ n: 1 }) })],
    [
      'rejects a line price in another currency with CURRENCY_MISMATCH',
      'CURRENCY_MISMATCH',
      'line_items[0].unit_price_money.currency',
      createOrder({ line_items: [{ ...line(LI_1), unit_price_money: { amount: 1, currency: 'EUR' } }] }),
    ],
    ['rejects a malformed second line with its index in the field', 'INVALID_QUANTITY', 'line_items[1].quantity', createOrder({ line_items: [line(LI_1), { ...line(LI_2), quantity: 0 }] })],
    ['rejects line_items that is not a list with INVALID_REQUEST', 'INVALID_REQUEST', 'line_items', createOrder({ line_items: malformed({}) })],
    ['rejects the same line id twice with LINE_ITEM_ALREADY_EXISTS', 'LINE_ITEM_ALREADY_EXISTS', 'line_items[1].id', createOrder({ line_items: [line(LI_1), line(LI_1)] })],
    [
      'rejects 251 line items with TOO_MANY_LINE_ITEMS',
      'TOO_MANY_LINE_ITEMS',
      undefined,
      createOrder({ line_items: Array.from({ length: 251 }, (_, i) => line(nthId('li_', i))) }),
    ],
    [
      'rejects 21 discounts with TOO_MANY_DISCOUNTS',
      'TOO_MANY_DISCOUNTS',
      undefined,
      createOrder({ discounts: Array.from({ length: 21 }, (_, i) => ({ id: nthId('dsc_', i), name: 'D', type: 'fixed' as const, amount_money: usd(1) })) }),
    ],
    [
      'rejects 21 taxes with TOO_MANY_TAXES',
      'TOO_MANY_TAXES',
      undefined,
      createOrder({ taxes: Array.from({ length: 21 }, (_, i) => ({ id: nthId('tax_', i), name: 'T', percentage: '1', inclusion: 'additive' as const })) }),
    ],
    [
      'rejects a discount on a line that is not in the request with DISCOUNT_TARGET_NOT_FOUND',
      'DISCOUNT_TARGET_NOT_FOUND',
      'discounts[0].line_item_ids[0]',
      createOrder({ line_items: [line(LI_1)], discounts: [{ id: DSC_1, name: 'D', type: 'fixed', amount_money: usd(1), line_item_ids: [LI_2] }] }),
    ],
    [
      'rejects a tax on a line that is not in the request with TAX_TARGET_NOT_FOUND',
      'TAX_TARGET_NOT_FOUND',
      'taxes[0].line_item_ids[0]',
      createOrder({ taxes: [{ id: TAX_1, name: 'T', percentage: '5', inclusion: 'additive', line_item_ids: [LI_2] }] }),
    ],
    ['rejects a tip without its amount with INVALID_TIP', 'INVALID_TIP', 'tip.amount_money', createOrder({ tip: { type: 'fixed' } })],
    [
      'rejects lines whose subtotal exceeds MAX_AMOUNT with AMOUNT_TOO_LARGE',
      'AMOUNT_TOO_LARGE',
      undefined,
      createOrder({ line_items: [line(LI_1, MAX_AMOUNT), line(LI_2, 1)] }),
    ],
  ])('%s', (_name, code, field, cmd) => {
    const given = code === 'ORDER_ALREADY_EXISTS' ? [orderCreated()] : [];
    spec.given(given).when(cmd).thenThrows(code, field === undefined ? {} : { field });
  });

  it('reports ORDER_ALREADY_EXISTS as a conflict', () => {
    spec.given([orderCreated()]).when(createOrder()).thenThrows('ORDER_ALREADY_EXISTS', { kind: 'conflict' });
  });
});
