import { currencyExponent } from '#ordo/domain';

/**
 * Money as a buyer reads it ("$53.00", "€9.50", "¥500"): the exact decimal is built with integer
 * arithmetic and handed to Intl as a string (exact: no float ever holds the amount).
 */
export function buyerMoney(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const decimal = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  return format.format(`${amount < 0 ? '-' : ''}${decimal}` as unknown as number);
}
