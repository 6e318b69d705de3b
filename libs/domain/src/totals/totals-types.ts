import type { Money } from '../money/money.js';

/** `order` targets every line item of the order (including ones added later). */
export type Scope = 'order' | 'line_items';
export type DiscountType = 'fixed' | 'percentage';
export type TaxInclusion = 'additive' | 'inclusive';
export type TipType = 'fixed' | 'percentage';

/** Anything that targets line items: a discount or a tax. */
export interface Targeting {
  scope: Scope;
  line_item_ids: readonly string[];
}

export interface TotalsLineItem {
  id: string;
  quantity: number;
  unit_price_money: Money;
}

export type TotalsDiscount = Targeting & ({ id: string; type: 'fixed'; amount_money: Money } | { id: string; type: 'percentage'; percentage: string });

export interface TotalsTax extends Targeting {
  id: string;
  percentage: string;
  inclusion: TaxInclusion;
}

export type TotalsTip = { type: 'fixed'; amount_money: Money } | { type: 'percentage'; percentage: string };

export interface TotalsInput {
  currency: string;
  line_items: readonly TotalsLineItem[];
  /** In the order they were added: that order matters. */
  discounts: readonly TotalsDiscount[];
  taxes: readonly TotalsTax[];
  tip: TotalsTip | null;
}

export interface LineItemTotals {
  id: string;
  gross: number;
  discount: number;
  net: number;
  tax: number;
  total: number;
}

/** Every figure is an integer count of minor units. */
export interface OrderTotals {
  subtotal: number;
  discount: number;
  tax: number;
  tip: number;
  total: number;
  line_items: LineItemTotals[];
  discounts: { id: string; applied: number }[];
  taxes: { id: string; applied: number }[];
}
