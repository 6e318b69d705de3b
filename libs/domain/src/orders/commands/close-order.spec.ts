import { deciderSpec } from '../../testing/decider-spec.js';
import { command, malformed, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID } from '../../testing/order-fixtures.js';
import type { CloseOrder } from '../order-commands.js';
import { orderDecider } from '../order-decider.js';
import type { OrderClosed } from '../order-events.js';

const spec = deciderSpec(orderDecider);
const closeOrder = (reason?: unknown) => command('CloseOrder', { order_id: ORDER_ID, ...(reason !== undefined && { reason: malformed<CloseOrder['data']['reason']>(reason) }) });
const closed = (reason: 'completed' | 'canceled'): OrderClosed => ({ type: 'OrderClosed', data: { order_id: ORDER_ID, reason, occurred_at: NOW } });

describe('CloseOrder', () => {
  it('closes as completed by default', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(closeOrder()).then([closed('completed')]);
  });

  it('closes as canceled', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(closeOrder('canceled')).then([closed('canceled')]);
  });

  it('rejects closing a closed order with ORDER_CLOSED', () => {
    spec.given([...OPEN_ORDER_WITH_A_LINE, closed('completed')]).when(closeOrder()).thenThrows('ORDER_CLOSED', { kind: 'conflict' });
  });

  it('rejects an unknown reason with INVALID_REQUEST', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(closeOrder('refunded')).thenThrows('INVALID_REQUEST', { field: 'reason' });
  });
});
