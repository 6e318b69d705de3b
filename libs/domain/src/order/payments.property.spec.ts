import fc from 'fast-check';
import { fold } from '../core/decider.js';
import { orderBalance } from './model/balance.js';
import { orderDecider } from './order-decider.js';
import type { OrderEvent } from './model/order-events.js';
import type { ExistingOrder, OrderState } from './model/order-state.js';
import { computeOrderTotals } from './rules/order-totals.js';
import { collectionStepsArb, decideStep, openingEvents, PAYMENT_SEQUENCE_ORDERS as ORDERS, paymentStepsArb, type Step } from '../testing/payment-sequences.js';
import { COLLECTION_EVENT_TYPES } from './model/collection-events.js';
import { invoiceStatus } from './rules/invoice-status.js';
import { PAYMENT_EVENT_TYPES } from './model/payment-events.js';
import { heldAmount } from './rules/payment-guards.js';
import { lineRefunds } from './rules/refund-lines.js';
import { CHECKOUT_EVENT_TYPES } from './checkout/checkout-model.js';
import { assertCovering, atLeast } from '../testing/coverage.js';

/*
 * Model-based test of the money invariants: random sequences of payment and refund commands
 * over two orders and three intents each go through orderDecider (rejections are skipped), and
 * every invariant is checked after every step. The generator lives in testing/payment-sequences.ts
 * (shared with the read-model property test in apps/api).
 */

