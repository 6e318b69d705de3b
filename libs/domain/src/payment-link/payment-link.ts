import type { Command, DomainEvent } from '../core/decider.js';
import { deciderOf } from '../core/decider-of.js';
import { DomainError, type DomainErrorKind } from '../core/domain-error.js';
import { isKnownCurrency } from '../money/currencies.js';
import { MONEY_ERROR_KINDS, moneyError } from '../money/money-errors.js';
import { validateMoney, type Money } from '../money/money.js';
import { isRecord, optionalList, validateId, validateMetadata, validateName, validateQuantity } from '../order/rules/validation/fields.js';
import type { Metadata } from '../order/model/order-state.js';

/*
 * The payment-link aggregate (one stream per link, `payment-link-<id>`): a reusable hosted URL;
 * each buyer who continues from it gets a new order and checkout session. The link counts its
 * completions itself, on its own revision, so a completion limit holds exactly under concurrency:
 * a buyer's checkout takes a slot when it starts (SessionStarted, refused once completed + live
 * slots reach the limit); the slot is spent when that checkout completes, and freed when its
 * session's time (plus a grace for a payment still being decided) has passed unpaid.
 */

export const MAX_LINK_LINE_ITEMS = 20;
export const MAX_ADJUSTABLE_QUANTITY = 999;
/** A slot stays taken this long past its session's expiry: a payment decided at the last moment still counts. */
export const SLOT_GRACE_MS = 10 * 60_000;

export interface LinkLine {
  name: string;
  unit_price_money: Money;
  /** The default (fixed lines: the only) quantity. */
  quantity: number;
  /** Buyers pick a quantity in [min, max]; null = fixed. */
  adjustable_quantity: { minimum: number; maximum: number } | null;
}

export interface LinkSlot {
  checkout_session_id: string;
  order_id: string;
  expires_at: string;
  completed: boolean;
}

export interface ExistingPaymentLink {
  status: 'active' | 'inactive';
  id: string;
  pay_token: string;
  currency: string;
  line_items: LinkLine[];
  completion_limit: number | null;
  metadata: Metadata;
  slots: LinkSlot[];
  completed: number;
  created_at: string;
}

export type PaymentLinkState = { status: 'none' } | ExistingPaymentLink;

export type CreatePaymentLink = Command<
  'CreatePaymentLink',
  { payment_link_id: string; pay_token: string; currency: unknown; line_items: unknown; completion_limit?: unknown; metadata?: unknown }
>;
export type DeactivatePaymentLink = Command<'DeactivatePaymentLink', { payment_link_id: string }>;
export type ActivatePaymentLink = Command<'ActivatePaymentLink', { payment_link_id: string }>;
/** `quantities[i]` for line i (adjustable lines only; absent = the line's default). */
export type StartPaymentLinkSession = Command<
  'StartPaymentLinkSession',
  { payment_link_id: string; checkout_session_id: string; order_id: string; expires_at: string; quantities?: unknown }
>;
export type RecordPaymentLinkCompletion = Command<'RecordPaymentLinkCompletion', { payment_link_id: string; checkout_session_id: string }>;
export type PaymentLinkCommand = CreatePaymentLink | DeactivatePaymentLink | ActivatePaymentLink | StartPaymentLinkSession | RecordPaymentLinkCompletion;

type LinkData = { payment_link_id: string; occurred_at: string };
export type PaymentLinkCreated = DomainEvent<
  'PaymentLinkCreated',
  LinkData & { pay_token: string; currency: string; line_items: LinkLine[]; completion_limit: number | null; metadata: Metadata }
>;
export type PaymentLinkDeactivated = DomainEvent<'PaymentLinkDeactivated', LinkData>;
export type PaymentLinkActivated = DomainEvent<'PaymentLinkActivated', LinkData>;
/** The lines the new order gets, with the buyer's quantities. */
export type PaymentLinkSessionStarted = DomainEvent<
  'PaymentLinkSessionStarted',
  LinkData & { checkout_session_id: string; order_id: string; expires_at: string; line_items: { name: string; quantity: number; unit_price_money: Money }[] }
>;
export type PaymentLinkCompleted = DomainEvent<'PaymentLinkCompleted', LinkData & { checkout_session_id: string; order_id: string; completed: number }>;
export type PaymentLinkEvent = PaymentLinkCreated | PaymentLinkDeactivated | PaymentLinkActivated | PaymentLinkSessionStarted | PaymentLinkCompleted;
export const PAYMENT_LINK_EVENT_TYPES: readonly PaymentLinkEvent['type'][] = Object.freeze([
  'PaymentLinkCreated',
  'PaymentLinkDeactivated',
  'PaymentLinkActivated',
  'PaymentLinkSessionStarted',
  'PaymentLinkCompleted',
]);

