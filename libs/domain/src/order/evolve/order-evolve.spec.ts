import { fold } from '../../core/decider.js';
import { CREATED_AT, CUS_1, DSC_1, fixedDiscountApplied, fixedTipSet, LI_1, LI_2, lineItemAdded, NOW, ORDER_ID, orderCreated, TAX_1, taxApplied, usd } from '../../testing/order-fixtures.js';
import { orderDecider } from '../order-decider.js';
import type { OrderEvent } from '../model/order-events.js';
import { evolveOrder } from './order-evolve.js';

const at = (occurred_at: string) => ({ order_id: ORDER_ID, occurred_at });

describe('evolveOrder', () => {
  it('starts an order open, empty and with no money in', () => {
    expect(fold(orderDecider, [orderCreated({ customer_id: CUS_1, notes: 'n', metadata: { a: 'b' } })])).toEqual({
      status: 'open',
      id: ORDER_ID,
      currency: 'USD',
      customer_id: CUS_1,
      subscription: null,
      notes: 'n',
      metadata: { a: 'b' },
      line_items: [],
      discounts: [],
      taxes: [],
      tip: null,
      payment_intents: [],
      refunds: [],
      invoices: [],
      manual_payments: [],
      manual_refunds: [],
      checkout_sessions: [],
      reopened: 0,
      captured: 0,
      manual_recorded: 0,
      manual_reversed: 0,
      refunded: 0,
      written_off: 0,
      reduced: 0,
      created_at: CREATED_AT,
      updated_at: CREATED_AT,
      closed_at: null,
      close_reason: null,
    });
  });

  it('folds a whole history into the current order', () => {
    const events: OrderEvent[] = [
      orderCreated(),
      lineItemAdded(LI_1, { sku: 'CF-1' }),
      lineItemAdded(LI_2, { name: 'Bagel' }),
      { type: 'LineItemUpdated', data: { ...at(NOW), line_item_id: LI_1, changes: { quantity: 3, sku: null, metadata: { hot: 'yes' } } } },
      fixedDiscountApplied(DSC_1, 50, [LI_2]),
      taxApplied(TAX_1, '5'),
      fixedTipSet(100),
      { type: 'TipRemoved', data: at(NOW) },
      { type: 'OrderDetailsUpdated', data: { ...at(NOW), changes: { customer_id: CUS_1 } } },
      { type: 'OrderClosed', data: { ...at('2025-03-02T00:00:00.000Z'), reason: 'completed' } },
    ];
    expect(fold(orderDecider, events)).toMatchObject({
      status: 'closed',
      customer_id: CUS_1,
      line_items: [
        { id: LI_1, name: 'Coffee', quantity: 3, unit_price_money: usd(450), sku: null, metadata: { hot: 'yes' } },
        { id: LI_2, name: 'Bagel', quantity: 1, sku: null, metadata: {} },
      ],
      discounts: [{ id: DSC_1, type: 'fixed', amount_money: usd(50), percentage: null, scope: 'line_items', line_item_ids: [LI_2] }],
      taxes: [{ id: TAX_1, percentage: '5', inclusion: 'additive', scope: 'order', line_item_ids: [] }],
      tip: null,
      created_at: CREATED_AT,
      updated_at: '2025-03-02T00:00:00.000Z',
      closed_at: '2025-03-02T00:00:00.000Z',
      close_reason: 'completed',
    });
  });

  it('removes line items, discounts and taxes by id and keeps the rest in order', () => {
    const state = fold(orderDecider, [
      orderCreated(),
      lineItemAdded(LI_1),
      lineItemAdded(LI_2),
      fixedDiscountApplied(DSC_1),
      taxApplied(TAX_1),
      { type: 'LineItemRemoved', data: { ...at(NOW), line_item_id: LI_1 } },
      { type: 'DiscountRemoved', data: { ...at(NOW), discount_id: DSC_1 } },
      { type: 'TaxRemoved', data: { ...at(NOW), tax_id: TAX_1 } },
    ]);
    expect(state).toMatchObject({ line_items: [{ id: LI_2 }], discounts: [], taxes: [], updated_at: NOW });
  });

  it('keeps a percentage tip as a percentage', () => {
    const state = fold(orderDecider, [orderCreated(), { type: 'TipSet', data: { ...at(NOW), type: 'percentage', amount_money: null, percentage: '15' } }]);
    expect(state).toMatchObject({ tip: { type: 'percentage', amount_money: null, percentage: '15' } });
  });

  it('ignores events that arrive before the order exists', () => {
    expect(evolveOrder({ status: 'none' }, lineItemAdded())).toEqual({ status: 'none' });
  });
});
