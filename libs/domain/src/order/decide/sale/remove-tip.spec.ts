import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, fixedTipSet, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID } from '../../../testing/order-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const removeTip = () => command('RemoveTip', { order_id: ORDER_ID });

describe('RemoveTip', () => {
  it('removes the tip', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE, fixedTipSet()])
      .when(removeTip())
      .then([{ type: 'TipRemoved', data: { order_id: ORDER_ID, occurred_at: NOW } }]);
  });

  it('rejects removing a tip from an order without one with TIP_NOT_SET', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(removeTip()).thenThrows('TIP_NOT_SET', { kind: 'conflict' });
  });
});
