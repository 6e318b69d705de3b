import { heldAmount } from './payment-guards.js';
import type { MoneyFacts } from '../model/balance.js';
import { orderError } from '../model/order-errors.js';
import type { ExistingOrder, OrderState } from '../model/order-state.js';

export type OpenOrder = ExistingOrder & { status: 'open' };

/** The order the command addresses; a command for another order id finds nothing either. */
export function requireOrder(state: OrderState, orderId: string): ExistingOrder {
  if (state.status === 'none' || state.id !== orderId) throw orderError('ORDER_NOT_FOUND', `order ${orderId} does not exist`);
  return state;
}

export function requireOpenOrder(state: OrderState, orderId: string): OpenOrder {
  const order = requireOrder(state, orderId);
  if (order.status !== 'open') throw orderError('ORDER_CLOSED', `order ${orderId} is closed`);
  return order as OpenOrder;
}

/**
 * What is sold can change only while no money is in and none is on its way: once anything is
 * captured, recorded, reversed, refunded or written off, or while a payment intent is confirming or holds an
 * uncaptured authorization (the amount it asked for was fixed from the total), the line items,
 * discounts, taxes and tip are frozen. Invoices and checkout sessions holding the order will
 * lock it too (an issued invoice does; a draft does not).
 */
export function requireEditableOrder(state: OrderState, orderId: string): OpenOrder {
  const order = requireOpenOrder(state, orderId);
  if (hasMoneyIn(order)) throw orderError('LINE_ITEMS_LOCKED', `order ${orderId} has payments: its items and amounts can no longer change`);
  const invoice = order.invoices.find((inv) => inv.lifecycle === 'issued');
  if (invoice) throw orderError('LINE_ITEMS_LOCKED', `invoice ${invoice.id} holds order ${orderId}: void it to change what is sold`);
  const holding = order.payment_intents.find((pi) => heldAmount(pi) > 0);
  if (holding) throw orderError('LINE_ITEMS_LOCKED', `payment intent ${holding.id} is ${holding.status} for this order: its items and amounts cannot change now`);
  return order;
}

export function hasMoneyIn(facts: MoneyFacts): boolean {
  return facts.captured > 0 || facts.manual_recorded > 0 || facts.manual_reversed > 0 || facts.refunded > 0 || facts.written_off > 0 || facts.reduced > 0;
}
