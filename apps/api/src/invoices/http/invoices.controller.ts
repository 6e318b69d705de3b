import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toUtcInstant } from '#ordo/domain';
import { ApiError } from '../../platform/api-error.js';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { toLineItem } from '../../orders/http/to-domain.js';
import { PaymentIntentResponse } from '../../payments/http/payment.responses.js';
import { PaymentsQueries } from '../../payments/read-model/payments.queries.js';
import { InvoicesService } from '../application/invoices.service.js';
import { InvoicesQueries } from '../read-model/invoices.queries.js';
import { InvoiceResponse, ManualPaymentResponse } from './invoice.responses.js';
import { CreateInvoiceDto, ListInvoicesQueryDto, PayInvoiceDto, RecordManualPaymentDto, ReverseManualPaymentDto, UpdateInvoiceDto, VoidInvoiceDto } from './invoice-requests.dto.js';
import { toManualPaymentInput } from './manual-payment-input.js';

const invoiceId = new IdPipe('inv_', 'id');
const manualPaymentId = new IdPipe('mp_', 'manual_payment_id');

/** Thin: each route maps the body to one use case, then answers with the read model's resource. */
@ApiTags('invoices')
@ApiBearerAuth()
@Controller('v1/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly queries: InvoicesQueries,
    private readonly payments: PaymentsQueries,
  ) {}

  @Post()
  @ApiData(InvoiceResponse, 201)
  @ApiOperation({ summary: 'Draft an invoice for an order, or quick pay: currency + line_items create the order' })
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateInvoiceDto) {
    const quick = dto.line_items !== undefined || dto.currency !== undefined;
    if (dto.order_id && quick) throw new ApiError(400, 'INVALID_REQUEST', 'give order_id, or currency and line_items for quick pay, not both', 'order_id');
    if (!dto.order_id) {
      if (!dto.currency) throw new ApiError(400, 'MISSING_FIELD', 'currency is required without order_id', 'currency');
      if (!dto.line_items) throw new ApiError(400, 'MISSING_FIELD', 'line_items are required without order_id', 'line_items');
    }
    const { invoiceId: id } = await this.invoices.create(ctx, {
      ...(dto.order_id ? { orderId: dto.order_id } : { quickPay: { currency: dto.currency!, lineItems: dto.line_items!.map((l) => toLineItem(l, ctx.ids)) } }),
      ...(dto.customer_id ? { customerId: dto.customer_id } : {}),
      ...(dto.days_until_due !== undefined ? { daysUntilDue: dto.days_until_due } : {}),
      ...(dto.due_date !== undefined ? { dueDate: dto.due_date } : {}),
      ...(dto.memo !== undefined ? { memo: dto.memo } : {}),
    });
    return this.queries.invoice(ctx, id);
  }

  @Get()
  @ApiPage(InvoiceResponse)
  @ApiOperation({ summary: 'List invoices, newest first (filters status, customer_id, order_id, overdue, due_from, due_to)' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListInvoicesQueryDto) {
    const dueFrom = q.due_from ? toUtcInstant(q.due_from) : undefined;
    const dueTo = q.due_to ? (q.due_to.length === 10 ? `${q.due_to}T23:59:59.999Z` : toUtcInstant(q.due_to)) : undefined;
    if (dueFrom && dueTo && dueFrom > dueTo) throw new ApiError(400, 'INVALID_FIELD', 'due_to must not be before due_from', 'due_to');
    return this.queries.list(ctx, { ...q, ...(dueFrom ? { due_from: dueFrom } : {}), ...(dueTo ? { due_to: dueTo } : {}) });
  }

  @Get(':id')
  @ApiData(InvoiceResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string) {
    return this.queries.invoice(ctx, id);
  }

  @Patch(':id')
  @ApiData(InvoiceResponse)
  @ApiOperation({ summary: 'Change a draft’s terms (days_until_due, due_date, memo); what it bills changes through the order' })
  async update(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string, @Body() dto: UpdateInvoiceDto) {
    const changes = {
      ...(dto.days_until_due !== undefined ? { days_until_due: dto.days_until_due } : {}),
      ...(dto.due_date !== undefined ? { due_date: dto.due_date } : {}),
      ...(dto.memo !== undefined ? { memo: dto.memo } : {}),
    };
    await this.invoices.updateDraft(ctx, await this.order(ctx, id), id, changes);
    return this.queries.invoice(ctx, id);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @ApiData(InvoiceResponse)
  @ApiOperation({ summary: 'Issue: freeze what is billed, number it, set the due date, open the pay link; the invoice now holds the order' })
  async issue(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string) {
    await this.invoices.issue(ctx, await this.order(ctx, id), id);
    return this.queries.invoice(ctx, id);
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiData(InvoiceResponse)
  @ApiOperation({ summary: 'Void (only while the invoice has collected nothing); releases the order' })
  async void(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string, @Body() dto: VoidInvoiceDto) {
    await this.invoices.void(ctx, await this.order(ctx, id), id, dto.reason);
    return this.queries.invoice(ctx, id);
  }

  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @ApiData(InvoiceResponse)
  @ApiOperation({ summary: 'Write off what is still owed; the invoice becomes uncollectible' })
  async markUncollectible(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string) {
    await this.invoices.markUncollectible(ctx, await this.order(ctx, id), id);
    return this.queries.invoice(ctx, id);
  }

  @Post(':id/send-reminder')
  @HttpCode(200)
  @ApiData(InvoiceResponse)
  @ApiOperation({ summary: 'Send a reminder now (recorded on the timeline, delivered by the notifier)' })
  async sendReminder(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string) {
    await this.invoices.sendReminder(ctx, await this.order(ctx, id), id, 'manual');
    return this.queries.invoice(ctx, id);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @ApiData(PaymentIntentResponse)
  @ApiOperation({ summary: 'Pay what the invoice still asks for with a card token (captured at once); answers the payment intent' })
  async pay(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string, @Body() dto: PayInvoiceDto) {
    // Whether the invoice still collects is decided with the payment, on the order's revision.
    const intentId = await this.invoices.pay(ctx, await this.order(ctx, id), id, dto.payment_method.token);
    return this.payments.intent(ctx, intentId);
  }

  @Post(':id/manual-payments')
  @ApiData(ManualPaymentResponse, 201)
  @ApiOperation({ summary: 'Record money received outside Ordo (wire, bank transfer, check, cash, other) against the invoice' })
  async recordManualPayment(@Ctx() ctx: RequestContext, @Param('id', invoiceId) id: string, @Body() dto: RecordManualPaymentDto) {
    const invoice = await this.queries.invoice(ctx, id);
    const mpId = await this.invoices.recordManualPayment(ctx, invoice.order_id, id, toManualPaymentInput(dto));
    return this.manualPayment(ctx, id, mpId);
  }

  @Post(':id/manual-payments/:manual_payment_id/reverse')
  @HttpCode(200)
  @ApiData(ManualPaymentResponse)
  @ApiOperation({ summary: 'Reverse a recorded manual payment (it did not arrive after all); the balance reopens' })
  async reverseManualPayment(
    @Ctx() ctx: RequestContext,
    @Param('id', invoiceId) id: string,
    @Param('manual_payment_id', manualPaymentId) mpId: string,
    @Body() dto: ReverseManualPaymentDto,
  ) {
    await this.invoices.reverseManualPayment(ctx, await this.order(ctx, id), id, mpId, dto.reason);
    return this.manualPayment(ctx, id, mpId);
  }

  /** Another merchant's invoice is not found, exactly like an unknown one. */
  private order(ctx: RequestContext, id: string): Promise<string> {
    return this.queries.invoiceOrder(ctx, id);
  }

  private async manualPayment(ctx: RequestContext, invoiceId: string, mpId: string) {
    const found = (await this.queries.invoice(ctx, invoiceId)).manual_payments.find((mp) => mp.id === mpId);
    if (!found) throw new ApiError(404, 'MANUAL_PAYMENT_NOT_FOUND', `no manual payment ${mpId} on invoice ${invoiceId}`);
    return found;
  }
}

