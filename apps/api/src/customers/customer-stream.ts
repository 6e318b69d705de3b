/** The customer's stream: details and saved payment methods (brief §3: other aggregates have their own). */
export const CUSTOMER_STREAM_PREFIX = 'customer-';


/** The customer id of a customer stream's name, or undefined for any other stream. */
export const customerIdOfStream = (streamName: string): string | undefined =>
  streamName.startsWith(CUSTOMER_STREAM_PREFIX) ? streamName.slice(CUSTOMER_STREAM_PREFIX.length) : undefined;
