import fc from 'fast-check';
import { DomainError } from '../core/domain-error.js';
import { orderDecider } from '../order/order-decider.js';
import type { OrderCommand } from '../order/model/order-commands.js';
import type { OrderEvent } from '../order/model/order-events.js';
import type { OrderState } from '../order/model/order-state.js';
import type { PaymentIntent } from '../order/model/payment-state.js';
import { collectibleNow } from '../order/rules/collection-guards.js';
import { CARD } from './payment-fixtures.js';
import { fixedDiscountApplied, LI_1, LI_2, lineItemAdded, nthId, orderCreated, taxApplied, TAX_1, usd } from './order-fixtures.js';

/*
 * Random payment, refund, invoice and manual-payment command sequences over two orders (three
 * intents each, invoices in turn), for
 * model-based and property tests (libs/domain payments.property.spec.ts, apps/api read-model
 * property spec). Test support only: it imports fast-check (a dev dependency), so it is NOT
 * exported from the package index, which production loads. Import it by path.
 *
 * Use: fold `openingEvents(id, i)` for each of PAYMENT_SEQUENCE_ORDERS, then for each step n of
 * a `paymentStepsArb` sample decide `toCommand(step, states[step.o], n, stepTime(n))`, skipping
 * DomainError rejections.
 */

const ORDERS = [nthId('ord_', 101), nthId('ord_', 102)];
/** The two orders every sequence runs against (steps name them by index, `step.o`). */
export const PAYMENT_SEQUENCE_ORDERS: readonly string[] = ORDERS;
const HOUR = 3_600_000;
const START = Date.parse('2025-03-01T10:00:00.000Z');

/** Order 0: 3 × 3.33 + 2 × 12.50 with 8.875 % tax (line totals 10.88 and 27.22); order 1: 50.00 − 3.00. */
export function openingEvents(orderId: string, index: number): OrderEvent[] {
  const at = (e: OrderEvent) => ({ ...e, data: { ...e.data, order_id: orderId } }) as OrderEvent;
  return index === 0
    ? [orderCreated({ order_id: orderId }), lineItemAdded(LI_1, { quantity: 3, unit_price_money: usd(333) }), lineItemAdded(LI_2, { quantity: 2, unit_price_money: usd(1250) }), taxApplied(TAX_1, '8.875')].map(at)
    : [orderCreated({ order_id: orderId }), lineItemAdded(LI_1, { quantity: 5, unit_price_money: usd(1000) }), fixedDiscountApplied(undefined, 300)].map(at);
}

export type Step =
  | { t: 'create'; o: number; pi: number; amount: number | null; automatic: boolean; offSession?: boolean }
  | { t: 'attach'; o: number; pi: number }
  | { t: 'confirm'; o: number; pi: number; withCard: boolean }
  | { t: 'auth'; o: number; pi: number; kind: 'authorized' | 'captured' | 'requires_action' | 'declined' | 'error'; staleKey: boolean }
  | { t: 'action'; o: number; pi: number; approve: boolean }
  | { t: 'capture'; o: number; pi: number; amount: number | null; final: boolean; reduce: boolean }
  | { t: 'captureOutcome'; o: number; pi: number; ok: boolean; staleKey: boolean }
  | { t: 'cancel'; o: number; pi: number; reduce: boolean }
  | { t: 'voidOutcome'; o: number; pi: number; ok: boolean }
  | { t: 'expire'; o: number; pi: number; days: number }
  | { t: 'refund'; o: number; pi: number | null; amount: number | null; lines: { li: number; qty: number }[] | null }
  | { t: 'refundOutcome'; o: number; r: number; ok: boolean }
  | { t: 'close'; o: number }
  | { t: 'invoice'; o: number; action: 'create' | 'issue' | 'void' | 'uncollectible' | 'remind' | 'overdue' | 'edit'; reuse: boolean }
  | { t: 'manual'; o: number; amount: number; viaInvoice: boolean; full: boolean }
  | { t: 'reverse'; o: number; m: number }
  | { t: 'manualRefund'; o: number; amount: number }
  | { t: 'checkout'; o: number; action: 'open' | 'replace' | 'close' | 'expire' | 'pay' };


