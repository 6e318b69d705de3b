import type { SetTip } from '../../model/order-commands.js';
import type { TipSet } from '../../model/order-events.js';
import { requireEditableOrder } from '../../rules/order-guards.js';
import type { ExistingOrder, OrderState } from '../../model/order-state.js';
import { validateTipInput } from '../../rules/validation/tip-input.js';

/** Setting a tip replaces any tip already set. */
export function decideSetTip(command: SetTip, state: OrderState): TipSet[] {
  const order = requireEditableOrder(state, command.data.order_id);
  return [tipSet(order, command.data.tip, 'tip', command.now)];
}

/** Shared with CreateOrder. */
export function tipSet(order: ExistingOrder, value: unknown, field: string, now: string): TipSet {
  const tip = validateTipInput(value, field, order.currency);
  return { type: 'TipSet', data: { order_id: order.id, ...tip, occurred_at: now } };
}
