import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

/*
 * The order as the API shows it (read-model/order-resource.ts builds it), documented for the
 * OpenAPI reference. The response-validation test holds every real answer to these classes,
 * field for field, so they cannot drift from what the API sends.
 */

const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;
const INTENT_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'expired'];
const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'partially_succeeded'];
const INVOICE_STATUSES = ['draft', 'open', 'partially_paid', 'paid', 'void', 'uncollectible'];
const MANUAL_METHODS = ['wire', 'bank_transfer', 'check', 'cash', 'other'];

/** The formulas are in libs/domain/src/order/model/balance.ts. */
export class OrderAmountsResponse {
  @ApiProperty({ type: MoneyResponse, description: 'Σ quantity × unit price' })
  subtotal_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  discount_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'Additive tax (inclusive tax is inside the prices)' })
  tax_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  tip_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  total_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'captured online + manual recorded − manual reversed' })
  paid_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'money given back (card and manual refunds that succeeded)' })
  refunded_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'paid − refunded' })
  net_paid_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'bad debt: left owed when closing after a partial payment, or an uncollectible invoice' })
  written_off_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'taken off what is owed when the rest of an authorization was released with reduce_order (not bad debt)' })
  reduced_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'total − paid − written_off − reduced' })
  outstanding_money!: MoneyResponse;
}

export class OrderLineItemResponse {
  @ApiProperty({ example: 'li_…' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: 'integer', minimum: 1 })
  quantity!: number;
  @ApiProperty({ type: MoneyResponse })
  unit_price_money!: MoneyResponse;
  @ApiProperty({ type: String, nullable: true })
  sku!: string | null;
  @ApiProperty(STRING_MAP)
  metadata!: Record<string, string>;
  @ApiProperty({ type: MoneyResponse, description: 'quantity × unit price' })
  gross_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  discount_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  tax_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  total_money!: MoneyResponse;
  @ApiProperty({ type: 'integer' })
  refunded_quantity!: number;
  @ApiProperty({ type: MoneyResponse })
  refunded_money!: MoneyResponse;
}

export class OrderDiscountResponse {
  @ApiProperty({ example: 'dis_…' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: ['fixed', 'percentage'] })
  type!: string;
  @ApiProperty({ type: MoneyResponse, nullable: true, description: 'fixed discounts' })
  amount_money!: MoneyResponse | null;
  @ApiProperty({ type: String, nullable: true, example: '10', description: 'percentage discounts, as a decimal string' })
  percentage!: string | null;
  @ApiProperty({ enum: ['order', 'line_items'] })
  scope!: string;
  @ApiProperty({ type: [String], description: 'empty exactly when scope is order' })
  line_item_ids!: string[];
  @ApiProperty({ type: MoneyResponse, description: 'what it took off' })
  applied_money!: MoneyResponse;
}

export class OrderTaxResponse {
  @ApiProperty({ example: 'tax_…' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ example: '8.875' })
  percentage!: string;
  @ApiProperty({ enum: ['additive', 'inclusive'] })
  inclusion!: string;
  @ApiProperty({ enum: ['order', 'line_items'] })
  scope!: string;
  @ApiProperty({ type: [String] })
  line_item_ids!: string[];
  @ApiProperty({ type: MoneyResponse })
  applied_money!: MoneyResponse;
}

export class OrderTipResponse {
  @ApiProperty({ enum: ['fixed', 'percentage'] })
  type!: string;
  @ApiProperty({ type: MoneyResponse, nullable: true })
  amount_money!: MoneyResponse | null;
  @ApiProperty({ type: String, nullable: true })
  percentage!: string | null;
  @ApiProperty({ type: MoneyResponse })
  applied_money!: MoneyResponse;
}

export class OrderPaymentSummaryResponse {
  @ApiProperty({ example: 'pi_…' })
  payment_intent_id!: string;
  @ApiProperty({ enum: INTENT_STATUSES })
  status!: string;
  @ApiProperty({ enum: ['automatic', 'manual'] })
  capture_method!: string;
  @ApiProperty({ type: MoneyResponse })
  authorized_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  captured_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse })
  refunded_money!: MoneyResponse;
}

export class OrderRefundSummaryResponse {
  @ApiProperty({ example: 'ref_…' })
  refund_id!: string;
  @ApiProperty({ type: [String], description: 'the payments it takes money from (one, or several when spread)' })
  payment_intent_ids!: string[];
  @ApiProperty({ enum: REFUND_STATUSES })
  status!: string;
  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;
}

