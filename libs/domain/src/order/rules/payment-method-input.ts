import { orderError } from '../model/order-errors.js';
import { isValidId } from '../../ids.js';
import { isRecord } from './validation/fields.js';
import type { CardSummary } from '../model/payment-state.js';

const CARD_NUMBER_LIKE = /^[\d\s-]{12,23}$/;

/**
 * A card summary from the processor: its token, brand, last 4 digits and expiry. Only these are
 * kept; a token that looks like a card number is refused so a number can never be stored.
 */
export function validatePaymentMethod(value: unknown, field: string): CardSummary {
  const invalid = (what: string, at = field) => orderError('INVALID_PAYMENT_METHOD', `${at} ${what}`, at);
  if (!isRecord(value)) throw invalid('must be an object { token, brand, last4, exp_month, exp_year }');
  const { token, brand, last4, exp_month, exp_year } = value;
  if (typeof token !== 'string' || token.length < 1 || token.length > 255) throw invalid('must be a string of 1 to 255 characters', `${field}.token`);
  if (CARD_NUMBER_LIKE.test(token)) throw invalid('must be a processor token, never a card number', `${field}.token`);
  if (typeof brand !== 'string' || !/^[a-z_]{1,32}$/.test(brand)) throw invalid('must be a brand name such as "visa"', `${field}.brand`);
  if (typeof last4 !== 'string' || !/^\d{4}$/.test(last4)) throw invalid('must be the last 4 digits of the card', `${field}.last4`);
  if (typeof exp_month !== 'number' || !Number.isInteger(exp_month) || exp_month < 1 || exp_month > 12) throw invalid('must be a month from 1 to 12', `${field}.exp_month`);
  if (typeof exp_year !== 'number' || !Number.isInteger(exp_year) || exp_year < 2000 || exp_year > 2999) throw invalid('must be a four-digit year', `${field}.exp_year`);
  const saved = value.payment_method_id;
  if (saved === undefined || saved === null) return { token, brand, last4, exp_month, exp_year };
  if (!isValidId('pm_', saved)) throw invalid('must be a saved payment method id like pm_…', `${field}.payment_method_id`);
  return { token, brand, last4, exp_month, exp_year, payment_method_id: saved };
}
