import { computeTotals } from '../../totals/compute-totals.js';
import type { OrderTotals } from '../../totals/totals-types.js';
import type { ExistingOrder } from '../model/order-state.js';

/** The amounts of an existing order, as the totals engine computes them from its state. */
export function computeOrderTotals(order: ExistingOrder): OrderTotals {
  return computeTotals({ currency: order.currency, line_items: order.line_items, discounts: order.discounts, taxes: order.taxes, tip: order.tip });
}
