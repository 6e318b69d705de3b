import { assertNever } from '../../core/decider.js';
import { isCollectionEvent } from '../model/collection-events.js';
import { creditInvoice, evolveCollection } from './collection-evolve.js';
import { isPaymentEvent } from '../model/payment-events.js';
import { evolveLedger } from './ledger-evolve.js';
import { isCheckoutEvent } from '../checkout/checkout-model.js';
import { evolveCheckout } from '../checkout/checkout-decider.js';
import { evolvePayment } from './payment-evolve.js';
import type { DiscountApplied, LineItemChanges, OrderCreated, OrderDetailsChanges, OrderEvent, TipSet } from '../model/order-events.js';
import type { Discount, ExistingOrder, LineItem, OrderState, Tip } from '../model/order-state.js';

/**
 * Folds one event into the order. Events are facts already accepted, so evolve never refuses:
 * an event that cannot apply (anything but OrderCreated before the order exists) is ignored.
 */
export function evolveOrder(state: ExistingOrder, event: OrderEvent): ExistingOrder;
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState;
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderCreated') return createdOrder(event.data);
  if (state.status === 'none') return state;
  // The slices' folds, then the ledger's: the one fold that moves money counters.
  return { ...evolveExisting(state, event), ...evolveLedger(state, event), updated_at: event.data.occurred_at };
}

/** The state an order starts in: open, empty, no money in. */
export function createdOrder(data: OrderCreated['data']): ExistingOrder {
  const { order_id, currency, customer_id, notes, metadata, occurred_at } = data;
  return {
    status: 'open',
    id: order_id,
    currency,
    customer_id,
    subscription: data.subscription ?? null,
    notes,
    metadata,
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
    created_at: occurred_at,
    updated_at: occurred_at,
    closed_at: null,
    close_reason: null,
  };
}

function evolveExisting(order: ExistingOrder, event: Exclude<OrderEvent, { type: 'OrderCreated' }>): ExistingOrder {
  if (isPaymentEvent(event)) {
    const next = evolvePayment(order, event);
    if (event.type !== 'PaymentCaptured') return next;
    // The capture credits the invoice decide named; events written before it named one follow
    // the rule decide applies (the invoice holding the order), so both fold alike.
    const credited = 'credits_invoice_id' in event.data ? event.data.credits_invoice_id : next.invoices.find((inv) => inv.lifecycle === 'issued')?.id;
    return credited ? creditInvoice(next, credited, event.data.amount, event.data.occurred_at) : next;
  }
  if (isCollectionEvent(event)) return evolveCollection(order, event);
  if (isCheckoutEvent(event)) return evolveCheckout(order, event);
  switch (event.type) {
    case 'LineItemAdded': {
      const { line_item_id, name, quantity, unit_price_money, sku, metadata } = event.data;
      return { ...order, line_items: [...order.line_items, { id: line_item_id, name, quantity, unit_price_money, sku, metadata }] };
    }
    case 'LineItemUpdated': {
      const { line_item_id, changes } = event.data;
      return { ...order, line_items: order.line_items.map((item) => (item.id === line_item_id ? applyLineItemChanges(item, changes) : item)) };
    }
    case 'LineItemRemoved':
      return { ...order, line_items: order.line_items.filter((item) => item.id !== event.data.line_item_id) };
    case 'DiscountApplied':
      return { ...order, discounts: [...order.discounts, discountFrom(event.data)] };
    case 'DiscountRemoved':
      return { ...order, discounts: order.discounts.filter((d) => d.id !== event.data.discount_id) };
    case 'TaxApplied': {
      const { tax_id, name, percentage, inclusion, scope, line_item_ids } = event.data;
      return { ...order, taxes: [...order.taxes, { id: tax_id, name, percentage, inclusion, scope, line_item_ids }] };
    }
    case 'TaxRemoved':
      return { ...order, taxes: order.taxes.filter((t) => t.id !== event.data.tax_id) };
    case 'TipSet':
      return { ...order, tip: tipFrom(event.data) };
    case 'TipRemoved':
      return { ...order, tip: null };
    case 'OrderDetailsUpdated':
      return applyDetailsChanges(order, event.data.changes);
    case 'OrderBalanceWrittenOff':
    case 'OrderBalanceReduced':
      return order; // money counters only: the ledger's fold
    case 'OrderClosed':
      return { ...order, status: 'closed', closed_at: event.data.occurred_at, close_reason: event.data.reason };
    default:
      return assertNever(event);
  }
}

function discountFrom(data: DiscountApplied['data']): Discount {
  const common = { id: data.discount_id, name: data.name, scope: data.scope, line_item_ids: data.line_item_ids };
  return data.type === 'fixed'
    ? { ...common, type: 'fixed', amount_money: data.amount_money, percentage: null }
    : { ...common, type: 'percentage', amount_money: null, percentage: data.percentage };
}

function tipFrom(data: TipSet['data']): Tip {
  return data.type === 'fixed' ? { type: 'fixed', amount_money: data.amount_money, percentage: null } : { type: 'percentage', amount_money: null, percentage: data.percentage };
}

// Changes are copied key by key rather than spread, so a stray key in a stored event can never
// overwrite another part of the state.
function applyLineItemChanges(item: LineItem, changes: LineItemChanges): LineItem {
  return {
    ...item,
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.quantity !== undefined && { quantity: changes.quantity }),
    ...(changes.unit_price_money !== undefined && { unit_price_money: changes.unit_price_money }),
    ...(changes.sku !== undefined && { sku: changes.sku }),
    ...(changes.metadata !== undefined && { metadata: changes.metadata }),
  };
}

function applyDetailsChanges(order: ExistingOrder, changes: OrderDetailsChanges): ExistingOrder {
  return {
    ...order,
    ...(changes.customer_id !== undefined && { customer_id: changes.customer_id }),
    ...(changes.notes !== undefined && { notes: changes.notes }),
    ...(changes.metadata !== undefined && { metadata: changes.metadata }),
  };
}
