import { Injectable } from '@nestjs/common';
import { OrderCommands, type Caller } from '../../orders/application/order-commands.js';
import {
  formatInvoiceNumber,
  invoiceNumberingDecider,
  orderDecider,
  type ExistingOrder,
  type Invoice,
  type InvoiceDraftChanges,
  type LineItemInput,
  type Money,
  type OrderCommand,
  type ReminderKind,
} from '#ordo/domain';
import { CommandPath } from '../../application/command-path.js';
import { Clock } from '../../platform/clock.js';
import { OrdersQueries } from '../../orders/read-model/orders.queries.js';
import type { RequestContext } from '../../platform/request-context.js';
import { PaymentIntentsService } from '../../payments/application/payment-intents.service.js';
import { toInvoiceResource } from '../read-model/invoice-resource.js';
import { InvoiceNotifier } from './invoice-notifier.js';

type Command = Omit<OrderCommand, 'now'>;

export interface CreateInvoiceInput {
  /** Bill an existing order… */
  orderId?: string;
  /** …or quick pay: these lines make a new order. */
  quickPay?: { currency: string; lineItems: LineItemInput[] };
  customerId?: string;
  daysUntilDue?: number;
  dueDate?: string | null;
  memo?: string | null;
}

export interface ManualPaymentInput {
  /** Checked against the order's currency by the decider. */
  amountMoney: Money;
  method: string;
  receivedAt: string;
  reference?: string;
  note?: string;
}

export const numberingStream = (caller: Pick<Caller, 'merchantId' | 'mode'>) => `invoice-numbers-${caller.merchantId}-${caller.mode}`;