/** The orders of these sequences are in USD; money inputs carry the currency like the API's. */
const usdOrNull = (amount: number | null) => (amount === null ? null : { amount, currency: 'USD' });
const o = fc.integer({ min: 0, max: 1 });
const pi = fc.integer({ min: 0, max: 2 });
const money = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: -10, max: 12000 }));
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  // One intent in three is off-session (a saved card, no buyer): a challenge fails it instead of waiting.
  { arbitrary: fc.record({ t: fc.constant('create' as const), o, pi, amount: money, automatic: fc.boolean(), offSession: fc.integer({ min: 0, max: 2 }).map((n) => n === 0) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('attach' as const), o, pi }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('confirm' as const), o, pi, withCard: fc.integer({ min: 0, max: 4 }).map((n) => n > 0) }), weight: 9 },
  { arbitrary: fc.record({ t: fc.constant('auth' as const), o, pi, kind: fc.constantFrom('authorized', 'authorized', 'authorized', 'captured', 'captured', 'requires_action', 'declined', 'error'), staleKey: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), weight: 12 },
  { arbitrary: fc.record({ t: fc.constant('action' as const), o, pi, approve: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('capture' as const), o, pi, amount: money, final: fc.boolean(), reduce: fc.boolean() }), weight: 9 },
  { arbitrary: fc.record({ t: fc.constant('captureOutcome' as const), o, pi, ok: fc.boolean(), staleKey: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), weight: 9 },
  { arbitrary: fc.record({ t: fc.constant('cancel' as const), o, pi, reduce: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('voidOutcome' as const), o, pi, ok: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('expire' as const), o, pi, days: fc.constantFrom(1, 8) }), weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      o,
      pi: fc.option(pi, { nil: null }),
      amount: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 2000 }), weight: 3 }, money),
      lines: fc.option(
        fc.array(fc.record({ li: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 1 }), weight: 9 }, fc.constant(2)), qty: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 2 }),
        { nil: null },
      ),
    }),
    weight: 12,
  },
  { arbitrary: fc.record({ t: fc.constant('refundOutcome' as const), o, r: fc.integer({ min: 0, max: 4 }), ok: fc.boolean() }), weight: 9 },
  fc.record({ t: fc.constant('close' as const), o }),
  {
    arbitrary: fc.record({
      t: fc.constant('invoice' as const),
      o,
      action: fc.constantFrom('create', 'create', 'issue', 'issue', 'issue', 'void', 'uncollectible', 'uncollectible', 'remind', 'overdue', 'edit'),
      reuse: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('manual' as const),
      o,
      amount: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3000 }), weight: 3 }, money.map((m) => m ?? 0)),
      viaInvoice: fc.boolean(),
      // Settle exactly what is still collectible, so invoices end paid often enough to be checked.
      full: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
    }),
    weight: 7,
  },
  { arbitrary: fc.record({ t: fc.constant('reverse' as const), o, m: fc.integer({ min: 0, max: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('manualRefund' as const), o, amount: fc.integer({ min: 1, max: 4000 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('checkout' as const), o, action: fc.constantFrom('open', 'open', 'replace', 'close', 'expire', 'pay', 'pay', 'pay') }), weight: 3 },
);

const invoiceId = (order: number, n: number) => nthId('inv_', order * 10 + n + 1);
const customerOf = (order: number) => nthId('cus_', order + 1);

const piId = (order: number, n: number) => nthId('pi_', order * 100 + n + 1);

/**
 * Steps name intents by a small number read against the intents that exist, so most steps hit
 * one: create makes the next intent (or, for 0, retries the first id, to exercise
 * PAYMENT_INTENT_ALREADY_EXISTS); an outcome step prefers intents waiting for that outcome;
 * other steps pick among all intents. Returns the intent's creation index.
 */
const WAITING: Partial<Record<Step['t'], (i: PaymentIntent) => boolean>> = {
  attach: (i) => i.status === 'requires_payment_method',
  confirm: (i) => i.status === 'requires_payment_method' || i.status === 'requires_confirmation',
  auth: (i) => i.pending?.operation === 'authorize',
  captureOutcome: (i) => i.pending?.operation === 'capture',
  voidOutcome: (i) => i.pending?.operation === 'void',
  action: (i) => i.status === 'requires_action',
  capture: (i) => i.status === 'requires_capture',
  expire: (i) => i.status === 'requires_capture',
};

function intentIndex(step: Step & { pi: number | null }, intents: readonly PaymentIntent[]): number {
  const count = intents.length;
  if (step.pi === null) return 0;
  if (step.t === 'create') return step.pi === 0 && count > 0 ? 0 : Math.min(count, 11);
  const waiting = WAITING[step.t];
  const candidates = intents.map((intent, index) => ({ intent, index })).filter(({ intent }) => !waiting || waiting(intent));
  if (candidates.length > 0) return (candidates[step.pi % candidates.length] as { index: number }).index;
  return count === 0 ? 0 : step.pi % count;
}

/** Turns a generated step into a command, reading the pending attempt key from the state like the app would. */
export function toCommand(step: Step, state: OrderState, n: number, now: string): OrderCommand {
  const order_id = ORDERS[step.o] as string;
  const key = `k${n}`;
  const c = <T extends OrderCommand['type']>(type: T, data: Extract<OrderCommand, { type: T }>['data'], at = now) => ({ type, data, now: at }) as OrderCommand;
  const order = state.status === 'none' ? null : state;
  const intentOf = (p: number) => order?.payment_intents.find((i) => i.id === piId(step.o, p));
  const pendingKey = (p: number) => intentOf(p)?.pending?.attempt_key ?? intentOf(p)?.attempt_keys.at(-1) ?? 'none';
  const intents = order?.payment_intents ?? [];
  // Nothing exists yet on this order: most steps would only be refused, so create instead.
  const money_in_or_out = step.t === 'invoice' || step.t === 'manual' || step.t === 'reverse' || step.t === 'manualRefund' || step.t === 'checkout';
  if (intents.length === 0 && step.t !== 'create' && step.t !== 'close' && !money_in_or_out) step = { t: 'create', o: step.o, pi: 1, amount: null, automatic: n % 2 === 0 };
  if ('pi' in step && step.pi !== null) step = { ...step, pi: intentIndex(step, intents) };
  switch (step.t) {
    case 'create':
      return c('CreatePaymentIntent', {
        order_id,
        payment_intent_id: piId(step.o, step.pi),
        amount_money: usdOrNull(step.amount),
        capture_method: step.automatic ? 'automatic' : 'manual',
        ...(step.offSession ? { off_session: true, customer_id: customerOf(step.o) } : {}),
      });
    case 'attach':
      return c('AttachPaymentMethod', { order_id, payment_intent_id: piId(step.o, step.pi), payment_method: CARD });
    case 'confirm':
      return c('StartPaymentConfirmation', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: key, ...(step.withCard && { payment_method: CARD }) });
    case 'auth': {
      const outcome =
        step.kind === 'authorized'
          ? { type: step.kind, authorization_id: `auth${n}` }
          : step.kind === 'captured'
            ? { type: step.kind, authorization_id: `auth${n}`, charge_id: `ch${n}` }
            : step.kind === 'requires_action'
              ? { type: step.kind, action_id: `act${n}` }
              : { type: step.kind, code: 'card_declined', message: 'declined' };
      return c('RecordAuthorizationOutcome', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: step.staleKey ? (intentOf(step.pi)?.attempt_keys[0] ?? 'none') : pendingKey(step.pi), outcome, capture_id: `cap${n}` });
    }
    case 'action':
      return c('StartPaymentAction', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: key, result: step.approve ? 'approve' : 'fail' });
    case 'capture':
      return c('StartCapture', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: key, capture_id: `cap${n}`, amount_money: usdOrNull(step.amount), final: step.final, ...(step.reduce && { reduce_order: true }) });
    case 'captureOutcome':
      return c('RecordCaptureOutcome', {
        order_id,
        payment_intent_id: piId(step.o, step.pi),
        attempt_key: step.staleKey ? (intentOf(step.pi)?.attempt_keys[0] ?? 'none') : pendingKey(step.pi),
        outcome: step.ok ? { type: 'captured', charge_id: `ch${n}` } : { type: 'failed', code: 'processing_error', message: 'failed' },
      });
    case 'cancel':
      return c('StartCancel', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: key, ...(step.reduce && { reduce_order: true }) });
    case 'voidOutcome':
      return c('RecordVoidOutcome', {
        order_id,
        payment_intent_id: piId(step.o, step.pi),
        attempt_key: pendingKey(step.pi),
        outcome: step.ok ? { type: 'voided' } : { type: 'failed', code: 'processing_error', message: 'failed' },
      });
    case 'expire':
      return c('ExpireAuthorization', { order_id, payment_intent_id: piId(step.o, step.pi), attempt_key: key }, new Date(Date.parse(now) + step.days * 24 * HOUR).toISOString());
    case 'refund':
      return c('RequestRefund', {
        order_id,
        refund_id: nthId('ref_', n + 1),
        attempt_key: key,
        payment_intent_id: step.pi === null ? null : piId(step.o, step.pi),
        amount_money: step.lines ? null : usdOrNull(step.amount),
        line_items: step.lines?.map((l) => ({ line_item_id: nthId('li_', l.li + 1), quantity: l.qty })) ?? null,
      });
    case 'refundOutcome': {
      // One part of a refund at a time (a refund spread over payments has several).
      const parts = (order?.refunds ?? []).flatMap((r) => r.parts.map((p) => ({ refund: r, part: p })));
      const pending = parts.filter(({ part }) => part.status === 'pending');
      const pool = pending.length > 0 && step.r < 4 ? pending : parts;
      const chosen = pool[step.r % Math.max(pool.length, 1)];
      return c('RecordRefundOutcome', {
        order_id,
        refund_id: chosen?.refund.id ?? nthId('ref_', 999),
        attempt_key: chosen?.part.attempt_key ?? 'none',
        outcome: step.ok ? { type: 'succeeded', processor_refund_id: `re${n}` } : { type: 'failed', code: 'refund_failed' },
      });
    }
    case 'close':
      return c('CloseOrder', { order_id });
    case 'invoice': {
      const invoices = order?.invoices ?? [];
      const current = invoices.find((inv) => inv.lifecycle === 'draft' || inv.lifecycle === 'issued') ?? invoices.at(-1);
      const target = current?.id ?? invoiceId(step.o, 0);
      const base = { order_id, invoice_id: target };
      switch (step.action) {
        case 'create':
          return c('CreateInvoice', { order_id, invoice_id: step.reuse && current ? current.id : invoiceId(step.o, invoices.length), customer_id: customerOf(step.o) });
        case 'edit':
          return c('UpdateInvoiceDraft', { ...base, changes: { days_until_due: 10 } });
        case 'issue':
          return c('IssueInvoice', { ...base, number: `INV-${n}`, pay_token: `pay_token_${n}_abcdefghijkl` });
        case 'void':
          return c('VoidInvoice', { ...base, reason: null });
        case 'uncollectible':
          return c('MarkInvoiceUncollectible', base);
        case 'remind':
          return c('SendInvoiceReminder', { ...base, kind: 'manual' });
        case 'overdue':
          return c('MarkInvoiceOverdue', base, new Date(Date.parse(now) + 40 * 24 * HOUR).toISOString());
      }
      break;
    }
    case 'manual': {
      const holder = order?.invoices.find((inv) => inv.lifecycle === 'issued');
      return c('RecordManualPayment', {
        order_id,
        manual_payment_id: nthId('mp_', n + 1),
        invoice_id: step.viaInvoice ? (holder?.id ?? null) : null,
        amount_money: { amount: step.full && order ? Math.max(collectibleNow(order), 1) : step.amount, currency: 'USD' },
        method: 'wire',
        received_at: '2025-03-01',
      });
    }
    case 'reverse': {
      const payments = order?.manual_payments ?? [];
      const live = payments.filter((mp) => mp.reversed_at === null);
      const pool = live.length > 0 && step.m < 3 ? live : payments;
      const target = pool[step.m % Math.max(pool.length, 1)];
      return c('ReverseManualPayment', { order_id, manual_payment_id: target?.id ?? nthId('mp_', 9999), reason: 'bounced' });
    }
    case 'checkout': {
      const sessions = order?.checkout_sessions ?? [];
      const current = sessions.find((s) => s.status === 'open') ?? sessions.at(-1);
      const sessionId = current?.id ?? nthId('cs_', 1);
      const open = (replace: string | null) =>
        c('OpenCheckoutSession', {
          order_id,
          checkout_session_id: nthId('cs_', 100 + n),
          pay_token: `cst_token_${n}_abcdefghij`,
          success_url: 'https://shop.example/ok',
          cancel_url: 'https://shop.example/cart',
          expires_at: new Date(Date.parse(now) + 24 * HOUR).toISOString(),
          ...(replace ? { replace_checkout_session_id: replace } : {}),
        });
      switch (step.action) {
        case 'open':
          return open(null);
        case 'replace':
          return open(sessionId);
        case 'close':
          return c('CloseCheckoutSession', { order_id, checkout_session_id: sessionId });
        case 'expire':
          return c('ExpireCheckoutSession', { order_id, checkout_session_id: sessionId }, new Date(Date.parse(now) + 25 * HOUR).toISOString());
        case 'pay':
          return c('CreatePaymentIntent', {
            order_id,
            payment_intent_id: piId(step.o, intents.length),
            amount_money: null,
            capture_method: 'automatic',
            checkout_session_id: sessionId,
            expected_amount: order ? collectibleNow(order) : 0,
          });
      }
      break;
    }
    case 'manualRefund':
      return c('RecordManualRefund', { order_id, manual_refund_id: nthId('ref_', 500 + n), amount_money: { amount: step.amount, currency: 'USD' }, method: 'bank_transfer', refunded_at: '2025-03-01' });
  }
  throw new Error(`no command for step ${JSON.stringify(step)}`);
}

