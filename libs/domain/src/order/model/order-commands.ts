import type { CheckoutCommand } from '../checkout/checkout-model.js';
import type { CollectionCommand } from './collection-commands.js';
import type { Command } from '../../core/decider.js';
import type { PaymentCommand } from './payment-commands.js';
import type { Money } from '../../money/money.js';
import type { LineItemChanges, OrderDetailsChanges } from './order-events.js';
import type { CloseReason, Metadata } from './order-state.js';
import type { DiscountType, TaxInclusion, TipType } from '../../totals/totals-types.js';

/*
 * Command inputs describe what a well-formed request carries. The decider still checks every
 * field at run time: commands come from the outside world.
 */

export interface LineItemInput {
  id: string;
  name: string;
  quantity: number;
  unit_price_money: Money;
  sku?: string | null;
  metadata?: Metadata;
}

/** `line_item_ids` non-empty → scope `line_items`; absent or empty → scope `order`. */
export interface DiscountInput {
  id: string;
  name: string;
  type: DiscountType;
  amount_money?: Money | null;
  percentage?: string | null;
  line_item_ids?: string[] | null;
}

export interface TaxInput {
  id: string;
  name: string;
  percentage: string;
  inclusion: TaxInclusion;
  line_item_ids?: string[] | null;
}

export interface TipInput {
  type: TipType;
  amount_money?: Money | null;
  percentage?: string | null;
}

import type { SubscriptionLink } from './order-state.js';

export type CreateOrder = Command<
  'CreateOrder',
  {
    order_id: string;
    currency: string;
    customer_id?: string | null;
    notes?: string | null;
    metadata?: Metadata;
    line_items?: LineItemInput[];
    discounts?: DiscountInput[];
    taxes?: TaxInput[];
    tip?: TipInput | null;
    /** The subscription cycle this order bills (a renewal order); needs the customer. */
    subscription?: SubscriptionLink | null;
  }
>;
export type AddLineItem = Command<'AddLineItem', { order_id: string; line_item: LineItemInput }>;
export type UpdateLineItem = Command<'UpdateLineItem', { order_id: string; line_item_id: string; changes: LineItemChanges }>;
export type RemoveLineItem = Command<'RemoveLineItem', { order_id: string; line_item_id: string }>;
export type ApplyDiscount = Command<'ApplyDiscount', { order_id: string; discount: DiscountInput }>;
export type RemoveDiscount = Command<'RemoveDiscount', { order_id: string; discount_id: string }>;
export type ApplyTax = Command<'ApplyTax', { order_id: string; tax: TaxInput }>;
export type RemoveTax = Command<'RemoveTax', { order_id: string; tax_id: string }>;
export type SetTip = Command<'SetTip', { order_id: string; tip: TipInput }>;
export type RemoveTip = Command<'RemoveTip', { order_id: string }>;
export type UpdateOrderDetails = Command<'UpdateOrderDetails', { order_id: string; changes: OrderDetailsChanges }>;
export type CloseOrder = Command<'CloseOrder', { order_id: string; reason?: CloseReason }>;
/** Writes off what a closed order owes again (a check that bounced after closing) as bad debt. */
export type WriteOffBalance = Command<'WriteOffBalance', { order_id: string }>;

export type OrderCommand =
  | CheckoutCommand
  | CreateOrder
  | AddLineItem
  | UpdateLineItem
  | RemoveLineItem
  | ApplyDiscount
  | RemoveDiscount
  | ApplyTax
  | RemoveTax
  | SetTip
  | RemoveTip
  | UpdateOrderDetails
  | CloseOrder
  | WriteOffBalance
  | PaymentCommand
  | CollectionCommand;

export type OrderCommandType = OrderCommand['type'];
