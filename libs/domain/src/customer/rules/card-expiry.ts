import type { CardSummary } from '../../order/model/payment-state.js';

/** A card is good through the last moment of its expiry month (UTC), as card networks count it. */
export function isCardExpired(card: Pick<CardSummary, 'exp_month' | 'exp_year'>, now: string): boolean {
  const firstInstantAfter = Date.UTC(card.exp_year, card.exp_month, 1); // month is 1-based here, so this is the next month
  return Date.parse(now) >= firstInstantAfter;
}