export class OrderManualPaymentSummaryResponse {
  @ApiProperty({ example: 'mp_…' })
  manual_payment_id!: string;
  @ApiProperty({ type: String, nullable: true })
  invoice_id!: string | null;
  @ApiProperty({ enum: ['recorded', 'reversed'] })
  status!: string;
  @ApiProperty({ enum: MANUAL_METHODS })
  method!: string;
  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;
  @ApiProperty({ example: '2026-11-30' })
  received_at!: string;
}

export class OrderManualRefundSummaryResponse {
  @ApiProperty({ example: 'mrf_…' })
  manual_refund_id!: string;
  @ApiProperty({ enum: MANUAL_METHODS })
  method!: string;
  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;
  @ApiProperty({ example: '2026-12-01' })
  refunded_at!: string;
  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class OrderInvoiceSummaryResponse {
  @ApiProperty({ example: 'inv_…' })
  invoice_id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'INV-000001', description: 'set when issued' })
  number!: string | null;
  @ApiProperty({ enum: INVOICE_STATUSES })
  status!: string;
}

export class OrderResponse {
  @ApiProperty({ example: 'ord_…' })
  id!: string;
  @ApiProperty({ enum: ['order'] })
  object!: 'order';
  @ApiProperty({ enum: ['open', 'closed'] })
  status!: string;
  @ApiProperty({ enum: ['unpaid', 'partially_paid', 'paid'] })
  payment_status!: string;
  @ApiProperty({ enum: ['none', 'partially_refunded', 'refunded'] })
  refund_status!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ type: String, nullable: true })
  customer_id!: string | null;
  @ApiProperty({ enum: ['api', 'subscription'], description: "subscription: a subscription's billing-cycle order" })
  origin!: 'api' | 'subscription';
  @ApiProperty({ type: String, nullable: true, example: 'sub_…' })
  subscription_id!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'which billing cycle of the subscription (1 = the first)' })
  billing_cycle!: number | null;
  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;
  @ApiProperty(STRING_MAP)
  metadata!: Record<string, string>;
  @ApiProperty({ type: [OrderLineItemResponse] })
  line_items!: OrderLineItemResponse[];
  @ApiProperty({ type: [OrderDiscountResponse] })
  discounts!: OrderDiscountResponse[];
  @ApiProperty({ type: [OrderTaxResponse] })
  taxes!: OrderTaxResponse[];
  @ApiProperty({ type: OrderTipResponse, nullable: true })
  tip!: OrderTipResponse | null;
  @ApiProperty({ type: OrderAmountsResponse })
  amounts!: OrderAmountsResponse;
  @ApiProperty({ type: [OrderPaymentSummaryResponse], description: 'a summary of each payment intent (the full resource is under /v1/payment-intents)' })
  payments!: OrderPaymentSummaryResponse[];
  @ApiProperty({ type: [OrderRefundSummaryResponse] })
  refunds!: OrderRefundSummaryResponse[];
  @ApiProperty({ type: [OrderManualPaymentSummaryResponse] })
  manual_payments!: OrderManualPaymentSummaryResponse[];
  @ApiProperty({ type: [OrderManualRefundSummaryResponse] })
  manual_refunds!: OrderManualRefundSummaryResponse[];
  @ApiProperty({ type: [OrderInvoiceSummaryResponse] })
  invoices!: OrderInvoiceSummaryResponse[];
  @ApiProperty({ type: 'integer', description: 'the stream revision of the last fact applied' })
  version!: number;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  closed_at!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['completed', 'canceled'] })
  close_reason!: string | null;
}

export class TimelineEntryResponse {
  @ApiProperty({ type: 'integer', description: "its number in the order's whole timeline (1 = the first fact), whatever the filter" })
  sequence!: number;
  @ApiProperty({ example: 'PaymentCaptured', description: 'the event type (its wire name)' })
  type!: string;
  @ApiProperty({ format: 'date-time' })
  occurred_at!: string;
  @ApiProperty({ description: 'one human-readable sentence' })
  summary!: string;
  @ApiProperty({ type: OrderAmountsResponse, description: "the order's money figures after the fact" })
  amounts_after!: OrderAmountsResponse;
  @ApiProperty({ type: String, nullable: true })
  request_id!: string | null;
}