/** A sequence of 40 to 100 steps (what payments.property.spec.ts runs). */
export const paymentStepsArb: fc.Arbitrary<Step[]> = fc.array(stepArb, { minLength: 40, maxLength: 100 });

/**
 * Sequences where invoices hold the orders most of the time: issue-heavy invoice steps, manual
 * payments (a third settle exactly what is collectible), reversals, and automatic card payments
 * that mostly get captured — so invoices are credited by cards and by hand, reopened by reversals,
 * voided, written off and paid, far more often than in the payment-centred mix.
 */
export const collectionStepsArb: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof(
    {
      arbitrary: fc.record({
        t: fc.constant('invoice' as const),
        o,
        action: fc.constantFrom('create', 'issue', 'issue', 'issue', 'void', 'uncollectible', 'remind', 'overdue', 'edit'),
        reuse: fc.constant(false),
      }),
      weight: 10,
    },
    {
      arbitrary: fc.record({ t: fc.constant('manual' as const), o, amount: fc.integer({ min: 1, max: 4000 }), viaInvoice: fc.boolean(), full: fc.integer({ min: 0, max: 2 }).map((n) => n === 0) }),
      weight: 8,
    },
    { arbitrary: fc.record({ t: fc.constant('reverse' as const), o, m: fc.integer({ min: 0, max: 3 }) }), weight: 4 },
    { arbitrary: fc.record({ t: fc.constant('manualRefund' as const), o, amount: fc.integer({ min: 1, max: 4000 }) }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('create' as const), o, pi, amount: fc.constant(null), automatic: fc.constant(true) }), weight: 3 },
    { arbitrary: fc.record({ t: fc.constant('confirm' as const), o, pi, withCard: fc.constant(true) }), weight: 4 },
    { arbitrary: fc.record({ t: fc.constant('auth' as const), o, pi, kind: fc.constantFrom('captured', 'captured', 'captured', 'declined', 'requires_action'), staleKey: fc.constant(false) }), weight: 4 },
    { arbitrary: fc.record({ t: fc.constant('action' as const), o, pi, approve: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('refund' as const), o, pi: fc.constant(null), amount: fc.integer({ min: 1, max: 2000 }), lines: fc.constant(null) }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('refundOutcome' as const), o, r: fc.integer({ min: 0, max: 4 }), ok: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('close' as const), o }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('checkout' as const), o, action: fc.constantFrom('open', 'open', 'replace', 'close', 'expire', 'pay', 'pay', 'pay') }), weight: 5 },
  ),
  { minLength: 30, maxLength: 80 },
);

/**
 * Decides step n against its order's state, as the app would: the command and its events when
 * accepted (the states are moved on), undefined when the domain refused it.
 */
export function decideStep(step: Step, states: OrderState[], n: number): { command: OrderCommand; events: OrderEvent[] } | undefined {
  const state = states[step.o] as OrderState;
  const command = toCommand(step, state, n, stepTime(n));
  let events: OrderEvent[];
  try {
    events = orderDecider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
  states[step.o] = events.reduce(orderDecider.evolve, state);
  return { command, events };
}

/** The time at which step n is decided: one hour apart, from START + 1 h. */
export const stepTime = (n: number): string => new Date(START + (n + 1) * HOUR).toISOString();