export const PAYMENT_LINK_ERROR_KINDS = {
  ...MONEY_ERROR_KINDS,
  INVALID_ID: 'validation',
  INVALID_REQUEST: 'validation',
  INVALID_NAME: 'validation',
  INVALID_QUANTITY: 'validation',
  INVALID_METADATA: 'validation',
  PAYMENT_LINK_NOT_FOUND: 'not_found',
  PAYMENT_LINK_ALREADY_EXISTS: 'conflict',
  /** Deactivated: it opens no new checkout. */
  PAYMENT_LINK_INACTIVE: 'conflict',
  /** Completed (and live) checkouts reached its completion_limit. */
  PAYMENT_LINK_LIMIT_REACHED: 'conflict',
  EMPTY_PAYMENT_LINK: 'validation',
  TOO_MANY_LINE_ITEMS: 'business',
  INVALID_COMPLETION_LIMIT: 'validation',
  INVALID_ADJUSTABLE_QUANTITY: 'validation',
  /** A quantity the buyer may not choose: outside the line's range, or for a fixed line. */
  QUANTITY_NOT_ALLOWED: 'business',
  CHECKOUT_SESSION_NOT_FOUND: 'not_found',
} as const satisfies Record<string, DomainErrorKind>;
export type PaymentLinkErrorCode = keyof typeof PAYMENT_LINK_ERROR_KINDS;

export function paymentLinkError(code: PaymentLinkErrorCode, message: string, field?: string): DomainError {
  return new DomainError(code, PAYMENT_LINK_ERROR_KINDS[code], message, field);
}

const PAY_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

function requireLink(state: PaymentLinkState, id: string): ExistingPaymentLink {
  if (state.status === 'none') throw paymentLinkError('PAYMENT_LINK_NOT_FOUND', `payment link ${id} not found`, 'payment_link_id');
  return state;
}

/** Slots still counting at `now`: completed, or their session may still be paid. */
export function liveSlots(link: ExistingPaymentLink, now: string): number {
  const at = Date.parse(now);
  return link.slots.filter((s) => !s.completed && Date.parse(s.expires_at) + SLOT_GRACE_MS > at).length;
}

/** Whether a buyer may start a checkout now (what the link page shows). */
export function linkOpenFor(link: ExistingPaymentLink, now: string): 'open' | 'inactive' | 'limit_reached' {
  if (link.status === 'inactive') return 'inactive';
  if (link.completion_limit !== null && link.completed + liveSlots(link, now) >= link.completion_limit) return 'limit_reached';
  return 'open';
}

function validateLines(value: unknown, currency: string): LinkLine[] {
  const lines = optionalList(value, 'line_items');
  if (lines.length === 0) throw paymentLinkError('EMPTY_PAYMENT_LINK', 'a payment link sells at least one line item', 'line_items');
  if (lines.length > MAX_LINK_LINE_ITEMS) throw paymentLinkError('TOO_MANY_LINE_ITEMS', `a payment link has at most ${MAX_LINK_LINE_ITEMS} line items`, 'line_items');
  return lines.map((line, i) => {
    const at = `line_items[${i}]`;
    if (!isRecord(line)) throw paymentLinkError('INVALID_REQUEST', `${at} must be an object { name, unit_price_money, quantity, adjustable_quantity }`, at);
    const quantity = validateQuantity(line.quantity ?? 1, `${at}.quantity`);
    const adjustable = validateAdjustable(line.adjustable_quantity, quantity, `${at}.adjustable_quantity`);
    return { name: validateName(line.name, `${at}.name`), unit_price_money: validateMoney(line.unit_price_money, `${at}.unit_price_money`, currency), quantity, adjustable_quantity: adjustable };
  });
}

function validateAdjustable(value: unknown, quantity: number, field: string): LinkLine['adjustable_quantity'] {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw paymentLinkError('INVALID_ADJUSTABLE_QUANTITY', `${field} must be { minimum, maximum }`, field);
  const minimum = value.minimum ?? 1;
  const maximum = value.maximum ?? 99;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
  if (!whole(minimum) || !whole(maximum) || minimum < 1 || maximum > MAX_ADJUSTABLE_QUANTITY || minimum > maximum || quantity < minimum || quantity > maximum) {
    throw paymentLinkError('INVALID_ADJUSTABLE_QUANTITY', `${field} needs 1 ≤ minimum ≤ quantity ≤ maximum ≤ ${MAX_ADJUSTABLE_QUANTITY}`, field);
  }
  return { minimum, maximum };
}

function validateLimit(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw paymentLinkError('INVALID_COMPLETION_LIMIT', 'completion_limit must be a whole number from 1 to 1000000', 'completion_limit');
  }
  return value;
}

function decideCreate(command: CreatePaymentLink, state: PaymentLinkState): PaymentLinkEvent[] {
  const id = validateId('plink_', command.data.payment_link_id, 'payment_link_id');
  if (state.status !== 'none') throw paymentLinkError('PAYMENT_LINK_ALREADY_EXISTS', `payment link ${id} already exists`, 'payment_link_id');
  if (typeof command.data.pay_token !== 'string' || !PAY_TOKEN.test(command.data.pay_token)) throw paymentLinkError('INVALID_REQUEST', 'pay_token must be 16 to 128 URL-safe characters', 'pay_token');
  const currency = command.data.currency;
  if (!isKnownCurrency(currency)) throw moneyError('UNKNOWN_CURRENCY', 'currency must be a known ISO 4217 code', 'currency');
  return [
    {
      type: 'PaymentLinkCreated',
      data: {
        payment_link_id: id,
        pay_token: command.data.pay_token,
        currency,
        line_items: validateLines(command.data.line_items, currency),
        completion_limit: validateLimit(command.data.completion_limit),
        metadata: validateMetadata(command.data.metadata, 'metadata'),
        occurred_at: command.now,
      },
    },
  ];
}