// Plain checks rather than jest matchers: they run about a million times per test run.
function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: ${String(actual)} !== ${String(expected)}`);
}
function atMost(value: number, limit: number, what: string): void {
  if (!(value <= limit)) throw new Error(`${what}: ${value} > ${limit}`);
}

function checkInvariants(order: ExistingOrder): void {
  const totals = computeOrderTotals(order);
  const balance = orderBalance(totals.total, order);
  for (const intent of order.payment_intents) {
    const figures = [intent.authorized, intent.capturable, intent.captured, intent.released, intent.refunded];
    same(figures.every((f) => Number.isSafeInteger(f) && f >= 0), true, 'figures.every((f) => Number.isSafeInteger(f) && f >= 0)');
    atMost(intent.captured, intent.authorized, 'intent.captured ≤ intent.authorized');
    same(intent.capturable, intent.authorized - intent.captured - intent.released, 'intent.capturable');
    same(intent.captures.reduce((s, cap) => s + cap.amount, 0), intent.captured, 'intent.captures.reduce((s, cap) => s + cap.amount, 0)');
    const mine = order.refunds.flatMap((r) => r.parts).filter((p) => p.payment_intent_id === intent.id);
    const succeeded = mine.filter((p) => p.status === 'succeeded').reduce((s, p) => s + p.amount, 0);
    const pending = mine.filter((p) => p.status === 'pending').reduce((s, p) => s + p.amount, 0);
    same(intent.refunded, succeeded, 'intent.refunded');
    atMost(succeeded + pending, intent.captured, 'succeeded + pending ≤ intent.captured');
    same(intent.status === 'processing', intent.pending !== null, 'processing exactly while a call is pending');
  }
  same(order.captured, order.payment_intents.reduce((s, i) => s + i.captured, 0), 'order.captured');
  same(order.refunds.every((r) => r.amount > 0), true, 'order.refunds.every((r) => r.amount > 0)');
  // paid = captured + manual − reversed, never above the total.
  same(order.manual_recorded, order.manual_payments.reduce((s, mp) => s + mp.amount, 0), 'order.manual_recorded');
  same(order.manual_reversed, order.manual_payments.filter((mp) => mp.reversed_at !== null).reduce((s, mp) => s + mp.amount, 0), 'order.manual_reversed');
  same(balance.paid, order.captured + order.manual_recorded - order.manual_reversed, 'balance.paid = captured + manual − reversed');
  atMost(balance.paid, totals.total, 'balance.paid ≤ total');
  // Money back never exceeds money in: card refunds per payment, manual refunds against manual money.
  const manualRefunded = order.manual_refunds.reduce((s, r) => s + r.amount, 0);
  atMost(manualRefunded, order.manual_recorded - order.manual_reversed, 'manual refunds ≤ manual money kept');
  same(order.refunded, order.refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0) + manualRefunded, 'order.refunded = card refunds + manual refunds');
  atMost(balance.refunded, balance.paid, 'refunded ≤ paid');
  checkInvoices(order, balance.outstanding, totals);
  // One collector at a time, and never an open checkout on an order with nothing left to collect.
  const open = order.checkout_sessions.filter((s) => s.status === 'open');
  atMost(open.length, 1, 'open checkout sessions');
  if (open.length === 1) {
    same(order.status, 'open', 'an open checkout session is on an open order');
    same(order.invoices.some((inv) => inv.lifecycle === 'issued'), false, 'no issued invoice beside an open checkout session');
    atMost(1, balance.outstanding, 'an open checkout session has something to collect');
  }
  for (const s of order.checkout_sessions.filter((x) => x.status === 'completed')) {
    same(order.payment_intents.find((pi) => pi.id === s.payment_intent_id)?.checkout_session_id, s.id, 'a completed session was paid by its own payment');
  }
  for (const pi of order.payment_intents) if (pi.checkout_session_id) same(pi.capture_method, 'automatic', 'checkout payments capture at once');
  same(balance.outstanding, totals.total - balance.paid - order.written_off - order.reduced, 'balance.outstanding');
  atMost(0, balance.outstanding, 'balance.outstanding ≥ 0');
  atMost(0, order.written_off, 'order.written_off ≥ 0');
  atMost(0, order.reduced, 'order.reduced ≥ 0');
  // A reduction only ever takes off what a release gave back.
  atMost(order.reduced, order.payment_intents.reduce((s, i) => s + i.released, 0), 'order.reduced ≤ Σ released');
  // Money in, or on its way in, never goes beyond the total.
  atMost(balance.paid + order.payment_intents.reduce((s, i) => s + heldAmount(i), 0), totals.total, 'balance.paid + order.payment_intents.reduce((s, i) => s + heldAmount(i), 0) ≤ totals.total');
  const lines = lineRefunds(order);
  for (const line of totals.line_items) {
    const refunded = lines.get(line.id);
    const quantity = order.line_items.find((l) => l.id === line.id)?.quantity ?? 0;
    atMost(refunded?.reserved_amount ?? 0, line.total, 'refunded?.reserved_amount ?? 0 ≤ line.total');
    atMost(refunded?.reserved_quantity ?? 0, quantity, 'refunded?.reserved_quantity ?? 0 ≤ quantity');
    if (refunded && refunded.reserved_quantity === quantity) same(refunded.reserved_amount, line.total, 'refunded.reserved_amount');
  }
}

/** One collector at a time, and each invoice's figures agree with its order's balance. */
function checkInvoices(order: ExistingOrder, outstanding: number, totals: { total: number }): void {
  atMost(order.invoices.filter((inv) => inv.lifecycle === 'draft' || inv.lifecycle === 'issued').length, 1, 'active invoices ≤ 1');
  for (const invoice of order.invoices) {
    const status = invoiceStatus(invoice, order);
    if (invoice.lifecycle === 'issued') {
      same(status === 'paid', outstanding <= 0, 'an issued invoice is paid exactly when nothing is outstanding');
      // (Not ≤ amount_due: when a payment made before the invoice is reversed, the invoice collects it too.)
      atMost(invoice.collected, totals.total, 'invoice amount paid ≤ order total');
      atMost(0, invoice.collected, 'invoice.collected ≥ 0');
    }
    atMost(0, invoice.written_off, 'invoice.written_off ≥ 0');
  }
  atMost(order.invoices.reduce((s, inv) => s + inv.written_off, 0), order.written_off, 'invoice write-offs ≤ order.written_off');
}

/**
 * An independent model of the money, built from the accepted events alone (not from evolve's
 * counters): what was paid in, and what each invoice collected — card captures while it held the
 * order, its manual payments, less their reversals.
 */
class MoneyModel {
  paid = 0;
  private holder: string | null = null;
  readonly collected = new Map<string, number>();
  private readonly manualInvoice = new Map<string, string | null>();
  /** Paths worth counting: captures credited to an invoice, reversals of an invoice's payments. */
  static readonly paths = { captureCredited: 0, manualCredited: 0, reversalDebited: 0 };

  apply(event: OrderEvent): void {
    const credit = (id: string, amount: number) => this.collected.set(id, (this.collected.get(id) ?? 0) + amount);
    switch (event.type) {
      case 'InvoiceIssued':
        this.holder = event.data.invoice_id;
        break;
      case 'InvoiceVoided':
      case 'InvoiceMarkedUncollectible':
        if (this.holder === event.data.invoice_id) this.holder = null;
        break;
      case 'PaymentCaptured':
        this.paid += event.data.amount;
        if (this.holder) (credit(this.holder, event.data.amount), MoneyModel.paths.captureCredited++);
        break;
      case 'ManualPaymentRecorded':
        this.paid += event.data.amount;
        this.manualInvoice.set(event.data.manual_payment_id, event.data.invoice_id);
        if (event.data.invoice_id) (credit(event.data.invoice_id, event.data.amount), MoneyModel.paths.manualCredited++);
        break;
      case 'ManualPaymentReversed': {
        this.paid -= event.data.amount;
        const invoice = this.manualInvoice.get(event.data.manual_payment_id);
        if (invoice) (credit(invoice, -event.data.amount), MoneyModel.paths.reversalDebited++);
        break;
      }
    }
  }

  check(order: ExistingOrder): void {
    const balance = orderBalance(computeOrderTotals(order).total, order);
    same(balance.paid, this.paid, 'paid = Σ captured + Σ manual − Σ reversed (from the events)');
    for (const invoice of order.invoices) same(invoice.collected, this.collected.get(invoice.id) ?? 0, `invoice ${invoice.id} collected (from the events)`);
    atMost(
      order.invoices.reduce((s, inv) => s + inv.collected, 0),
      this.paid + order.manual_payments.filter((mp) => mp.reversed_at !== null && mp.invoice_id === null).reduce((s, mp) => s + mp.amount, 0),
      'Σ collected ≤ paid',
    );
  }
}

interface Seen {
  accepted: number;
  offSessionChallenges: number;
  events: Map<string, number>;
  invoiceStatuses: Set<string>;
}

/** Runs one sequence through orderDecider, checking every invariant and the money model after every accepted step. */
function runSequence(steps: Step[], seen: Seen): void {
  const states: OrderState[] = ORDERS.map((id, i) => fold(orderDecider, openingEvents(id, i)));
  const models = ORDERS.map(() => new MoneyModel());
  steps.forEach((step, n) => {
    const decided = decideStep(step, states, n);
    if (!decided) return;
    const { events } = decided;
    seen.accepted += 1;
    for (const event of events) {
      seen.events.set(event.type, (seen.events.get(event.type) ?? 0) + 1);
      if (event.type === 'PaymentFailed' && event.data.code === 'authentication_required') seen.offSessionChallenges += 1;
    }
    const next = states[step.o] as ExistingOrder;
    checkInvariants(next);
    // Nobody answers a challenge off-session: such an intent never waits for one.
    for (const intent of next.payment_intents) if (intent.off_session && intent.status === 'requires_action') throw new Error(`off-session intent ${intent.id} waits for a challenge`);
    for (const event of events) models[step.o]!.apply(event);
    models[step.o]!.check(next);
    for (const invoice of next.invoices) seen.invoiceStatuses.add(invoiceStatus(invoice, next));
  });
}

const newSeen = (): Seen => ({ accepted: 0, offSessionChallenges: 0, events: new Map(), invoiceStatuses: new Set() });

describe('payments, invoices and manual payments: money invariants over random command sequences', () => {
  it('hold after every step of every payment-centred sequence', () => {
    const seen = newSeen();
    const count = (type: string) => () => seen.events.get(type);
    // The sequences reach every kind of fact, not just the first steps.
    // (Invoice facts are required of the invoice-centred test below, where they are common.)
    const missed = assertCovering(
      () => fc.property(paymentStepsArb, (steps) => runSequence(steps, seen)),
      [
        ...PAYMENT_EVENT_TYPES.map((type) => atLeast(type, count(type), 1)),
        atLeast('OrderBalanceWrittenOff', count('OrderBalanceWrittenOff'), 1),
        atLeast('OrderBalanceReduced', count('OrderBalanceReduced'), 1),
        atLeast('PaymentCaptured', count('PaymentCaptured'), 300),
        atLeast('RefundSucceeded', count('RefundSucceeded'), 20),
        atLeast('ManualPaymentReversed', count('ManualPaymentReversed'), 20),
        atLeast('accepted commands', () => seen.accepted, 5_000),
        // Off-session intents whose card asked for a challenge failed instead (rare: a challenge outcome on an off-session intent).
        atLeast('off-session challenges failed', () => seen.offSessionChallenges, 1),
      ],
      { numRuns: 1000 },
    );
    expect(missed).toEqual([]);
  });

  it('hold after every step of every invoice-centred sequence, and every invoice path is taken', () => {
    const seen = newSeen();
    const before = { ...MoneyModel.paths };
    const taken = (path: keyof typeof MoneyModel.paths) => () => MoneyModel.paths[path] - before[path];
    const count = (type: string) => () => seen.events.get(type);
    const statuses = ['draft', 'open', 'paid', 'partially_paid', 'uncollectible', 'void'];
    // Typical per 1000 runs: ~15 captures credited to an invoice, ~120 manual payments, ~55 reversals,
    // ~140 issues. Rare paths (a capture credited to an invoice, a completed checkout session) are
    // missed by an unlucky unseeded round now and then: the check then runs another round.
    const missed = assertCovering(
      () => fc.property(collectionStepsArb, (steps) => runSequence(steps, seen)),
      [
        atLeast('captures credited to an invoice', taken('captureCredited'), 1),
        atLeast('manual payments credited to an invoice', taken('manualCredited'), 50),
        atLeast('reversals debited from an invoice', taken('reversalDebited'), 15),
        atLeast('InvoiceIssued', count('InvoiceIssued'), 60),
        ...COLLECTION_EVENT_TYPES.map((type) => atLeast(type, count(type), 1)),
        // Hosted checkout sessions are collectors too: every checkout fact is reached.
        ...CHECKOUT_EVENT_TYPES.map((type) => atLeast(type, count(type), 1)),
        ...statuses.map((status) => ({ what: `an invoice ${status}`, met: () => seen.invoiceStatuses.has(status) })),
      ],
      { numRuns: 1000 },
    );
    expect(missed).toEqual([]);
    expect([...seen.invoiceStatuses].sort()).toEqual(statuses);
  });
});
