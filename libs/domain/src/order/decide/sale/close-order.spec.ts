import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, malformed, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID } from '../../../testing/order-fixtures.js';
import type { CloseOrder } from '../../model/order-commands.js';
import { orderDecider } from '../../order-decider.js';
import type { OrderClosed } from '../../model/order-events.js';
import { AUTHORIZED, CAPTURED, captured, captureStarted, KEY_2, PI_1, PROCESSING, released } from '../../../testing/payment-fixtures.js';

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

  it('writes off what is outstanding after a partial capture, then closes', () => {
    const partly = [...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, true), captured(PI_1, KEY_2, 6000, true), released(PI_1, 4000, 'final_capture')];
    spec
      .given(partly)
      .when(closeOrder())
      .then([{ type: 'OrderBalanceWrittenOff', data: { order_id: ORDER_ID, amount: 4000, occurred_at: NOW } }, closed('completed')]);
  });

  it('writes nothing off when the order is paid, or when nothing was paid', () => {
    spec.given(CAPTURED).when(closeOrder()).then([closed('completed')]);
    spec.given(OPEN_ORDER_WITH_A_LINE).when(closeOrder('canceled')).then([closed('canceled')]);
  });

  it('rejects closing while a payment is processing with PAYMENT_IN_PROGRESS', () => {
    spec.given(PROCESSING).when(closeOrder()).thenThrows('PAYMENT_IN_PROGRESS', { kind: 'conflict' });
  });

  it('rejects closing while an uncaptured authorization is held with PAYMENT_IN_PROGRESS', () => {
    spec.given(AUTHORIZED).when(closeOrder()).thenThrows('PAYMENT_IN_PROGRESS');
    spec.given([...AUTHORIZED, captureStarted(PI_1, KEY_2, 6000, false), captured(PI_1, KEY_2, 6000, false)]).when(closeOrder()).thenThrows('PAYMENT_IN_PROGRESS');
  });
});
