import type { Command, DomainEvent } from '../../core/decider.js';
import type { DomainErrorKind } from '../../core/domain-error.js';

/*
 * Checkout sessions live on the order's stream (brief §streams: "checkout facts live there"): a
 * session holds the order's right to collect, and paying through it is decided against the same
 * revision as every other money fact of the order. Commands, events, state and error codes of
 * the checkout slice are all in this folder, one file per command.
 */

export type CheckoutSessionStatus = 'open' | 'completed' | 'expired' | 'closed';
export type CheckoutCloseReason = 'closed' | 'replaced' | 'order_paid' | 'order_closed';

export interface CheckoutSession {
  id: string;
  status: CheckoutSessionStatus;
  /** The unguessable part of the hosted page's URL. */
  pay_token: string;
  success_url: string;
  cancel_url: string;
  expires_at: string;
  /** The buyer may tick "save my card" (the order has a customer). */
  allow_save_card: boolean;
  /** Set when a payment link made this session. */
  payment_link_id: string | null;
  /** The intent that paid the order in full (completed sessions). */
  payment_intent_id: string | null;
  close_reason: CheckoutCloseReason | null;
  created_at: string;
  ended_at: string | null;
}

/** The checkout slice of an order (evolve: see each command's file). */
export interface CheckoutSlice {
  /** In opening order; at most one is open (one collector at a time). */
  checkout_sessions: CheckoutSession[];
}

type SessionData = { order_id: string; checkout_session_id: string; occurred_at: string };

export type CheckoutSessionOpened = DomainEvent<
  'CheckoutSessionOpened',
  SessionData & { pay_token: string; success_url: string; cancel_url: string; expires_at: string; allow_save_card: boolean; payment_link_id: string | null }
>;
/** payment_link_id: the link that made the session (its completion counts there). */
export type CheckoutSessionCompleted = DomainEvent<'CheckoutSessionCompleted', SessionData & { payment_intent_id: string; amount: number; payment_link_id?: string }>;
export type CheckoutSessionExpired = DomainEvent<'CheckoutSessionExpired', SessionData>;
export type CheckoutSessionClosed = DomainEvent<'CheckoutSessionClosed', SessionData & { reason: CheckoutCloseReason }>;

export type CheckoutEvent = CheckoutSessionOpened | CheckoutSessionCompleted | CheckoutSessionExpired | CheckoutSessionClosed;

const EVENT_TYPES: { [T in CheckoutEvent['type']]: T } = {
  CheckoutSessionOpened: 'CheckoutSessionOpened',
  CheckoutSessionCompleted: 'CheckoutSessionCompleted',
  CheckoutSessionExpired: 'CheckoutSessionExpired',
  CheckoutSessionClosed: 'CheckoutSessionClosed',
};
export const CHECKOUT_EVENT_TYPES: readonly CheckoutEvent['type'][] = Object.freeze(Object.values(EVENT_TYPES));
const EVENT_SET: ReadonlySet<string> = new Set(CHECKOUT_EVENT_TYPES);
export function isCheckoutEvent(event: { type: string }): event is CheckoutEvent {
  return EVENT_SET.has(event.type);
}

export type OpenCheckoutSession = Command<
  'OpenCheckoutSession',
  {
    order_id: string;
    checkout_session_id: string;
    pay_token: string;
    success_url: unknown;
    cancel_url: unknown;
    expires_at: unknown;
    allow_save_card?: unknown;
    payment_link_id?: string | null;
    /** Compare-and-swap: the open session this one replaces (closed as `replaced` in the same append). */
    replace_checkout_session_id?: unknown;
  }
>;
export type CloseCheckoutSession = Command<'CloseCheckoutSession', { order_id: string; checkout_session_id: string }>;
export type ExpireCheckoutSession = Command<'ExpireCheckoutSession', { order_id: string; checkout_session_id: string }>;
export type CheckoutCommand = OpenCheckoutSession | CloseCheckoutSession | ExpireCheckoutSession;

const COMMAND_SET: ReadonlySet<string> = new Set<CheckoutCommand['type']>(['OpenCheckoutSession', 'CloseCheckoutSession', 'ExpireCheckoutSession']);
export function isCheckoutCommand(command: { type: string }): command is CheckoutCommand {
  return COMMAND_SET.has(command.type);
}

/** Rejections of checkout commands (and of paying through a session); part of ORDER_ERROR_KINDS. */
export const CHECKOUT_ERROR_KINDS = {
  CHECKOUT_SESSION_NOT_FOUND: 'not_found',
  CHECKOUT_SESSION_ALREADY_EXISTS: 'conflict',
  /** An open checkout session holds the order: close it, let it expire, or replace it explicitly. */
  ORDER_HELD_BY_CHECKOUT: 'conflict',
  /** replace_checkout_session_id does not name the session that is open now. */
  CHECKOUT_SESSION_REPLACE_MISMATCH: 'conflict',
  CHECKOUT_SESSION_NOT_OPEN: 'conflict',
  /** Its expiry has passed (even before the scheduler recorded it): it takes no payment. */
  CHECKOUT_SESSION_EXPIRED: 'conflict',
  CHECKOUT_SESSION_NOT_EXPIRED: 'conflict',
  /** The amount the buyer saw is no longer what the order owes (the merchant changed it, or money came in). */
  AMOUNT_DUE_CHANGED: 'conflict',
  /** Hosted checkout always captures. */
  CHECKOUT_REQUIRES_AUTOMATIC_CAPTURE: 'business',
  INVALID_REDIRECT_URL: 'validation',
  INVALID_EXPIRES_AT: 'validation',
} as const satisfies Record<string, DomainErrorKind>;
