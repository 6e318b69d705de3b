import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, DSC_1, DSC_2, fixedDiscountApplied, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID } from '../../../testing/order-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const removeDiscount = (discount_id = DSC_1) => command('RemoveDiscount', { order_id: ORDER_ID, discount_id });

describe('RemoveDiscount', () => {
  it('removes a discount', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE, fixedDiscountApplied(DSC_1)])
      .when(removeDiscount())
      .then([{ type: 'DiscountRemoved', data: { order_id: ORDER_ID, discount_id: DSC_1, occurred_at: NOW } }]);
  });

  it('rejects a discount that is not on the order with DISCOUNT_NOT_FOUND', () => {
    spec.given([...OPEN_ORDER_WITH_A_LINE, fixedDiscountApplied(DSC_1)]).when(removeDiscount(DSC_2)).thenThrows('DISCOUNT_NOT_FOUND', { kind: 'not_found', field: 'discount_id' });
  });
});
