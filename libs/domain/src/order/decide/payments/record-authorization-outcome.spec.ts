import { deciderSpec } from '../../../testing/decider-spec.js';
import { fold } from '../../../core/decider.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { ExistingOrder } from '../../model/order-state.js';
import { invoiceCreated, invoiceIssued, INV_1 } from '../../../testing/collection-fixtures.js';
import { command, CUS_1, malformed, NOW, ORDER_ID, orderCreated } from '../../../testing/order-fixtures.js';
import { actionRequired, authorized, AUTHORIZED, EXPIRES_AT, intentCreated, KEY_1, KEY_2, methodAttached, ORDER_100, paymentFailed, PI_1, PROCESSING, processingStarted } from '../../../testing/payment-fixtures.js';
import { orderDecider } from '../../order-decider.js';
import type { AuthorizationOutcome } from '../../model/payment-commands.js';

const spec = deciderSpec(orderDecider);
const record = (outcome: unknown, attempt_key = KEY_1, capture_id?: string) =>
  command('RecordAuthorizationOutcome', { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key, outcome: malformed<AuthorizationOutcome>(outcome), ...(capture_id && { capture_id }) });
const base = { order_id: ORDER_ID, payment_intent_id: PI_1, attempt_key: KEY_1, occurred_at: NOW };
const AUTOMATIC = [...ORDER_100, intentCreated(PI_1, 'automatic'), methodAttached(), processingStarted(PI_1, KEY_1, 10000, true)];

describe('RecordAuthorizationOutcome', () => {
  it('records a manual authorization: requires_capture, expiring 7 days later', () => {
    spec.given(PROCESSING).when(record({ type: 'authorized', authorization_id: 'auth_1' })).then([authorized()]);
  });

  it('names, in the capture, the invoice holding the order: that invoice collected it (evolve only applies the choice)', () => {
    const invoiced = [orderCreated({ customer_id: CUS_1 }), ...ORDER_100.slice(1), invoiceCreated(), invoiceIssued(), intentCreated(PI_1, 'automatic'), methodAttached(), processingStarted(PI_1, KEY_1, 10000, true)];
    const events = orderDecider.decide(record({ type: 'captured', authorization_id: 'auth_1', charge_id: 'ch_1' }, KEY_1, 'cap_1'), fold(orderDecider, invoiced));
    expect(events[1]).toEqual({ type: 'PaymentCaptured', data: { ...base, capture_id: 'cap_1', charge_id: 'ch_1', amount: 10000, final: true, credits_invoice_id: INV_1 } });
    const after = fold(orderDecider, [...invoiced, ...events]) as ExistingOrder;
    expect(after.invoices[0]?.collected).toBe(10000);
    // A capture written before captures named their invoice folds by the same rule: the holder collected it.
    const { credits_invoice_id: _named, ...unnamed } = (events[1] as { data: Record<string, unknown> }).data;
    const legacy = fold(orderDecider, [...invoiced, events[0]!, { type: 'PaymentCaptured', data: unnamed } as unknown as OrderEvent]) as ExistingOrder;
    expect(legacy.invoices[0]?.collected).toBe(10000);
  });

  it('records an automatic capture as authorized then captured in full (final)', () => {
    spec
      .given(AUTOMATIC)
      .when(record({ type: 'captured', authorization_id: 'auth_1', charge_id: 'ch_1' }, KEY_1, 'cap_1'))
      .then([
        { type: 'PaymentAuthorized', data: { ...base, authorization_id: 'auth_1', amount: 10000, expires_at: EXPIRES_AT } },
        { type: 'PaymentCaptured', data: { ...base, capture_id: 'cap_1', charge_id: 'ch_1', amount: 10000, final: true } },
      ]);
  });

  it('records a challenge the buyer must complete', () => {
    spec.given(PROCESSING).when(record({ type: 'requires_action', action_id: 'act_1' })).then([actionRequired()]);
  });

  it.each(['declined', 'error'] as const)('records a %s outcome as PaymentFailed', (type) => {
    spec.given(PROCESSING).when(record({ type, code: 'card_declined', message: 'The card was declined' })).then([paymentFailed(PI_1, KEY_1, type)]);
  });

  it('still records the outcome of a started attempt once the order is closed', () => {
    const closedWhileProcessing = { type: 'OrderClosed', data: { order_id: ORDER_ID, reason: 'completed', occurred_at: NOW } } as const;
    spec.given([...PROCESSING, closedWhileProcessing]).when(record({ type: 'authorized', authorization_id: 'auth_1' })).then([authorized()]);
  });

  it('rejects a second outcome for the same attempt with PAYMENT_ATTEMPT_ALREADY_SETTLED', () => {
    spec.given(AUTHORIZED).when(record({ type: 'authorized', authorization_id: 'auth_1' })).thenThrows('PAYMENT_ATTEMPT_ALREADY_SETTLED', { kind: 'conflict', field: 'attempt_key' });
  });

  it('rejects an unknown attempt key with PAYMENT_ATTEMPT_NOT_FOUND', () => {
    spec.given(PROCESSING).when(record({ type: 'authorized', authorization_id: 'auth_1' }, KEY_2)).thenThrows('PAYMENT_ATTEMPT_NOT_FOUND', { kind: 'not_found', field: 'attempt_key' });
  });

  it.each([
    ['an unknown outcome type', { type: 'maybe' }, 'outcome.type'],
    ['an outcome that is not an object', 'authorized', 'outcome'],
    ['a captured outcome without a capture id', { type: 'captured', authorization_id: 'auth_1', charge_id: 'ch_1' }, 'capture_id'],
    ['an authorization without its id', { type: 'authorized' }, 'outcome.authorization_id'],
  ])('rejects %s with INVALID_REQUEST', (_label, outcome, field) => {
    spec.given(AUTOMATIC).when(record(outcome)).thenThrows('INVALID_REQUEST', { field });
  });
});
