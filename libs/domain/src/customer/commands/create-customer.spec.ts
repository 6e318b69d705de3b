import { customerCommand, customerCreated } from '../../testing/customer-fixtures.js';
import { deciderSpec } from '../../testing/decider-spec.js';
import { CUS_1, NOW } from '../../testing/order-fixtures.js';
import { customerDecider } from '../customer-decider.js';

const spec = deciderSpec(customerDecider);

describe('CreateCustomer', () => {
  it('records the customer with trimmed details, an upper-cased country and nulls for what is absent', () => {
    spec
      .given([])
      .when(
        customerCommand('CreateCustomer', {
          customer_id: CUS_1,
          name: '  Jane Doe ',
          email: ' jane@example.com',
          phone: '+14155550123',
          address: { line1: '1 Main St', city: 'Springfield', country: 'us' },
          metadata: { crm: '42' },
        }),
      )
      .then([
        {
          type: 'CustomerCreated',
          data: {
            customer_id: CUS_1,
            name: 'Jane Doe',
            email: 'jane@example.com',
            phone: '+14155550123',
            address: { line1: '1 Main St', line2: null, city: 'Springfield', state: null, postal_code: null, country: 'US' },
            metadata: { crm: '42' },
            occurred_at: NOW,
          },
        },
      ]);
  });

  it('accepts a customer with no details at all', () => {
    spec
      .given([])
      .when(customerCommand('CreateCustomer', { customer_id: CUS_1 }))
      .then([{ type: 'CustomerCreated', data: { customer_id: CUS_1, name: null, email: null, phone: null, address: null, metadata: {}, occurred_at: NOW } }]);
  });

  it('refuses an id in use', () => {
    spec.given([customerCreated()]).when(customerCommand('CreateCustomer', { customer_id: CUS_1 })).thenThrows('CUSTOMER_ALREADY_EXISTS', { kind: 'conflict' });
  });

  it('refuses a malformed id', () => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: 'ord_0000000000000001' })).thenThrows('INVALID_ID', { field: 'customer_id' });
  });

  it.each(['jane', 'jane@', 'jane@example', 'ja ne@example.com', `${'a'.repeat(250)}@example.com`, 42])('refuses the email %p', (email) => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, email })).thenThrows('INVALID_EMAIL', { kind: 'validation', field: 'email' });
  });

  it.each(['4155550123', '+0123456789', '+1 415 555 0123', '+1234'])('refuses the phone %p', (phone) => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, phone })).thenThrows('INVALID_PHONE', { field: 'phone' });
  });

  it('refuses an address without line1, with an unknown field or not an object', () => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, address: { country: 'US' } })).thenThrows('INVALID_ADDRESS', { field: 'address.line1' });
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, address: { line1: 'x', country: 'US', zip: '1' } })).thenThrows('INVALID_ADDRESS', { field: 'address.zip' });
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, address: 'Main St' })).thenThrows('INVALID_ADDRESS', { field: 'address' });
  });

  it.each(['XX', 'UK', 'EU', 'USA', '', null])('refuses the country %p (only assigned ISO 3166-1 alpha-2 codes)', (country) => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, address: { line1: '1 Main St', country } })).thenThrows('INVALID_COUNTRY', { field: 'address.country' });
  });

  it('refuses a blank name and bad metadata with the order codes', () => {
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, name: '  ' })).thenThrows('INVALID_NAME', { field: 'name' });
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, metadata: { a: 1 } })).thenThrows('INVALID_METADATA');
  });
});

describe('CreateCustomer with a test clock', () => {
  it('records the clock the customer is billed by (test mode; the application checks the clock)', () => {
    spec
      .given([])
      .when(customerCommand('CreateCustomer', { customer_id: CUS_1, test_clock_id: 'clock_0000000000000001' }))
      .then([{ type: 'CustomerCreated', data: { customer_id: CUS_1, name: null, email: null, phone: null, address: null, metadata: {}, test_clock_id: 'clock_0000000000000001', occurred_at: NOW } }]);
    spec.given([]).when(customerCommand('CreateCustomer', { customer_id: CUS_1, test_clock_id: 'clk_1' })).thenThrows('INVALID_ID', { field: 'test_clock_id' });
  });
});
