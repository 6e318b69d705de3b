import fc from 'fast-check';
import { fold } from '../core/decider.js';
import { DomainError } from '../core/domain-error.js';
import { orderBalance } from '../orders/balance.js';
import { orderDecider } from '../orders/order-decider.js';
import type { OrderEvent } from '../orders/order-events.js';
import type { ExistingOrder, OrderState } from '../orders/order-state.js';
import { computeOrderTotals } from '../orders/order-totals.js';
import { openingEvents, PAYMENT_SEQUENCE_ORDERS as ORDERS, paymentStepsArb, stepTime, toCommand } from '../testing/payment-sequences.js';
import { COLLECTION_EVENT_TYPES } from '../collection/collection-events.js';
import { invoiceAmountPaid, invoiceStatus } from '../collection/invoice-status.js';
import { PAYMENT_EVENT_TYPES } from './payment-events.js';
import { heldAmount } from './payment-guards.js';
import { lineRefunds } from './refund-lines.js';

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
    const mine = order.refunds.filter((r) => r.payment_intent_id === intent.id);
    const succeeded = mine.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0);
    const pending = mine.filter((r) => r.status === 'pending').reduce((s, r) => s + r.amount, 0);
    same(intent.refunded, succeeded, 'intent.refunded');
    atMost(succeeded + pending, intent.captured, 'succeeded + pending ≤ intent.captured');
    same(intent.status === 'processing', intent.pending !== null, 'processing exactly while a call is pending');
  }
  same(order.captured, order.payment_intents.reduce((s, i) => s + i.captured, 0), 'order.captured');
  same(order.refunded, order.refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0), 'order.refunded');
  same(order.refunds.every((r) => r.amount > 0), true, 'order.refunds.every((r) => r.amount > 0)');
  // paid = captured + manual − reversed, never above the total.
  same(order.manual_recorded, order.manual_payments.reduce((s, mp) => s + mp.amount, 0), 'order.manual_recorded');
  same(order.manual_reversed, order.manual_payments.filter((mp) => mp.reversed_at !== null).reduce((s, mp) => s + mp.amount, 0), 'order.manual_reversed');
  same(balance.paid, order.captured + order.manual_recorded - order.manual_reversed, 'balance.paid = captured + manual − reversed');
  atMost(balance.paid, totals.total, 'balance.paid ≤ total');
  checkInvoices(order, balance.outstanding, totals);
  same(balance.outstanding, totals.total - balance.paid - order.written_off, 'balance.outstanding');
  atMost(0, balance.outstanding, 'balance.outstanding ≥ 0');
  atMost(0, order.written_off, 'order.written_off ≥ 0');
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
      atMost(invoiceAmountPaid(invoice, order), totals.total, 'invoice amount paid ≤ order total');
      atMost(0, invoice.collected, 'invoice.collected ≥ 0');
    }
    atMost(0, invoice.written_off, 'invoice.written_off ≥ 0');
  }
  atMost(order.invoices.reduce((s, inv) => s + inv.written_off, 0), order.written_off, 'invoice write-offs ≤ order.written_off');
}

describe('payments, invoices and manual payments: money invariants over random command sequences', () => {
  it('hold after every step of every sequence', () => {
    let accepted = 0;
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(paymentStepsArb, (steps) => {
        const states: OrderState[] = ORDERS.map((id, i) => fold(orderDecider, openingEvents(id, i)));
        steps.forEach((step, n) => {
          const now = stepTime(n);
          const state = states[step.o] as OrderState;
          const command = toCommand(step, state, n, now);
          let events: OrderEvent[];
          try {
            events = orderDecider.decide(command, state);
          } catch (error) {
            if (error instanceof DomainError) return;
            throw error;
          }
          accepted += 1;
          for (const event of events) seen.set(event.type, (seen.get(event.type) ?? 0) + 1);
          const next = events.reduce(orderDecider.evolve, state);
          states[step.o] = next;
          checkInvariants(next as ExistingOrder);
        });
      }),
      { numRuns: 1000 },
    );
    // The sequences reach every kind of fact, not just the first steps.
    expect(PAYMENT_EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
    expect(seen.get('OrderBalanceWrittenOff')).toBeGreaterThan(0);
    expect(seen.get('PaymentCaptured')).toBeGreaterThan(300);
    expect(seen.get('RefundSucceeded')).toBeGreaterThan(20);
    // …and the invoice and manual-payment facts too.
    expect(COLLECTION_EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
    expect(seen.get('ManualPaymentReversed')).toBeGreaterThan(20);
    expect(seen.get('InvoiceMarkedUncollectible')).toBeGreaterThan(2);
    expect(accepted).toBeGreaterThan(5_000);
  });
});
