import { Injectable } from '@nestjs/common';
import { OrderCommands, type OrderHistory } from '../../orders/application/order-commands.js';
import { chargeableMethod, DomainError, type CancellationReason, type CaptureMethod, type CardSummary, type ExistingOrder, type Money, type OrderCommand, type PaymentIntent } from '#ordo/domain';
import { TestClockTime } from '../../billing/application/test-clock-time.js';
import { CustomerCommands } from '../../customers/application/customer-commands.js';
import { ApiError } from '../../platform/api-error.js';
import { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/request-context.js';
import { cardForToken } from '../processor/card-for-token.js';
import { PaymentProcessors } from '../processor/payment-processors.js';
import { PaymentSteps } from './payment-steps.js';

export interface CreateIntentInput {
  order_id?: string;
  /** Without order_id it is required: it prices the one-line order created behind the intent. */
  amount_money?: Money;
  capture_method: CaptureMethod;
  token?: string;
  confirm: boolean;
  customer_id?: string;
  /** Paying this invoice (checked on the order's revision with the creation). */
  invoice_id?: string;
  /** No buyer present: the customer's saved method is charged (confirm is implied). */
  off_session?: boolean;
  /** A saved method of the customer to charge (default: the customer's default when off-session). */
  payment_method_id?: string;
  /** Save the card given with `token` to the customer for later off-session charges, once the payment goes through. */
  save_payment_method?: boolean;
  /** Paying through this hosted checkout session. */
  checkout_session_id?: string;
  /** The amount a hosted page showed the buyer (AMOUNT_DUE_CHANGED otherwise). */
  expected_amount?: number;
}

export interface IntentRef {
  orderId: string;
  intentId: string;
}

function intentOf(order: ExistingOrder, id: string): PaymentIntent {
  const intent = order.payment_intents.find((pi) => pi.id === id);
  if (!intent) throw new Error(`payment intent ${id} vanished from order ${order.id}`);
  return intent;
}

/**
 * A refused create+confirm appended nothing, so the ids it minted name nothing: a message that
 * named them would send the integrator to a 404 (issue 14.5). They are replaced by what they
 * would have been.
 */
function withoutUnbornIds(error: unknown, ids: readonly string[]): unknown {
  if (!(error instanceof DomainError) || !ids.some((id) => error.message.includes(id))) return error;
  const message = ids.reduce((text, id) => text.replaceAll(id, id.startsWith('pi_') ? 'the new payment intent' : 'the new order'), error.message);
  return new DomainError(error.code, error.kind, message, error.field);
}

/**
 * The payment-intent use cases. Ids and attempt keys come from the request's id minter: under
 * an Idempotency-Key they are derived from the key, so a retry after a crash reuses the same
 * attempt key and the processor replays instead of charging again.
 */
@Injectable()
export class PaymentIntentsService {
  constructor(
    private readonly orders: OrderCommands,
    private readonly steps: PaymentSteps,
    private readonly processors: PaymentProcessors,
    private readonly customers: CustomerCommands,
    private readonly clock: Clock,
    private readonly clockTime: TestClockTime,
  ) {}

  /** Creating, attaching a card and starting the confirmation are one append: all or nothing. */
  async create(ctx: RequestContext, input: CreateIntentInput): Promise<IntentRef> {
    const fromSaved = input.off_session === true || input.payment_method_id !== undefined;
    // The customer first: another merchant's is 404 whatever else the request is missing.
    const customerId = fromSaved || input.save_payment_method ? await this.customerOf(ctx, input) : undefined;
    const processor = input.confirm || input.token || fromSaved ? this.processors.require(ctx.mode) : undefined;
    const card = fromSaved ? await this.savedCard(ctx, customerId!, input) : input.token ? await cardForToken(processor!, ctx, input.token) : null;
    const intentId = ctx.ids.next('pi_');
    const commands: Omit<OrderCommand, 'now'>[] = [];
    let orderId = input.order_id;
    if (!orderId) {
      // "No order required": a standalone intent still belongs to an order, one line long.
      orderId = ctx.ids.next('ord_');
      commands.push({
        type: 'CreateOrder',
        data: {
          order_id: orderId,
          currency: input.amount_money!.currency,
          ...(input.customer_id ? { customer_id: input.customer_id } : {}),
          line_items: [{ id: ctx.ids.next('li_'), name: 'Payment', quantity: 1, unit_price_money: input.amount_money! }],
        },
      });
    }
    commands.push({
      type: 'CreatePaymentIntent',
      data: {
        order_id: orderId,
        payment_intent_id: intentId,
        amount_money: input.amount_money ?? null,
        capture_method: input.capture_method,
        ...(input.customer_id ? { customer_id: input.customer_id } : {}),
        ...(input.invoice_id ? { invoice_id: input.invoice_id } : {}),
        ...(input.off_session ? { off_session: true } : {}),
        ...(input.checkout_session_id ? { checkout_session_id: input.checkout_session_id } : {}),
        ...(input.expected_amount !== undefined ? { expected_amount: input.expected_amount } : {}),
      },
    });
    const ref = { orderId, intentId };
    if (input.confirm || fromSaved) {
      const attemptKey = ctx.ids.next('att_');
      // Minted before the call, so a retry under the same Idempotency-Key saves under the same id.
      const saveAs = input.save_payment_method && card ? ctx.ids.next('pm_') : undefined;
      commands.push(this.startConfirmation(ref, attemptKey, card));
      const unborn = input.order_id ? [intentId] : [intentId, orderId];
      const { order, history } = await this.orders.runAll(ctx, orderId, commands).catch((error: unknown) => {
        throw withoutUnbornIds(error, unborn);
      });
      await this.continue(ctx, order, history, intentId, attemptKey);
      if (saveAs) await this.saveIfPaid(ctx, ref, customerId!, saveAs, card!);
    } else {
      if (card) commands.push({ type: 'AttachPaymentMethod', data: { order_id: orderId, payment_intent_id: intentId, payment_method: card } });
      await this.orders.runAll(ctx, orderId, commands);
    }
    return ref;
  }

  async confirm(ctx: RequestContext, ref: IntentRef, token?: string, savePaymentMethod = false): Promise<void> {
    const processor = this.processors.require(ctx.mode);
    const customerId = savePaymentMethod ? await this.customerOf(ctx, { order_id: ref.orderId }, ref.intentId) : undefined;
    const card = token ? await cardForToken(processor, ctx, token) : null;
    if (savePaymentMethod && !card) throw new ApiError(400, 'MISSING_FIELD', 'save_payment_method needs the card: send payment_method.token with the confirmation', 'payment_method');
    const attemptKey = ctx.ids.next('att_');
    const saveAs = savePaymentMethod ? ctx.ids.next('pm_') : undefined;
    const { order, history } = await this.orders.runAll(ctx, ref.orderId, [this.startConfirmation(ref, attemptKey, card)]);
    await this.continue(ctx, order, history, ref.intentId, attemptKey);
    if (saveAs) await this.saveIfPaid(ctx, ref, customerId!, saveAs, card!);
  }

  /**
   * The customer a saved-method charge (or a save) is for: the one named, else the order's (or the
   * intent's). None is CUSTOMER_REQUIRED; an unknown one (or another merchant's) CUSTOMER_NOT_FOUND.
   */
  private async customerOf(ctx: RequestContext, input: Pick<CreateIntentInput, 'customer_id' | 'order_id'>, intentId?: string): Promise<string> {
    let id = input.customer_id;
    if (!id && input.order_id) {
      const { order } = await this.orders.load(ctx, input.order_id);
      id = (intentId ? order?.payment_intents.find((pi) => pi.id === intentId)?.customer_id : undefined) ?? order?.customer_id ?? undefined;
    }
    if (!id) throw new DomainError('CUSTOMER_REQUIRED', 'business', 'a saved payment method belongs to a customer: name customer_id (or pay an order that has one)', 'customer_id');
    await this.customers.require(ctx, id);
    return id;
  }

  /** The saved card to charge, checked by the customer's rules (removed, expired, not for off-session use). */
  private async savedCard(ctx: RequestContext, customerId: string, input: CreateIntentInput): Promise<CardSummary> {
    const customer = await this.customers.require(ctx, customerId);
    const now = ctx.at ?? (await this.clockTime.forCustomer(ctx, customerId)) ?? this.clock.nowIso();
    const method = chargeableMethod(customer, { customer_id: customerId, payment_method_id: input.payment_method_id ?? null, off_session: input.off_session === true, now });
    return { ...method.card, payment_method_id: method.id };
  }

  /** After the payment went through (authorized or captured), the card is kept for later charges. */
  private async saveIfPaid(ctx: RequestContext, ref: IntentRef, customerId: string, paymentMethodId: string, card: CardSummary): Promise<void> {
    const { order } = await this.orders.load(ctx, ref.orderId);
    const status = order?.payment_intents.find((pi) => pi.id === ref.intentId)?.status;
    if (status !== 'succeeded' && status !== 'requires_capture') return;
    const { token, brand, last4, exp_month, exp_year } = card;
    await this.customers.run(ctx, customerId, {
      type: 'SavePaymentMethod',
      data: { customer_id: customerId, payment_method_id: paymentMethodId, payment_method: { token, brand, last4, exp_month, exp_year }, usage: 'off_session', set_default: null },
    });
  }

  private startConfirmation({ orderId, intentId }: IntentRef, attemptKey: string, card: CardSummary | null): Omit<OrderCommand, 'now'> {
    return { type: 'StartPaymentConfirmation', data: { order_id: orderId, payment_intent_id: intentId, attempt_key: attemptKey, payment_method: card } };
  }

  /** The test-mode stand-in for the buyer's 3-D Secure page. */
  async completeAction(ctx: RequestContext, { orderId, intentId }: IntentRef, result: 'approve' | 'fail'): Promise<void> {
    this.processors.require(ctx.mode);
    const attemptKey = ctx.ids.next('att_');
    const { order, history } = await this.orders.runAll(ctx, orderId, [
      { type: 'StartPaymentAction', data: { order_id: orderId, payment_intent_id: intentId, attempt_key: attemptKey, result } },
    ]);
    await this.continue(ctx, order, history, intentId, attemptKey);
  }

  async capture(ctx: RequestContext, { orderId, intentId }: IntentRef, { amountMoney, final, reduceOrder }: { amountMoney?: Money; final?: boolean; reduceOrder?: boolean } = {}): Promise<void> {
    this.processors.require(ctx.mode);
    const attemptKey = ctx.ids.next('att_');
    const { order, history } = await this.orders.runAll(ctx, orderId, [
      {
        type: 'StartCapture',
        data: { order_id: orderId, payment_intent_id: intentId, attempt_key: attemptKey, capture_id: ctx.ids.next('cap_'), amount_money: amountMoney ?? null, final: final ?? null, reduce_order: reduceOrder ?? null },
      },
    ]);
    await this.continue(ctx, order, history, intentId, attemptKey);
  }

  /** Before an authorization: canceled at once. With a hold: voided at the processor first (after a capture: the rest of it). */
  async cancel(ctx: RequestContext, { orderId, intentId }: IntentRef, { reason, reduceOrder }: { reason?: CancellationReason; reduceOrder?: boolean } = {}): Promise<void> {
    const attemptKey = ctx.ids.next('att_');
    const { order, history } = await this.orders.runAll(ctx, orderId, [
      { type: 'StartCancel', data: { order_id: orderId, payment_intent_id: intentId, attempt_key: attemptKey, reason: reason ?? null, reduce_order: reduceOrder ?? null } },
    ]);
    await this.continue(ctx, order, history, intentId, attemptKey);
  }

  /**
   * An automatic intent for whatever the order still has outstanding, confirmed at once: with a
   * card token (buyer present), or off-session from the customer's saved method — the
   * support-triggered "collect the rest now".
   */
  pay(ctx: RequestContext, orderId: string, how: { token?: string; off_session?: boolean; payment_method_id?: string }): Promise<IntentRef> {
    return this.create(ctx, { order_id: orderId, capture_method: 'automatic', confirm: true, ...how });
  }

  /**
   * Steps 2 and 3 for the attempt this request started. When step 1 answered from the stream
   * (a retried request) and the attempt is already settled, there is nothing left to do.
   */
  private async continue(ctx: RequestContext, order: ExistingOrder, history: OrderHistory, intentId: string, attemptKey: string): Promise<void> {
    const intent = intentOf(order, intentId);
    if (intent.pending?.attempt_key !== attemptKey) return;
    const call = this.steps.callForIntent(ctx, order, intent, history);
    if (call) await this.steps.callAndRecord(ctx, order.id, intentId, call);
  }
}
