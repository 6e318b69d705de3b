import { moneyError } from './money-errors.js';

/**
 * ISO 4217 List One as published on 2026-01-01 (SIX, the maintenance agency): every active
 * alphabetic code with its minor-unit exponent. Codes whose minor unit is "N.A." (precious
 * metals, bond-market units, XDR, XSU, XUA, XTS, XXX) are left out on purpose: an amount in
 * them cannot be written as an integer count of minor units, so no order can be priced in them.
 * Grouped by exponent so a wrong digit stands out in review.
 */
const CODES_BY_EXPONENT: Readonly<Record<number, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
    'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK ' +
    'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO ' +
    'NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS ' +
    'SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST ' +
    'XAD XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

const EXPONENTS: ReadonlyMap<string, number> = new Map(
  Object.entries(CODES_BY_EXPONENT).flatMap(([exponent, codes]) => codes.split(' ').map((code) => [code, Number(exponent)] as const)),
);

/** Every known currency code, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...EXPONENTS.keys()].sort());

export function isKnownCurrency(code: unknown): code is string {
  return typeof code === 'string' && EXPONENTS.has(code);
}

/** Number of decimal digits of the currency's minor unit (JPY 0, USD 2, KWD 3, CLF 4). */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw moneyError('UNKNOWN_CURRENCY', `unknown currency code: ${code}`, 'currency');
  return exponent;
}
