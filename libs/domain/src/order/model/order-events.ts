import { CHECKOUT_EVENT_TYPES, type CheckoutEvent } from '../checkout/checkout-model.js';
import type { DomainEvent } from '../../core/decider.js';
import { COLLECTION_EVENT_TYPES, type CollectionEvent } from './collection-events.js';
import { PAYMENT_EVENT_TYPES, type PaymentEvent } from './payment-events.js';
import type { Money } from '../../money/money.js';
import type { CloseReason, Metadata, SubscriptionLink } from './order-state.js';
import type { Scope, TaxInclusion } from '../../totals/totals-types.js';

/** Every order event's data names its order and when it happened (the command's `now`). */
interface OrderEventData {
  order_id: string;
  occurred_at: string;
}

export type OrderCreated = DomainEvent<
  'OrderCreated',
  /** `subscription` is written only for a subscription's cycle order (absent = an order made through the API). */
  OrderEventData & { currency: string; customer_id: string | null; notes: string | null; metadata: Metadata; subscription?: SubscriptionLink }
>;

export type LineItemAdded = DomainEvent<
  'LineItemAdded',
  OrderEventData & { line_item_id: string; name: string; quantity: number; unit_price_money: Money; sku: string | null; metadata: Metadata }
>;

/** A key present in `changes` was changed; `sku: null` clears the SKU; metadata is replaced whole. */
export interface LineItemChanges {
  name?: string;
  quantity?: number;
  unit_price_money?: Money;
  sku?: string | null;
  metadata?: Metadata;
}

export type LineItemUpdated = DomainEvent<'LineItemUpdated', OrderEventData & { line_item_id: string; changes: LineItemChanges }>;

export type LineItemRemoved = DomainEvent<'LineItemRemoved', OrderEventData & { line_item_id: string }>;

export type DiscountApplied = DomainEvent<
  'DiscountApplied',
  OrderEventData & { discount_id: string; name: string; scope: Scope; line_item_ids: string[] } & (
      | { type: 'fixed'; amount_money: Money; percentage: null }
      | { type: 'percentage'; amount_money: null; percentage: string }
    )
>;

export type DiscountRemoved = DomainEvent<'DiscountRemoved', OrderEventData & { discount_id: string }>;

export type TaxApplied = DomainEvent<
  'TaxApplied',
  OrderEventData & { tax_id: string; name: string; percentage: string; inclusion: TaxInclusion; scope: Scope; line_item_ids: string[] }
>;

export type TaxRemoved = DomainEvent<'TaxRemoved', OrderEventData & { tax_id: string }>;

export type TipSet = DomainEvent<
  'TipSet',
  OrderEventData & ({ type: 'fixed'; amount_money: Money; percentage: null } | { type: 'percentage'; amount_money: null; percentage: string })
>;

export type TipRemoved = DomainEvent<'TipRemoved', OrderEventData>;

/** A key present in `changes` was changed; null clears customer_id/notes; metadata is replaced whole. */
export interface OrderDetailsChanges {
  customer_id?: string | null;
  notes?: string | null;
  metadata?: Metadata;
}

export type OrderDetailsUpdated = DomainEvent<'OrderDetailsUpdated', OrderEventData & { changes: OrderDetailsChanges }>;

export type OrderClosed = DomainEvent<'OrderClosed', OrderEventData & { reason: CloseReason }>;

/**
 * Closing an order after a partial payment: what was still outstanding is written off, so the
 * remainder is a visible fact of the timeline rather than silently dropped. Always followed by
 * OrderClosed in the same decision.
 */
export type OrderBalanceWrittenOff = DomainEvent<'OrderBalanceWrittenOff', OrderEventData & { amount: number }>;

/**
 * What is owed is lowered without counting as bad debt: the merchant released the rest of an
 * authorization and said the order is worth only what was captured ("shipped less, captured
 * less"). Not money in: `paid` stays; `reduced` moves, and payment_status compares paid with
 * total − reduced. Always follows the PaymentAuthorizationReleased it comes from.
 */
export type OrderBalanceReduced = DomainEvent<'OrderBalanceReduced', OrderEventData & { amount: number; payment_intent_id: string; reason: 'authorization_released' }>;

export type OrderEvent =
  | OrderCreated
  | LineItemAdded
  | LineItemUpdated
  | LineItemRemoved
  | DiscountApplied
  | DiscountRemoved
  | TaxApplied
  | TaxRemoved
  | TipSet
  | TipRemoved
  | OrderDetailsUpdated
  | OrderBalanceWrittenOff
  | OrderBalanceReduced
  | OrderClosed
  | PaymentEvent
  | CollectionEvent
  | CheckoutEvent;

export type OrderEventType = OrderEvent['type'];

// A mapped type makes the compiler insist on every event type being listed exactly once.
const EVENT_TYPES: { [T in Exclude<OrderEventType, PaymentEvent['type'] | CollectionEvent['type'] | CheckoutEvent['type']>]: T } = {
  OrderCreated: 'OrderCreated',
  LineItemAdded: 'LineItemAdded',
  LineItemUpdated: 'LineItemUpdated',
  LineItemRemoved: 'LineItemRemoved',
  DiscountApplied: 'DiscountApplied',
  DiscountRemoved: 'DiscountRemoved',
  TaxApplied: 'TaxApplied',
  TaxRemoved: 'TaxRemoved',
  TipSet: 'TipSet',
  TipRemoved: 'TipRemoved',
  OrderDetailsUpdated: 'OrderDetailsUpdated',
  OrderBalanceWrittenOff: 'OrderBalanceWrittenOff',
  OrderBalanceReduced: 'OrderBalanceReduced',
  OrderClosed: 'OrderClosed',
};

/** The stable wire names of every order event, payment, refund, invoice and manual-payment events included. */
export const ORDER_EVENT_TYPES: readonly OrderEventType[] = Object.freeze([...Object.values(EVENT_TYPES), ...PAYMENT_EVENT_TYPES, ...COLLECTION_EVENT_TYPES, ...CHECKOUT_EVENT_TYPES]);
