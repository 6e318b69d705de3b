import { assertNever, type Money, type OrderEvent, type OrderState } from '#ordo/domain';
import { formatMoney } from './money-format.js';

const money = (m: Money | null | undefined) => (m ? formatMoney(m.amount, m.currency) : '');
const scope = (ids: readonly string[]) => (ids.length === 0 ? 'the whole order' : `line item${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`);

function lineName(state: OrderState, id: string): string {
  if (state.status === 'none') return id;
  const line = state.line_items.find((l) => l.id === id);
  return line ? `"${line.name}"` : id;
}

/** One sentence per fact, for support staff reading an order's timeline. */
export function describeOrderEvent(event: OrderEvent, before: OrderState): string {
  switch (event.type) {
    case 'OrderCreated':
      return `Order created in ${event.data.currency}${event.data.customer_id ? ` for customer ${event.data.customer_id}` : ''}`;
    case 'LineItemAdded':
      return `Line item "${event.data.name}" added: ${event.data.quantity} × ${money(event.data.unit_price_money)}`;
    case 'LineItemUpdated': {
      const c = event.data.changes;
      const parts = [
        c.name !== undefined ? `name "${c.name}"` : '',
        c.quantity !== undefined ? `quantity ${c.quantity}` : '',
        c.unit_price_money !== undefined ? `unit price ${money(c.unit_price_money)}` : '',
        c.sku !== undefined ? `SKU ${c.sku ?? 'cleared'}` : '',
        c.metadata !== undefined ? 'metadata' : '',
      ].filter(Boolean);
      return `Line item ${lineName(before, event.data.line_item_id)} changed: ${parts.join(', ')}`;
    }
    case 'LineItemRemoved':
      return `Line item ${lineName(before, event.data.line_item_id)} removed`;
    case 'DiscountApplied': {
      const d = event.data;
      const what = d.type === 'fixed' ? money(d.amount_money) : `${d.percentage}%`;
      return `Discount "${d.name}" (${what}) applied to ${scope(d.line_item_ids)}`;
    }
    case 'DiscountRemoved':
      return `Discount ${event.data.discount_id} removed`;
    case 'TaxApplied': {
      const t = event.data;
      return `Tax "${t.name}" ${t.percentage}% (${t.inclusion}) applied to ${scope(t.line_item_ids)}`;
    }
    case 'TaxRemoved':
      return `Tax ${event.data.tax_id} removed`;
    case 'TipSet':
      return `Tip set to ${event.data.type === 'fixed' ? money(event.data.amount_money) : `${event.data.percentage}%`}`;
    case 'TipRemoved':
      return 'Tip removed';
    case 'OrderDetailsUpdated':
      return `Order details changed: ${Object.keys(event.data.changes).join(', ')}`;
    case 'OrderClosed':
      return `Order closed (${event.data.reason})`;
    default:
      return assertNever(event);
  }
}
