import { currencyExponent } from '#ordo/domain';

/** "USD 25.00", "JPY 500", "KWD 1.250": integer arithmetic only, for human-readable text. */
export function formatMoney(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return `${currency} ${amount}`;
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const sign = amount < 0 ? '-' : '';
  return `${currency} ${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
