import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, DSC_1, fixedDiscountApplied, LI_1, LI_2, lineItemAdded, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID, TAX_1, taxApplied } from '../../../testing/order-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { LineItemRemoved } from '../../model/order-events.js';

const spec = deciderSpec(orderDecider);
const removeLineItem = (line_item_id = LI_1) => command('RemoveLineItem', { order_id: ORDER_ID, line_item_id });
const removed: LineItemRemoved = { type: 'LineItemRemoved', data: { order_id: ORDER_ID, line_item_id: LI_1, occurred_at: NOW } };

describe('RemoveLineItem', () => {
  it('removes a line item', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(removeLineItem()).then([removed]);
  });

  it('removes a line item that only order-wide discounts and taxes cover', () => {
    spec.given([...OPEN_ORDER_WITH_A_LINE, fixedDiscountApplied(DSC_1, 100), taxApplied(TAX_1)]).when(removeLineItem()).then([removed]);
  });

  it('rejects a line item that is not on the order with LINE_ITEM_NOT_FOUND', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(removeLineItem(LI_2)).thenThrows('LINE_ITEM_NOT_FOUND', { kind: 'not_found', field: 'line_item_id' });
  });

  it('rejects a line item that a discount targets by id with LINE_ITEM_REFERENCED', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE, lineItemAdded(LI_2), fixedDiscountApplied(DSC_1, 100, [LI_1])])
      .when(removeLineItem())
      .thenThrows('LINE_ITEM_REFERENCED', { kind: 'conflict', field: 'line_item_id' });
  });

  it('rejects a line item that a tax targets by id with LINE_ITEM_REFERENCED', () => {
    spec.given([...OPEN_ORDER_WITH_A_LINE, taxApplied(TAX_1, '5', [LI_1])]).when(removeLineItem()).thenThrows('LINE_ITEM_REFERENCED');
  });
});
