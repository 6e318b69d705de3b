import { MAX_AMOUNT } from '../../../money/money.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import {
  chars,
  command,
  LI_1,
  LI_2,
  lineItemAdded,
  malformed,
  metadataWithKeys,
  NOW,
  nthId,
  OPEN_ORDER_WITH_A_LINE,
  ORDER_ID,
  orderCreated,
  usd,
} from '../../../testing/order-fixtures.js';
import type { LineItemInput } from '../../model/order-commands.js';
import type { LineItemAdded } from '../../model/order-events.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const bagel = (overrides: Record<string, unknown> = {}) => malformed<LineItemInput>({ id: LI_2, name: 'Bagel', quantity: 2, unit_price_money: usd(325), ...overrides });
const addLineItem = (line_item: LineItemInput) => command('AddLineItem', { order_id: ORDER_ID, line_item });
const added = (overrides: Partial<LineItemAdded['data']> = {}): LineItemAdded => ({
  type: 'LineItemAdded',
  data: { order_id: ORDER_ID, line_item_id: LI_2, name: 'Bagel', quantity: 2, unit_price_money: usd(325), sku: null, metadata: {}, occurred_at: NOW, ...overrides },
});

describe('AddLineItem', () => {
  it('adds a line item with no sku and empty metadata by default', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(addLineItem(bagel())).then([added()]);
  });

  it('keeps the sku and metadata and trims the name', () => {
    spec
      .given([orderCreated()])
      .when(addLineItem(bagel({ name: '  Bagel ', sku: 'BG-1', metadata: { toasted: 'yes' } })))
      .then([added({ sku: 'BG-1', metadata: { toasted: 'yes' } })]);
  });

  it.each([
    ['a 255-character name', { name: chars(255) }, { name: chars(255) }],
    ['a quantity of 1 000 000', { quantity: 1_000_000 }, { quantity: 1_000_000 }],
    ['a free item', { unit_price_money: usd(0) }, { unit_price_money: usd(0) }],
    ['a 100-character sku', { sku: chars(100) }, { sku: chars(100) }],
    ['50 metadata keys', { metadata: metadataWithKeys(50) }, { metadata: metadataWithKeys(50) }],
    ['a 40-character key and a 500-character value', { metadata: { [chars(40, 'k')]: chars(500) } }, { metadata: { [chars(40, 'k')]: chars(500) } }],
    ['a 40-letter id body', { id: `li_${chars(40, 'a')}` }, { line_item_id: `li_${chars(40, 'a')}` }],
  ])('accepts %s', (_label, input, expected) => {
    spec.given([orderCreated()]).when(addLineItem(bagel(input))).then([added(expected)]);
  });

  it.each([
    ['rejects a line item id with another prefix with INVALID_ID', 'INVALID_ID', 'line_item.id', { id: 'ord_0000000000000002' }],
    ['rejects a too-short line item id with INVALID_ID', 'INVALID_ID', 'line_item.id', { id: 'li_123' }],
    ['rejects an empty name with INVALID_NAME', 'INVALID_NAME', 'line_item.name', { name: '' }],
    ['rejects a blank name with INVALID_NAME', 'INVALID_NAME', 'line_item.name', { name: '   ' }],
    ['rejects a 256-character name with INVALID_NAME', 'INVALID_NAME', 'line_item.name', { name: chars(256) }],
    ['rejects a missing name with INVALID_NAME', 'INVALID_NAME', 'line_item.name', { name: undefined }],
    ['rejects a quantity of 0 with INVALID_QUANTITY', 'INVALID_QUANTITY', 'line_item.quantity', { quantity: 0 }],
    ['rejects a fractional quantity with INVALID_QUANTITY', 'INVALID_QUANTITY', 'line_item.quantity', { quantity: 1.5 }],
    ['rejects a quantity over 1 000 000 with INVALID_QUANTITY', 'INVALID_QUANTITY', 'line_item.quantity', { quantity: 1_000_001 }],
    ['rejects a quantity sent as a string with INVALID_QUANTITY', 'INVALID_QUANTITY', 'line_item.quantity', { quantity: '2' }],
    ['rejects a negative price with INVALID_AMOUNT', 'INVALID_AMOUNT', 'line_item.unit_price_money.amount', { unit_price_money: usd(-1) }],
    ['rejects a fractional price with INVALID_AMOUNT', 'INVALID_AMOUNT', 'line_item.unit_price_money.amount', { unit_price_money: usd(3.25) }],
    ['rejects a price over MAX_AMOUNT with INVALID_AMOUNT', 'INVALID_AMOUNT', 'line_item.unit_price_money.amount', { unit_price_money: usd(MAX_AMOUNT + 1) }],
    ['rejects a missing price with INVALID_AMOUNT', 'INVALID_AMOUNT', 'line_item.unit_price_money', { unit_price_money: undefined }],
    ['rejects a price in an unknown currency with UNKNOWN_CURRENCY', 'UNKNOWN_CURRENCY', 'line_item.unit_price_money.currency', { unit_price_money: { amount: 1, currency: 'XYZ' } }],
    ['rejects a price in another currency with CURRENCY_MISMATCH', 'CURRENCY_MISMATCH', 'line_item.unit_price_money.currency', { unit_price_money: { amount: 1, currency: 'EUR' } }],
    ['rejects a 101-character sku with INVALID_SKU', 'INVALID_SKU', 'line_item.sku', { sku: chars(101) }],
    ['rejects a numeric sku with INVALID_SKU', 'INVALID_SKU', 'line_item.sku', { sku: 42 }],
    ['rejects 51 metadata keys with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata', { metadata: metadataWithKeys(51) }],
    ['rejects a 41-character metadata key with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata', { metadata: { [chars(41)]: 'v' } }],
    ['rejects an empty metadata key with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata', { metadata: { '': 'v' } }],
    ['rejects a 501-character metadata value with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata.k', { metadata: { k: chars(501) } }],
    ['rejects a non-string metadata value with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata.k', { metadata: { k: true } }],
    ['rejects metadata that is a list with INVALID_METADATA', 'INVALID_METADATA', 'line_item.metadata', { metadata: ['v'] }],
  ])('%s', (_name, code, field, input) => {
    spec.given([orderCreated()]).when(addLineItem(bagel(input))).thenThrows(code, { field });
  });

  it('rejects a missing line item with INVALID_REQUEST', () => {
    spec.given([orderCreated()]).when(addLineItem(malformed(undefined))).thenThrows('INVALID_REQUEST', { field: 'line_item', kind: 'validation' });
  });

  it('rejects an id already on the order with LINE_ITEM_ALREADY_EXISTS', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(addLineItem(bagel({ id: LI_1 }))).thenThrows('LINE_ITEM_ALREADY_EXISTS', { field: 'line_item.id', kind: 'conflict' });
  });

  it('rejects a 251st line item with TOO_MANY_LINE_ITEMS', () => {
    const lines = Array.from({ length: 250 }, (_, i) => lineItemAdded(nthId('li_', i + 100)));
    spec.given([orderCreated(), ...lines]).when(addLineItem(bagel())).thenThrows('TOO_MANY_LINE_ITEMS', { kind: 'business' });
  });

  it('rejects a line that would push the order total over MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    spec
      .given([orderCreated(), lineItemAdded(LI_1, { unit_price_money: usd(MAX_AMOUNT) })])
      .when(addLineItem(bagel({ quantity: 1, unit_price_money: usd(1) })))
      .thenThrows('AMOUNT_TOO_LARGE', { kind: 'business' });
  });

  it('rejects a line whose own gross exceeds MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    spec
      .given([orderCreated()])
      .when(addLineItem(bagel({ quantity: 1_000_000, unit_price_money: usd(1_000_000) })))
      .thenThrows('AMOUNT_TOO_LARGE');
  });
});
