import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID, TAX_1, TAX_2, taxApplied } from '../../../testing/order-fixtures.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const removeTax = (tax_id = TAX_1) => command('RemoveTax', { order_id: ORDER_ID, tax_id });

describe('RemoveTax', () => {
  it('removes a tax', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE, taxApplied(TAX_1)])
      .when(removeTax())
      .then([{ type: 'TaxRemoved', data: { order_id: ORDER_ID, tax_id: TAX_1, occurred_at: NOW } }]);
  });

  it('rejects a tax that is not on the order with TAX_NOT_FOUND', () => {
    spec.given([...OPEN_ORDER_WITH_A_LINE, taxApplied(TAX_1)]).when(removeTax(TAX_2)).thenThrows('TAX_NOT_FOUND', { kind: 'not_found', field: 'tax_id' });
  });
});
