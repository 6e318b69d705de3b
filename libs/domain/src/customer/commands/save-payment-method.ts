import type { Command, DomainEvent } from '../../core/decider.js';
import type { CardSummary } from '../../order/model/payment-state.js';
import { validatePaymentMethod } from '../../order/rules/payment-method-input.js';
import { validateId } from '../../order/rules/validation/fields.js';
import { customerError } from '../customer-errors.js';
import type { CustomerState, PaymentMethodUsage } from '../customer-state.js';
import { isCardExpired } from '../rules/card-expiry.js';
import { activeMethods, requireCustomer } from '../rules/customer-guards.js';
import type { DefaultPaymentMethodSet } from './set-default-payment-method.js';

export const MAX_PAYMENT_METHODS = 25;

export type SavePaymentMethod = Command<
  'SavePaymentMethod',
  { customer_id: string; payment_method_id: string; payment_method: unknown; usage: unknown; set_default?: boolean | null }
>;
export type PaymentMethodSaved = DomainEvent<
  'PaymentMethodSaved',
  { customer_id: string; payment_method_id: string; card: CardSummary; usage: PaymentMethodUsage; occurred_at: string }
>;

function validateUsage(value: unknown): PaymentMethodUsage {
  if (value !== 'on_session' && value !== 'off_session') throw customerError('INVALID_USAGE', 'usage must be "on_session" or "off_session"', 'usage');
  return value;
}

/**
 * Saves a card the processor tokenized. The first method a customer has (or one saved with
 * set_default) becomes the default. Saving the same id with the same card again records nothing
 * (a retried save); another card under a used id is PAYMENT_METHOD_ALREADY_EXISTS.
 */
export function decideSavePaymentMethod(command: SavePaymentMethod, state: CustomerState): (PaymentMethodSaved | DefaultPaymentMethodSet)[] {
  const customer = requireCustomer(state, command.data.customer_id);
  const id = validateId('pm_', command.data.payment_method_id, 'payment_method_id');
  const card = validatePaymentMethod(command.data.payment_method, 'payment_method');
  const usage = validateUsage(command.data.usage);
  const existing = customer.payment_methods.find((pm) => pm.id === id);
  if (existing) {
    if (existing.card.token === card.token && existing.usage === usage) return [];
    throw customerError('PAYMENT_METHOD_ALREADY_EXISTS', `payment method ${id} already exists`, 'payment_method_id');
  }
  if (isCardExpired(card, command.now)) throw customerError('PAYMENT_METHOD_EXPIRED', `the card expired at the end of ${card.exp_month}/${card.exp_year}`, 'payment_method');
  if (activeMethods(customer).length >= MAX_PAYMENT_METHODS) {
    throw customerError('TOO_MANY_PAYMENT_METHODS', `customer ${customer.id} already has ${MAX_PAYMENT_METHODS} payment methods: remove one first`);
  }
  const saved: PaymentMethodSaved = { type: 'PaymentMethodSaved', data: { customer_id: customer.id, payment_method_id: id, card, usage, occurred_at: command.now } };
  const becomesDefault = command.data.set_default === true || customer.default_payment_method_id === null;
  return becomesDefault ? [saved, { type: 'DefaultPaymentMethodSet', data: { customer_id: customer.id, payment_method_id: id, occurred_at: command.now } }] : [saved];
}

export function evolvePaymentMethodSaved(state: CustomerState, { data }: PaymentMethodSaved): CustomerState {
  if (state.status === 'none') return state;
  const method = { id: data.payment_method_id, card: data.card, usage: data.usage, saved_at: data.occurred_at, removed_at: null };
  return { ...state, payment_methods: [...state.payment_methods, method], updated_at: data.occurred_at };
}
