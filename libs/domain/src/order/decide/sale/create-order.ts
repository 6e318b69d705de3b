import { isKnownCurrency } from '../../../money/currencies.js';
import { moneyError } from '../../../money/money-errors.js';
import type { CreateOrder } from '../../model/order-commands.js';
import { orderError } from '../../model/order-errors.js';
import type { OrderCreated, OrderEvent } from '../../model/order-events.js';
import { createdOrder, evolveOrder } from '../../evolve/order-evolve.js';
import type { ExistingOrder, OrderState, SubscriptionLink } from '../../model/order-state.js';
import { optionalList, requireRecord, validateId, validateMetadata, validateNotes } from '../../rules/validation/fields.js';
import { validateCustomerId } from '../../rules/validation/order-details-changes.js';
import { discountApplied } from './apply-discount.js';
import { lineItemAdded } from './add-line-item.js';
import { taxApplied } from './apply-tax.js';
import { tipSet } from './set-tip.js';

/** A cycle order names its subscription and cycle, and bills the subscription's customer. */
function validateSubscriptionLink(value: unknown, customerId: unknown): { subscription?: SubscriptionLink } {
  if (value === undefined || value === null) return {};
  const link = requireRecord(value, 'subscription');
  const subscription_id = validateId('sub_', link.subscription_id, 'subscription.subscription_id');
  const cycle = link.cycle;
  if (typeof cycle !== 'number' || !Number.isInteger(cycle) || cycle < 1) throw orderError('INVALID_REQUEST', 'subscription.cycle must be a whole number from 1', 'subscription.cycle');
  if (customerId === undefined || customerId === null) throw orderError('CUSTOMER_REQUIRED', "a subscription's order bills its customer: name customer_id", 'customer_id');
  return { subscription: { subscription_id, cycle } };
}

/**
 * One decision, so one atomic append: OrderCreated, then one event per line item, discount,
 * tax and the tip, in that order. Each part is decided against the order built so far, with
 * the same rules as the single-part commands, so a discount may target a line from the same
 * request and a bad part rejects the whole order.
 */
export function decideCreateOrder(command: CreateOrder, state: OrderState): OrderEvent[] {
  const { data, now } = command;
  if (state.status !== 'none') throw orderError('ORDER_ALREADY_EXISTS', `order ${state.id} already exists`);
  const orderId = validateId('ord_', data.order_id, 'order_id');
  if (!isKnownCurrency(data.currency)) throw moneyError('UNKNOWN_CURRENCY', 'currency is not a known ISO 4217 code', 'currency');

  const created: OrderCreated = {
    type: 'OrderCreated',
    data: {
      order_id: orderId,
      currency: data.currency,
      customer_id: validateCustomerId(data.customer_id, 'customer_id'),
      notes: validateNotes(data.notes, 'notes'),
      metadata: validateMetadata(data.metadata, 'metadata'),
      ...validateSubscriptionLink(data.subscription, data.customer_id),
      occurred_at: now,
    },
  };
  const events: OrderEvent[] = [created];
  let order: ExistingOrder = createdOrder(created.data);
  const record = (event: OrderEvent) => {
    events.push(event);
    order = evolveOrder(order, event);
  };

  optionalList(data.line_items, 'line_items').forEach((item, i) => record(lineItemAdded(order, item, `line_items[${i}]`, now)));
  optionalList(data.discounts, 'discounts').forEach((discount, i) => record(discountApplied(order, discount, `discounts[${i}]`, now)));
  optionalList(data.taxes, 'taxes').forEach((tax, i) => record(taxApplied(order, tax, `taxes[${i}]`, now)));
  if (data.tip !== undefined && data.tip !== null) record(tipSet(order, data.tip, 'tip', now));
  return events;
}
