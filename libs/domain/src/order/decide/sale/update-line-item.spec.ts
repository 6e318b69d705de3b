import { deciderSpec } from '../../../testing/decider-spec.js';
import { chars, command, LI_1, LI_2, lineItemAdded, malformed, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID, usd } from '../../../testing/order-fixtures.js';
import type { LineItemChanges, LineItemUpdated } from '../../model/order-events.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const updateLineItem = (changes: unknown, line_item_id = LI_1) =>
  command('UpdateLineItem', { order_id: ORDER_ID, line_item_id, changes: malformed<LineItemChanges>(changes) });
const updated = (changes: LineItemChanges): LineItemUpdated => ({ type: 'LineItemUpdated', data: { order_id: ORDER_ID, line_item_id: LI_1, changes, occurred_at: NOW } });

describe('UpdateLineItem', () => {
  it.each([
    ['the quantity', { quantity: 3 }, { quantity: 3 }],
    ['the name, trimmed', { name: ' Latte ' }, { name: 'Latte' }],
    ['the price', { unit_price_money: usd(500) }, { unit_price_money: usd(500) }],
    ['the sku', { sku: 'LT-1' }, { sku: 'LT-1' }],
    ['the sku away (null clears it)', { sku: null }, { sku: null }],
    ['the metadata as a whole', { metadata: { size: 'S' } }, { metadata: { size: 'S' } }],
    ['several fields at once', { quantity: 2, name: 'Latte' }, { name: 'Latte', quantity: 2 }],
    ['only the keys present', { quantity: 2, name: undefined, unknown: 'x' }, { quantity: 2 }],
  ])('changes %s', (_label, changes, expected) => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(updateLineItem(changes)).then([updated(expected)]);
  });

  it.each([
    ['rejects an empty change set with NO_CHANGES', 'NO_CHANGES', 'changes', {}],
    ['rejects a change set of undefined keys with NO_CHANGES', 'NO_CHANGES', 'changes', { name: undefined }],
    ['rejects changes that are not an object with INVALID_REQUEST', 'INVALID_REQUEST', 'changes', 'quantity=2'],
    ['rejects a blank name with INVALID_NAME', 'INVALID_NAME', 'changes.name', { name: ' ' }],
    ['rejects a quantity of 0 with INVALID_QUANTITY', 'INVALID_QUANTITY', 'changes.quantity', { quantity: 0 }],
    ['rejects a null quantity with INVALID_QUANTITY', 'INVALID_QUANTITY', 'changes.quantity', { quantity: null }],
    ['rejects a negative price with INVALID_AMOUNT', 'INVALID_AMOUNT', 'changes.unit_price_money.amount', { unit_price_money: usd(-5) }],
    ['rejects a price in another currency with CURRENCY_MISMATCH', 'CURRENCY_MISMATCH', 'changes.unit_price_money.currency', { unit_price_money: { amount: 5, currency: 'GBP' } }],
    ['rejects a 101-character sku with INVALID_SKU', 'INVALID_SKU', 'changes.sku', { sku: chars(101) }],
    ['rejects null metadata with INVALID_METADATA', 'INVALID_METADATA', 'changes.metadata', { metadata: null }],
  ])('%s', (_name, code, field, changes) => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(updateLineItem(changes)).thenThrows(code, { field });
  });

  it('rejects a line item that is not on the order with LINE_ITEM_NOT_FOUND', () => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(updateLineItem({ quantity: 2 }, LI_2)).thenThrows('LINE_ITEM_NOT_FOUND', { kind: 'not_found', field: 'line_item_id' });
  });

  it('rejects a quantity that would push the line over MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE.slice(0, 1), lineItemAdded(LI_1, { unit_price_money: usd(1_000_000_000) })])
      .when(updateLineItem({ quantity: 1_000 }))
      .thenThrows('AMOUNT_TOO_LARGE');
  });
});
