import { customerCommand, customerCreated } from '../../testing/customer-fixtures.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { CUS_1, CUS_2, NOW } from '../../testing/order-fixtures.js';
import { customerDecider } from '../customer-decider.js';

const spec = deciderSpec(customerDecider);

describe('UpdateCustomer', () => {
  it('records only the fields that change; null clears one', () => {
    spec
      .given([customerCreated()])
      .when(customerCommand('UpdateCustomer', { customer_id: CUS_1, changes: { name: 'Jane Doe', email: null, phone: '+4930123456' } }))
      .then([{ type: 'CustomerUpdated', data: { customer_id: CUS_1, changes: { email: null, phone: '+4930123456' }, occurred_at: NOW } }]);
  });

  it('records nothing when every named field already has that value', () => {
    spec.given([customerCreated()]).when(customerCommand('UpdateCustomer', { customer_id: CUS_1, changes: { name: 'Jane Doe' } })).thenNothingHappens();
  });

  it('refuses a change naming no field', () => {
    spec.given([customerCreated()]).when(customerCommand('UpdateCustomer', { customer_id: CUS_1, changes: {} })).thenThrows('NO_CHANGES', { kind: 'validation' });
  });

  it('checks changed fields like new ones', () => {
    spec.given([customerCreated()]).when(customerCommand('UpdateCustomer', { customer_id: CUS_1, changes: { email: 'nope' } })).thenThrows('INVALID_EMAIL');
  });

  it('refuses an unknown customer', () => {
    spec.given([]).when(customerCommand('UpdateCustomer', { customer_id: CUS_2, changes: { name: 'x' } })).thenThrows('CUSTOMER_NOT_FOUND', { kind: 'not_found' });
  });
});
