/**
 * The order's stream: one per order, holding every fact about it (brief §3). The name is made
 * here and nowhere else; OrderCommands writes it, the projections recognise it.
 */
export const ORDER_STREAM_PREFIX = 'order-';

export const orderStreamName = (orderId: string) => `${ORDER_STREAM_PREFIX}${orderId}`;

/** The order id of an order stream's name, or undefined for any other stream. */
export const orderIdOfStream = (streamName: string): string | undefined =>
  streamName.startsWith(ORDER_STREAM_PREFIX) ? streamName.slice(ORDER_STREAM_PREFIX.length) : undefined;