/** The invoice and manual-payment use cases; every one is an order command (or two, as one append). */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly commands: OrderCommands,
    private readonly path: CommandPath,
    private readonly intents: PaymentIntentsService,
    private readonly notifier: InvoiceNotifier,
    private readonly clock: Clock,
    private readonly orders: OrdersQueries,
  ) {}

  /** Quick pay creates the order and its draft invoice in one append. */
  async create(ctx: RequestContext, input: CreateInvoiceInput): Promise<{ orderId: string; invoiceId: string }> {
    const invoiceId = ctx.ids.next('inv_');
    const commands: Command[] = [];
    let orderId = input.orderId;
    if (!orderId) {
      orderId = ctx.ids.next('ord_');
      commands.push({
        type: 'CreateOrder',
        data: { order_id: orderId, currency: input.quickPay!.currency, ...(input.customerId ? { customer_id: input.customerId } : {}), line_items: input.quickPay!.lineItems },
      });
    }
    commands.push({
      type: 'CreateInvoice',
      data: {
        order_id: orderId,
        invoice_id: invoiceId,
        customer_id: input.customerId ?? null,
        days_until_due: input.daysUntilDue ?? null,
        due_date: input.dueDate ?? null,
        memo: input.memo ?? null,
      },
    });
    await this.commands.runAll(ctx, orderId, commands);
    return { orderId, invoiceId };
  }

  async updateDraft(ctx: RequestContext, orderId: string, invoiceId: string, changes: InvoiceDraftChanges): Promise<void> {
    await this.commands.run(ctx, orderId, { type: 'UpdateInvoiceDraft', data: { order_id: orderId, invoice_id: invoiceId, changes } });
  }

  /**
   * Checks the issue against the order first (a refused issue burns no number), reserves the
   * next number of this merchant and mode, then issues. A retried request keeps its number: the
   * reservation is per invoice.
   */
  async issue(ctx: RequestContext, orderId: string, invoiceId: string): Promise<void> {
    const payToken = ctx.ids.next('ipt_');
    const issue = (number: string): Command => ({ type: 'IssueInvoice', data: { order_id: orderId, invoice_id: invoiceId, number, pay_token: payToken } });
    // The dry run reads the read model (no second fold of the stream); a write it has not seen yet
    // can at worst burn a number, never issue wrongly: IssueInvoice decides on the stream.
    const order = await this.orders.state(ctx, orderId);
    const invoice = order.invoices.find((inv) => inv.id === invoiceId);
    // An issued invoice is a retry (answered from the stream below) or a refusal the issue itself gives.
    if (invoice && invoice.lifecycle !== 'issued') orderDecider.decide({ ...issue('INV-0'), now: this.clock.nowIso() } as OrderCommand, order);
    const numbering = await this.path.run(invoiceNumberingDecider, numberingStream(ctx), { type: 'ReserveInvoiceNumber', data: { invoice_id: invoiceId }, now: this.clock.nowIso() }, ctx, 'INVOICE_NUMBERING_CONFLICT');
    await this.commands.run(ctx, orderId, issue(formatInvoiceNumber(numbering.state.byInvoice[invoiceId])));
  }

  async void(ctx: RequestContext, orderId: string, invoiceId: string, reason?: string): Promise<void> {
    await this.commands.run(ctx, orderId, { type: 'VoidInvoice', data: { order_id: orderId, invoice_id: invoiceId, reason: reason ?? null } });
  }

  async markUncollectible(ctx: RequestContext, orderId: string, invoiceId: string): Promise<void> {
    await this.commands.run(ctx, orderId, { type: 'MarkInvoiceUncollectible', data: { order_id: orderId, invoice_id: invoiceId } });
  }

  /**
   * Records the reminder, then hands it to the notifier (delivery is at most once per fact).
   * A schedule step already recorded records and sends nothing; answers whether it was sent.
   */
  async sendReminder(caller: Caller, orderId: string, invoiceId: string, kind: ReminderKind, step: number | null = null): Promise<boolean> {
    const { order, appended } = await this.commands.runAll(caller, orderId, [{ type: 'SendInvoiceReminder', data: { order_id: orderId, invoice_id: invoiceId, kind, step } }]);
    const invoice = order.invoices.find((inv) => inv.id === invoiceId);
    if (!invoice || appended === 0) return false;
    await this.notifier.deliver(reminderOf(caller, order, invoice));
    return true;
  }

  async markOverdue(caller: Caller, orderId: string, invoiceId: string): Promise<void> {
    await this.commands.run(caller, orderId, { type: 'MarkInvoiceOverdue', data: { order_id: orderId, invoice_id: invoiceId } });
  }

  /** The invoice's card payment: an automatic intent for what the order still owes, confirmed at once. */
  async pay(ctx: RequestContext, orderId: string, invoiceId: string, token: string): Promise<string> {
    const ref = await this.intents.create(ctx, { order_id: orderId, invoice_id: invoiceId, capture_method: 'automatic', token, confirm: true });
    return ref.intentId;
  }

  async recordManualPayment(ctx: RequestContext, orderId: string, invoiceId: string | null, input: ManualPaymentInput): Promise<string> {
    const id = ctx.ids.next('mp_');
    await this.commands.run(ctx, orderId, {
      type: 'RecordManualPayment',
      data: {
        order_id: orderId,
        manual_payment_id: id,
        invoice_id: invoiceId,
        amount_money: input.amountMoney,
        method: input.method,
        received_at: input.receivedAt,
        reference: input.reference ?? null,
        note: input.note ?? null,
      },
    });
    return id;
  }

  /** Money given back outside Ordo, against money that came in outside Ordo. */
  async recordManualRefund(ctx: RequestContext, orderId: string, input: { amountMoney: Money; method: string; refundedAt: string; reference?: string; reason?: string }): Promise<string> {
    const id = ctx.ids.next('ref_');
    await this.commands.run(ctx, orderId, {
      type: 'RecordManualRefund',
      data: { order_id: orderId, manual_refund_id: id, amount_money: input.amountMoney, method: input.method, refunded_at: input.refundedAt, reference: input.reference ?? null, reason: input.reason ?? null },
    });
    return id;
  }

  async reverseManualPayment(ctx: RequestContext, orderId: string, invoiceId: string | null, manualPaymentId: string, reason: string): Promise<void> {
    await this.commands.run(ctx, orderId, { type: 'ReverseManualPayment', data: { order_id: orderId, manual_payment_id: manualPaymentId, invoice_id: invoiceId, reason } });
  }
}

function reminderOf(caller: Caller, order: ExistingOrder, invoice: Invoice) {
  const resource = toInvoiceResource(order, invoice);
  const last = invoice.reminders.at(-1);
  return {
    merchantId: caller.merchantId,
    mode: caller.mode,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    customerId: invoice.customer_id,
    kind: last?.kind ?? 'manual',
    sequence: last?.sequence ?? 0,
    amountDue: resource.amount_remaining_money,
    dueAt: invoice.due_at,
  };
}
