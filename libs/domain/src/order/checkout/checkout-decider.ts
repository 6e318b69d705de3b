import type { CommandHandlers, EventHandlers } from '../../core/decider-of.js';
import type { ExistingOrder, OrderState } from '../model/order-state.js';
import type { CheckoutCommand, CheckoutEvent } from './checkout-model.js';
import { decideCloseCheckoutSession } from './close-checkout-session.js';
import { evolveCheckoutSessionCompleted } from './complete-on-payment.js';
import { decideExpireCheckoutSession, evolveCheckoutSessionExpired } from './expire-checkout-session.js';
import { decideOpenCheckoutSession, evolveCheckoutSessionClosed, evolveCheckoutSessionOpened } from './open-checkout-session.js';

/** The checkout slice's tables: a new checkout command is its file plus one line here. */
const decide: CommandHandlers<CheckoutCommand, CheckoutEvent, OrderState> = {
  OpenCheckoutSession: decideOpenCheckoutSession,
  CloseCheckoutSession: decideCloseCheckoutSession,
  ExpireCheckoutSession: decideExpireCheckoutSession,
};

const evolve: EventHandlers<CheckoutEvent, ExistingOrder> = {
  CheckoutSessionOpened: evolveCheckoutSessionOpened,
  CheckoutSessionCompleted: evolveCheckoutSessionCompleted,
  CheckoutSessionExpired: evolveCheckoutSessionExpired,
  CheckoutSessionClosed: evolveCheckoutSessionClosed,
};

export function decideCheckout(command: CheckoutCommand, state: OrderState): CheckoutEvent[] {
  return (decide[command.type] as (c: CheckoutCommand, s: OrderState) => CheckoutEvent[])(command, state);
}

export function evolveCheckout(order: ExistingOrder, event: CheckoutEvent): ExistingOrder {
  return (evolve[event.type] as (o: ExistingOrder, e: CheckoutEvent) => ExistingOrder)(order, event);
}
