import type { Money } from '../../money/money.js';
import type { Invoice, ManualPayment, ManualRefund } from './invoice-state.js';
import type { PaymentIntent, Refund } from './payment-state.js';
import type { MoneyFacts } from './balance.js';
import type { Scope, TaxInclusion } from '../../totals/totals-types.js';
import type { CheckoutSlice } from '../checkout/checkout-model.js';

export type Metadata = Record<string, string>;

export interface LineItem {
  id: string;
  name: string;
  quantity: number;
  unit_price_money: Money;
  sku: string | null;
  metadata: Metadata;
}

interface DiscountCommon {
  id: string;
  name: string;
  scope: Scope;
  /** Empty exactly when scope is `order`. */
  line_item_ids: string[];
}

export type Discount =
  | (DiscountCommon & { type: 'fixed'; amount_money: Money; percentage: null })
  | (DiscountCommon & { type: 'percentage'; amount_money: null; percentage: string });

export interface Tax {
  id: string;
  name: string;
  percentage: string;
  inclusion: TaxInclusion;
  scope: Scope;
  line_item_ids: string[];
}

export type Tip = { type: 'fixed'; amount_money: Money; percentage: null } | { type: 'percentage'; amount_money: null; percentage: string };

export type CloseReason = 'completed' | 'canceled';

/*
 * The order is one state folded from one stream, cut into slices that each have their own fold
 * (evolve/): what is sold, card money, collection, and the ledger — the one slice that holds,
 * and the one fold that moves, every money counter.
 */

/** What is sold (evolve/order-evolve.ts). */
export interface SaleSlice {
  /** In insertion order, which is also the tie-break order of the totals engine. */
  line_items: LineItem[];
  /** In the order they were applied: later discounts work on what earlier ones left. */
  discounts: Discount[];
  taxes: Tax[];
  tip: Tip | null;
}

/** Card money: payment intents and refunds (evolve/payment-evolve.ts). */
export interface PaymentsSlice {
  /** In creation order. */
  payment_intents: PaymentIntent[];
  /**
   * In request order. The one source of truth for per-line refunded quantity and money
   * (see rules/refund-lines.ts): nothing is copied into the line items.
   */
  refunds: Refund[];
}

/** Collection: invoices and money moved outside Ordo (evolve/collection-evolve.ts). */
export interface InvoicesSlice {
  /** In creation order; at most one is draft or issued (one collector at a time). */
  invoices: Invoice[];
  /** Money recorded as received outside Ordo, in recording order (reversed ones included). */
  manual_payments: ManualPayment[];
  /** Money recorded as given back outside Ordo (they count in `refunded`). */
  manual_refunds: ManualRefund[];
}

/** Every money counter, moved only by evolve/ledger-evolve.ts. */
export interface LedgerSlice extends MoneyFacts {
  /**
   * What manual-payment reversals put back on the balance after the order was closed (a check
   * that bounced later), less what was collected or written off for it since: the only money a
   * closed order still takes.
   */
  reopened: number;
}

/** An order that exists: its header and its slices. */
export interface ExistingOrder extends SaleSlice, PaymentsSlice, InvoicesSlice, CheckoutSlice, LedgerSlice {
  status: 'open' | 'closed';
  id: string;
  currency: string;
  customer_id: string | null;
  /** The subscription cycle this order bills; null for orders made through the API. */
  subscription: SubscriptionLink | null;
  notes: string | null;
  metadata: Metadata;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: CloseReason | null;
}

export type OrderState = { status: 'none' } | ExistingOrder;

export function initialOrderState(): OrderState {
  return { status: 'none' };
}

/** Which subscription, and which of its billing cycles (1 = the first), an order bills. */
export interface SubscriptionLink {
  subscription_id: string;
  cycle: number;
}
