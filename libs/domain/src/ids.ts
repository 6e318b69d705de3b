/**
 * Every public id is a type prefix (which already ends in "_") followed by a body of 16–40
 * ASCII letters and digits. Ids are minted by the application layer (that needs randomness);
 * the domain only checks their shape.
 */
export const ID_PREFIXES = {
  order: 'ord_',
  line_item: 'li_',
  payment_intent: 'pi_',
  refund: 'ref_',
  invoice: 'inv_',
  manual_payment: 'mp_',
  customer: 'cus_',
  payment_method: 'pm_',
  checkout_session: 'cs_',
  payment_link: 'plink_',
  subscription: 'sub_',
  plan: 'plan_',
  webhook_endpoint: 'whep_',
  webhook_delivery: 'whd_',
  test_clock: 'clock_',
  event: 'evt_',
  merchant: 'mer_',
  request: 'req_',
  api_key: 'key_',
  discount: 'dsc_',
  tax: 'tax_',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

const ID_BODY = /^[A-Za-z0-9]{16,40}$/;

/** `prefix` is normally one of ID_PREFIXES; any string is accepted so callers can pass config. */
export function isValidId(prefix: IdPrefix | (string & {}), value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}
