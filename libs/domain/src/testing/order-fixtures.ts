import type { Money } from '../money/money.js';
import type { OrderCommand } from '../order/model/order-commands.js';
import type { DiscountApplied, LineItemAdded, OrderCreated, TaxApplied, TipSet } from '../order/model/order-events.js';

/* Builders for order tests: well-formed values by default, overridable per test. */

export const CREATED_AT = '2025-03-01T10:00:00.000Z';
export const NOW = '2025-03-01T10:05:00.000Z';

export const ORDER_ID = 'ord_0000000000000001';
export const LI_1 = 'li_0000000000000001';
export const LI_2 = 'li_0000000000000002';
export const LI_3 = 'li_0000000000000003';
export const DSC_1 = 'dsc_0000000000000001';
export const DSC_2 = 'dsc_0000000000000002';
export const TAX_1 = 'tax_0000000000000001';
export const TAX_2 = 'tax_0000000000000002';
export const CUS_1 = 'cus_0000000000000001';
export const CUS_2 = 'cus_0000000000000002';

/** The nth id of a prefix, well formed. */
export const nthId = (prefix: string, n: number) => `${prefix}${String(n).padStart(16, '0')}`;

export const usd = (amount: number): Money => ({ amount, currency: 'USD' });

/** A command of the given type; `now` defaults to NOW. */
export function command<T extends OrderCommand['type']>(type: T, data: Extract<OrderCommand, { type: T }>['data'], now = NOW): Extract<OrderCommand, { type: T }> {
  return { type, data, now } as Extract<OrderCommand, { type: T }>;
}

export function orderCreated(overrides: Partial<OrderCreated['data']> = {}): OrderCreated {
  return { type: 'OrderCreated', data: { order_id: ORDER_ID, currency: 'USD', customer_id: null, notes: null, metadata: {}, occurred_at: CREATED_AT, ...overrides } };
}

export function lineItemAdded(lineItemId = LI_1, overrides: Partial<LineItemAdded['data']> = {}): LineItemAdded {
  return {
    type: 'LineItemAdded',
    data: { order_id: ORDER_ID, line_item_id: lineItemId, name: 'Coffee', quantity: 1, unit_price_money: usd(450), sku: null, metadata: {}, occurred_at: CREATED_AT, ...overrides },
  };
}

export function fixedDiscountApplied(discountId = DSC_1, amount = 100, lineItemIds: string[] = []): DiscountApplied {
  return {
    type: 'DiscountApplied',
    data: {
      order_id: ORDER_ID,
      discount_id: discountId,
      name: 'Welcome',
      type: 'fixed',
      amount_money: usd(amount),
      percentage: null,
      scope: lineItemIds.length > 0 ? 'line_items' : 'order',
      line_item_ids: lineItemIds,
      occurred_at: CREATED_AT,
    },
  };
}

export function taxApplied(taxId = TAX_1, percentage = '8.875', lineItemIds: string[] = [], inclusion: 'additive' | 'inclusive' = 'additive'): TaxApplied {
  return {
    type: 'TaxApplied',
    data: {
      order_id: ORDER_ID,
      tax_id: taxId,
      name: 'Sales tax',
      percentage,
      inclusion,
      scope: lineItemIds.length > 0 ? 'line_items' : 'order',
      line_item_ids: lineItemIds,
      occurred_at: CREATED_AT,
    },
  };
}

export function fixedTipSet(amount = 200): TipSet {
  return { type: 'TipSet', data: { order_id: ORDER_ID, type: 'fixed', amount_money: usd(amount), percentage: null, occurred_at: CREATED_AT } };
}

/** An open order with one line item (LI_1, 1 × 4.50 USD). */
export const OPEN_ORDER_WITH_A_LINE = [orderCreated(), lineItemAdded()];

/** Lets a test send what the types forbid: commands come from the outside world. */
export const malformed = <T>(value: unknown): T => value as T;

/** A string of n characters. */
export const chars = (n: number, c = 'x') => c.repeat(n);

/** A metadata object with n keys. */
export const metadataWithKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

/**
 * Specs say `amount` (and `currency`) in a command's overrides; commands take money as
 * `amount_money: { amount, currency }` (USD unless said otherwise, 100 when only a currency is).
 */
export function asMoneyInput<T extends Record<string, unknown>>(data: T): Record<string, unknown> {
  if (!('amount' in data) && !('currency' in data)) return data;
  const { amount, currency, ...rest } = data;
  return { ...rest, amount_money: amount === null ? null : { amount: amount ?? 100, currency: currency ?? 'USD' } };
}