/** Deactivating an inactive link (or activating an active one) records nothing. */
function decideDeactivate(command: DeactivatePaymentLink, state: PaymentLinkState): PaymentLinkEvent[] {
  const link = requireLink(state, command.data.payment_link_id);
  return link.status === 'inactive' ? [] : [{ type: 'PaymentLinkDeactivated', data: { payment_link_id: link.id, occurred_at: command.now } }];
}

function decideActivate(command: ActivatePaymentLink, state: PaymentLinkState): PaymentLinkEvent[] {
  const link = requireLink(state, command.data.payment_link_id);
  return link.status === 'active' ? [] : [{ type: 'PaymentLinkActivated', data: { payment_link_id: link.id, occurred_at: command.now } }];
}

function decideStart(command: StartPaymentLinkSession, state: PaymentLinkState): PaymentLinkEvent[] {
  const link = requireLink(state, command.data.payment_link_id);
  const sessionId = validateId('cs_', command.data.checkout_session_id, 'checkout_session_id');
  const orderId = validateId('ord_', command.data.order_id, 'order_id');
  const open = linkOpenFor(link, command.now);
  if (open === 'inactive') throw paymentLinkError('PAYMENT_LINK_INACTIVE', `payment link ${link.id} is not active`);
  if (open === 'limit_reached') throw paymentLinkError('PAYMENT_LINK_LIMIT_REACHED', `payment link ${link.id} reached its limit of ${link.completion_limit} completed payments`);
  const quantities = command.data.quantities === undefined || command.data.quantities === null ? [] : optionalList(command.data.quantities, 'quantities');
  const line_items = link.line_items.map((line, i) => {
    const asked = quantities[i];
    if (asked === undefined || asked === null) return { name: line.name, quantity: line.quantity, unit_price_money: line.unit_price_money };
    const range = line.adjustable_quantity;
    if (typeof asked !== 'number' || !Number.isInteger(asked) || !range || asked < range.minimum || asked > range.maximum) {
      throw paymentLinkError('QUANTITY_NOT_ALLOWED', range ? `the quantity of ${line.name} must be ${range.minimum} to ${range.maximum}` : `the quantity of ${line.name} is fixed`, `quantities[${i}]`);
    }
    return { name: line.name, quantity: asked, unit_price_money: line.unit_price_money };
  });
  return [{ type: 'PaymentLinkSessionStarted', data: { payment_link_id: link.id, checkout_session_id: sessionId, order_id: orderId, expires_at: command.data.expires_at, line_items, occurred_at: command.now } }];
}

/** Once per session: the link's reactor may see a completion twice (at-least-once). */
function decideCompletion(command: RecordPaymentLinkCompletion, state: PaymentLinkState): PaymentLinkEvent[] {
  const link = requireLink(state, command.data.payment_link_id);
  const slot = link.slots.find((s) => s.checkout_session_id === command.data.checkout_session_id);
  if (!slot) throw paymentLinkError('CHECKOUT_SESSION_NOT_FOUND', `checkout session ${command.data.checkout_session_id} was not started from payment link ${link.id}`, 'checkout_session_id');
  if (slot.completed) return [];
  return [{ type: 'PaymentLinkCompleted', data: { payment_link_id: link.id, checkout_session_id: slot.checkout_session_id, order_id: slot.order_id, completed: link.completed + 1, occurred_at: command.now } }];
}

export const paymentLinkDecider = deciderOf<PaymentLinkCommand, PaymentLinkEvent, PaymentLinkState>(
  { CreatePaymentLink: decideCreate, DeactivatePaymentLink: decideDeactivate, ActivatePaymentLink: decideActivate, StartPaymentLinkSession: decideStart, RecordPaymentLinkCompletion: decideCompletion },
  {
    PaymentLinkCreated: (_, { data }) => {
      const { payment_link_id, occurred_at, ...rest } = data;
      return { ...rest, status: 'active', id: payment_link_id, slots: [], completed: 0, created_at: occurred_at };
    },
    PaymentLinkDeactivated: (state) => (state.status === 'none' ? state : { ...state, status: 'inactive' }),
    PaymentLinkActivated: (state) => (state.status === 'none' ? state : { ...state, status: 'active' }),
    PaymentLinkSessionStarted: (state, { data }) =>
      state.status === 'none' ? state : { ...state, slots: [...state.slots, { checkout_session_id: data.checkout_session_id, order_id: data.order_id, expires_at: data.expires_at, completed: false }] },
    PaymentLinkCompleted: (state, { data }) =>
      state.status === 'none' ? state : { ...state, completed: data.completed, slots: state.slots.map((s) => (s.checkout_session_id === data.checkout_session_id ? { ...s, completed: true } : s)) },
  },
  () => ({ status: 'none' }),
);
