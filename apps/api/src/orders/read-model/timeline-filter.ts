import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CUSTOMER_EVENT_TYPES, ORDER_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES, type CustomerEventType, type OrderEventType, type SubscriptionEventType } from '#ordo/domain';
import { ApiError } from '../../platform/api-error.js';

/**
 * The filters both timelines (an order's, a customer's) take: `type` is a comma-separated list of
 * event types and/or categories, `from` / `to` bound `occurred_at` (both inclusive).
 */
export const TIMELINE_CATEGORIES = ['order', 'payment', 'invoice', 'manual_payment', 'customer', 'subscription', 'checkout'] as const;
export type TimelineCategory = (typeof TIMELINE_CATEGORIES)[number];

/**
 * Each event type's category, listed: the mapped type makes a new event type a compile error
 * until it is filed here (classifying by name prefix once filed manual refunds under payments).
 * payment: card money and its processor calls; invoice: invoice facts; manual_payment: money moved
 * outside Ordo; checkout: hosted checkout sessions; order: what is sold, and the balance adjustments (write-offs, reductions);
 * customer: the customer's own facts (details, saved payment methods), subscription: their
 * subscriptions' facts (renewals, failed charges, past_due, recovery) — both in customer timelines only.
 */
const CATEGORY_OF: { [T in OrderEventType]: TimelineCategory } = {
  OrderCreated: 'order',
  LineItemAdded: 'order',
  LineItemUpdated: 'order',
  LineItemRemoved: 'order',
  DiscountApplied: 'order',
  DiscountRemoved: 'order',
  TaxApplied: 'order',
  TaxRemoved: 'order',
  TipSet: 'order',
  TipRemoved: 'order',
  OrderDetailsUpdated: 'order',
  OrderBalanceWrittenOff: 'order',
  OrderBalanceReduced: 'order',
  OrderClosed: 'order',
  CheckoutSessionOpened: 'checkout',
  CheckoutSessionCompleted: 'checkout',
  CheckoutSessionExpired: 'checkout',
  CheckoutSessionClosed: 'checkout',
  PaymentIntentCreated: 'payment',
  PaymentMethodAttached: 'payment',
  PaymentProcessingStarted: 'payment',
  PaymentActionRequired: 'payment',
  PaymentAuthorized: 'payment',
  PaymentFailed: 'payment',
  PaymentCaptureStarted: 'payment',
  PaymentCaptured: 'payment',
  PaymentCaptureFailed: 'payment',
  PaymentVoidStarted: 'payment',
  PaymentVoidFailed: 'payment',
  PaymentAuthorizationReleased: 'payment',
  PaymentIntentCanceled: 'payment',
  PaymentAuthorizationExpired: 'payment',
  RefundRequested: 'payment',
  RefundSucceeded: 'payment',
  RefundFailed: 'payment',
  InvoiceCreated: 'invoice',
  InvoiceDraftUpdated: 'invoice',
  InvoiceIssued: 'invoice',
  InvoiceVoided: 'invoice',
  InvoiceMarkedUncollectible: 'invoice',
  InvoiceReminderSent: 'invoice',
  InvoiceMarkedOverdue: 'invoice',
  ManualPaymentRecorded: 'manual_payment',
  ManualPaymentReversed: 'manual_payment',
  ManualRefundRecorded: 'manual_payment',
};

const CUSTOMER_CATEGORY_OF: { [T in CustomerEventType]: 'customer' } = {
  CustomerCreated: 'customer',
  CustomerUpdated: 'customer',
  PaymentMethodSaved: 'customer',
  DefaultPaymentMethodSet: 'customer',
  PaymentMethodRemoved: 'customer',
};

const SUBSCRIPTION_CATEGORY_OF: { [T in SubscriptionEventType]: 'subscription' } = {
  SubscriptionCreated: 'subscription',
  BillingCycleStarted: 'subscription',
  RenewalPaymentFailed: 'subscription',
  SubscriptionMarkedPastDue: 'subscription',
  BillingCyclePaid: 'subscription',
  SubscriptionCanceled: 'subscription',
  SubscriptionCancellationScheduled: 'subscription',
  SubscriptionPaused: 'subscription',
  SubscriptionResumed: 'subscription',
};

type TimelineEventType = OrderEventType | CustomerEventType | SubscriptionEventType;

export function timelineCategory(type: TimelineEventType): TimelineCategory {
  if (type in CATEGORY_OF) return CATEGORY_OF[type as OrderEventType];
  if (type in CUSTOMER_CATEGORY_OF) return CUSTOMER_CATEGORY_OF[type as CustomerEventType];
  return SUBSCRIPTION_CATEGORY_OF[type as SubscriptionEventType];
}

const TIMELINE_EVENT_TYPES: readonly TimelineEventType[] = [...ORDER_EVENT_TYPES, ...CUSTOMER_EVENT_TYPES, ...SUBSCRIPTION_EVENT_TYPES];
const EVENT_TYPES: ReadonlySet<string> = new Set(TIMELINE_EVENT_TYPES);
const CATEGORIES: ReadonlySet<string> = new Set(TIMELINE_CATEGORIES);

/** The event types one `type` token stands for (none when the token is neither a type nor a category). */
function typesOf(token: string): string[] {
  if (CATEGORIES.has(token)) return TIMELINE_EVENT_TYPES.filter((t) => timelineCategory(t) === token);
  return EVENT_TYPES.has(token) ? [token] : [];
}

function tokensOf(value: string): string[] {
  return value.split(',').map((token) => token.trim());
}

/** For the DTO: every token of the list is a known event type or category. */
export function isTimelineTypeList(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && tokensOf(value).every((token) => typesOf(token).length > 0);
}


/** What the query string gave (validated by the DTO). */
export interface TimelineQuery {
  type?: string;
  from?: string;
  to?: string;
}

/** The filters in the read model's terms: event types to keep (undefined = all), instants normalised to UTC ISO. */
export interface TimelineFilter {
  types?: readonly string[];
  from?: string;
  to?: string;
}

export function toTimelineFilter(query: TimelineQuery): TimelineFilter {
  const filter: TimelineFilter = {};
  if (query.type !== undefined) filter.types = [...new Set(tokensOf(query.type).flatMap(typesOf))];
  if (query.from !== undefined) filter.from = new Date(query.from).toISOString();
  if (query.to !== undefined) filter.to = new Date(query.to).toISOString();
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new ApiError(400, 'INVALID_FIELD', 'to must not be before from', 'to');
  }
  return filter;
}

/** WHERE conditions on a timeline table (or its alias) for the filter; none when nothing is filtered. */
export function timelineConditions(filter: TimelineFilter, table = 'order_timeline'): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.types) {
    conditions.push(filter.types.length === 0 ? sql<SqlBool>`0 = 1` : sql<SqlBool>`${sql.ref(`${table}.type`)} in (${sql.join(filter.types)})`);
  }
  if (filter.from !== undefined) conditions.push(sql<SqlBool>`${sql.ref(`${table}.occurred_at`)} >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql<SqlBool>`${sql.ref(`${table}.occurred_at`)} <= ${filter.to}`);
  return conditions;
}
