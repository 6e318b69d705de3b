import { fold } from '../../core/decider.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { command, DSC_1, fixedDiscountApplied, fixedTipSet, LI_1, LI_2, NOW, nthId, OPEN_ORDER_WITH_A_LINE, ORDER_ID, TAX_1, taxApplied, usd } from '../../testing/order-fixtures.js';
import type { OrderCommand } from '../model/order-commands.js';
import { orderDecider } from '../order-decider.js';
import type { OrderEvent } from '../model/order-events.js';
import type { ExistingOrder } from '../model/order-state.js';

const spec = deciderSpec(orderDecider);

/** One valid command of every type but CreateOrder, each accepted by ORDER_READY. */
const commands = (orderId = ORDER_ID): [string, OrderCommand][] => [
  ['AddLineItem', command('AddLineItem', { order_id: orderId, line_item: { id: LI_2, name: 'Bagel', quantity: 1, unit_price_money: usd(325) } })],
  ['UpdateLineItem', command('UpdateLineItem', { order_id: orderId, line_item_id: LI_1, changes: { quantity: 2 } })],
  ['RemoveLineItem', command('RemoveLineItem', { order_id: orderId, line_item_id: LI_1 })],
  ['ApplyDiscount', command('ApplyDiscount', { order_id: orderId, discount: { id: nthId('dsc_', 9), name: 'D', type: 'fixed', amount_money: usd(10) } })],
  ['RemoveDiscount', command('RemoveDiscount', { order_id: orderId, discount_id: DSC_1 })],
  ['ApplyTax', command('ApplyTax', { order_id: orderId, tax: { id: nthId('tax_', 9), name: 'T', percentage: '5', inclusion: 'additive' } })],
  ['RemoveTax', command('RemoveTax', { order_id: orderId, tax_id: TAX_1 })],
  ['SetTip', command('SetTip', { order_id: orderId, tip: { type: 'percentage', percentage: '10' } })],
  ['RemoveTip', command('RemoveTip', { order_id: orderId })],
  ['UpdateOrderDetails', command('UpdateOrderDetails', { order_id: orderId, changes: { notes: 'n' } })],
  ['CloseOrder', command('CloseOrder', { order_id: orderId })],
];

/** An order on which every command above is accepted. */
const ORDER_READY: OrderEvent[] = [...OPEN_ORDER_WITH_A_LINE, fixedDiscountApplied(DSC_1), taxApplied(TAX_1), fixedTipSet()];
const CLOSED: OrderEvent = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'canceled', occurred_at: NOW } };
const LOCKABLE = ['AddLineItem', 'UpdateLineItem', 'RemoveLineItem', 'ApplyDiscount', 'RemoveDiscount', 'ApplyTax', 'RemoveTax', 'SetTip', 'RemoveTip'];

describe('guards shared by every command on an existing order', () => {
  it.each(commands())('accepts %s on a ready order (so the rejections below are due to the guard)', (_type, cmd) => {
    expect(orderDecider.decide(cmd, fold(orderDecider, ORDER_READY)).length).toBe(1);
  });

  it.each(commands())('rejects %s before the order exists with ORDER_NOT_FOUND', (_type, cmd) => {
    spec.given([]).when(cmd).thenThrows('ORDER_NOT_FOUND', { kind: 'not_found' });
  });

  it.each(commands(nthId('ord_', 2)))('rejects %s addressed to another order id with ORDER_NOT_FOUND', (_type, cmd) => {
    spec.given(ORDER_READY).when(cmd).thenThrows('ORDER_NOT_FOUND');
  });

  it.each(commands())('rejects %s on a closed order with ORDER_CLOSED', (_type, cmd) => {
    spec.given([...ORDER_READY, CLOSED]).when(cmd).thenThrows('ORDER_CLOSED', { kind: 'conflict' });
  });

  describe('once money is in', () => {
    // Hand-built states cover every counter, manual ones included (no manual-payment events
    // yet); payments/payment-guards.spec.ts drives LINE_ITEMS_LOCKED from payment events.
    const withMoneyIn = (counter: 'captured' | 'manual_recorded' | 'manual_reversed' | 'refunded'): ExistingOrder => {
      const state = fold(orderDecider, ORDER_READY) as ExistingOrder;
      return { ...state, [counter]: 100 };
    };

    it.each(commands().filter(([type]) => LOCKABLE.includes(type)))('rejects %s with LINE_ITEMS_LOCKED', (_type, cmd) => {
      for (const counter of ['captured', 'manual_recorded', 'manual_reversed', 'refunded'] as const) {
        expect(() => orderDecider.decide(cmd, withMoneyIn(counter))).toThrow(expect.objectContaining({ code: 'LINE_ITEMS_LOCKED', kind: 'conflict' }));
      }
    });

    it.each(commands().filter(([type]) => !LOCKABLE.includes(type)))('still accepts %s', (_type, cmd) => {
      expect(orderDecider.decide(cmd, withMoneyIn('captured')).length).toBeGreaterThan(0);
    });
  });
});
