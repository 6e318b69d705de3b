import { fold } from '../../../core/decider.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { chars, command, CUS_1, malformed, metadataWithKeys, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID } from '../../../testing/order-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { OrderDetailsChanges, OrderDetailsUpdated } from '../../model/order-events.js';
import { evolveOrder } from '../../evolve/order-evolve.js';
import type { ExistingOrder } from '../../model/order-state.js';

const spec = deciderSpec(orderDecider);
const updateDetails = (changes: unknown) => command('UpdateOrderDetails', { order_id: ORDER_ID, changes: malformed<OrderDetailsChanges>(changes) });
const updated = (changes: OrderDetailsChanges): OrderDetailsUpdated => ({ type: 'OrderDetailsUpdated', data: { order_id: ORDER_ID, changes, occurred_at: NOW } });

describe('UpdateOrderDetails', () => {
  it.each([
    ['sets the customer', { customer_id: CUS_1 }, { customer_id: CUS_1 }],
    ['clears the customer with null', { customer_id: null }, { customer_id: null }],
    ['sets the notes', { notes: 'Leave at the door' }, { notes: 'Leave at the door' }],
    ['clears the notes with null', { notes: null }, { notes: null }],
    ['replaces the metadata', { metadata: { ref: 'A-1' } }, { metadata: { ref: 'A-1' } }],
    ['accepts 2000-character notes and 50 metadata keys', { notes: chars(2000), metadata: metadataWithKeys(50) }, { notes: chars(2000), metadata: metadataWithKeys(50) }],
  ])('%s', (_label, changes, expected) => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(updateDetails(changes)).then([updated(expected)]);
  });

  it('changes only the fields present', () => {
    const state = fold(orderDecider, [...OPEN_ORDER_WITH_A_LINE, updated({ notes: 'a', metadata: { k: 'v' } }), updated({ notes: null })]);
    expect(state).toMatchObject({ notes: null, metadata: { k: 'v' }, customer_id: null });
  });

  it('stays allowed once money is in: details carry no amounts', () => {
    const paid: ExistingOrder = { ...(fold(orderDecider, OPEN_ORDER_WITH_A_LINE) as ExistingOrder), captured: 450 };
    expect(orderDecider.decide(updateDetails({ notes: 'paid' }), paid)).toEqual([updated({ notes: 'paid' })]);
    expect(evolveOrder(paid, updated({ notes: 'paid' })).notes).toBe('paid');
  });

  it.each([
    ['rejects an empty change set with NO_CHANGES', 'NO_CHANGES', 'changes', {}],
    ['rejects changes that are not an object with INVALID_REQUEST', 'INVALID_REQUEST', 'changes', null],
    ['rejects a malformed customer id with INVALID_ID', 'INVALID_ID', 'changes.customer_id', { customer_id: 'customer-1' }],
    ['rejects notes over 2000 characters with INVALID_NOTES', 'INVALID_NOTES', 'changes.notes', { notes: chars(2001) }],
    ['rejects notes that are not text with INVALID_NOTES', 'INVALID_NOTES', 'changes.notes', { notes: 12 }],
    ['rejects 51 metadata keys with INVALID_METADATA', 'INVALID_METADATA', 'changes.metadata', { metadata: metadataWithKeys(51) }],
  ])('%s', (_name, code, field, changes) => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(updateDetails(changes)).thenThrows(code, { field, kind: 'validation' });
  });
});
