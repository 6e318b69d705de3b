import { ApiProperty } from '@nestjs/swagger';
import { MANUAL_PAYMENT_METHODS, REFUND_REASONS, type InvoiceStatus, type ReminderKind } from '#ordo/domain';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

/*
 * The answers of the invoice and manual-money routes, field for field as toInvoiceResource,
 * toManualPaymentResource and toManualRefundResource (read-model/invoice-resource.ts) build them.
 */

// Keyed by the domain's unions so that a new status or kind does not compile until it is listed here.
const INVOICE_STATUSES = Object.keys({ draft: 0, open: 0, partially_paid: 0, paid: 0, void: 0, uncollectible: 0 } satisfies Record<InvoiceStatus, 0>);
const REMINDER_KINDS = Object.keys({ manual: 0, before_due: 0, due: 0, overdue: 0 } satisfies Record<ReminderKind, 0>);

export class ManualPaymentResponse {
  @ApiProperty({ example: 'mp_…' })
  id!: string;

  @ApiProperty({ enum: ['manual_payment'] })
  object!: 'manual_payment';

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The invoice that held the order when it was recorded, if any' })
  invoice_id!: string | null;

  @ApiProperty({ enum: ['recorded', 'reversed'] })
  status!: 'recorded' | 'reversed';

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;

  @ApiProperty({ enum: MANUAL_PAYMENT_METHODS })
  method!: string;

  @ApiProperty({ format: 'date-time', description: 'When the money was received (a date given as input is its start, UTC)' })
  received_at!: string;

  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reversed_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reversal_reason!: string | null;
}

export class ManualRefundResponse {
  @ApiProperty({ example: 'ref_…' })
  id!: string;

  @ApiProperty({ enum: ['manual_refund'] })
  object!: 'manual_refund';

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;

  @ApiProperty({ enum: MANUAL_PAYMENT_METHODS })
  method!: string;

  @ApiProperty({ format: 'date-time', description: 'When the money went back (a date given as input is its start, UTC)' })
  refunded_at!: string;

  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;

  @ApiProperty({ enum: REFUND_REASONS, nullable: true })
  reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  recorded_at!: string;
}

/** A billed line: the order's line while a draft, frozen at issue afterwards. */
export class InvoiceLineResponse {
  @ApiProperty({ example: 'li_…' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  quantity!: number;

  @ApiProperty({ type: MoneyResponse })
  unit_price_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'After the line’s discounts and taxes' })
  total_money!: MoneyResponse;
}

export class InvoiceTotalsResponse {
  @ApiProperty({ type: MoneyResponse })
  subtotal_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  discount_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  tax_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  tip_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  total_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Already paid on the order before the invoice was issued (while a draft: so far)' })
  paid_before_money!: MoneyResponse;
}

export class InvoiceReminderResponse {
  @ApiProperty({ type: 'integer', description: 'The reminder’s number on this invoice (1 = the first)' })
  sequence!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The reminder schedule’s step it was sent for; null when asked for through the API' })
  step!: number | null;

  @ApiProperty({ enum: REMINDER_KINDS })
  kind!: string;

  @ApiProperty({ format: 'date-time' })
  sent_at!: string;
}

export class InvoiceResponse {
  @ApiProperty({ example: 'inv_…' })
  id!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'The hosted invoice page the buyer pays on (set once issued; no API key needed)' })
  hosted_invoice_url!: string | null;

  @ApiProperty({ enum: ['invoice'] })
  object!: 'invoice';

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ example: 'cus_…' })
  customer_id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Set when issued' })
  number!: string | null;

  @ApiProperty({ enum: INVOICE_STATUSES, description: 'An issued invoice is open, partially_paid or paid according to its order’s balance' })
  status!: string;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyResponse, description: 'What it billed when issued; while a draft, what the order still owes' })
  amount_due_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Collected since it was issued (card and manual, less reversals)' })
  amount_paid_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'What the order still owes; 0 once void or uncollectible' })
  amount_remaining_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'What marking it uncollectible wrote off' })
  amount_written_off_money!: MoneyResponse;

  @ApiProperty({ type: [InvoiceLineResponse] })
  line_items!: InvoiceLineResponse[];

  @ApiProperty({ type: InvoiceTotalsResponse })
  totals!: InvoiceTotalsResponse;

  @ApiProperty({ type: 'integer', description: 'Due this many days after issue, unless due_date is set' })
  days_until_due!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'A fixed due date (end of that day, UTC)' })
  due_date!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set when issued' })
  due_at!: string | null;

  @ApiProperty({ description: 'Open or partially paid, and past due' })
  overdue!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was first found past due' })
  overdue_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  memo!: string | null;

  @ApiProperty({ type: [ManualPaymentResponse], description: 'Recorded against this invoice' })
  manual_payments!: ManualPaymentResponse[];

  @ApiProperty({ type: [InvoiceReminderResponse] })
  reminders!: InvoiceReminderResponse[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  issued_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  voided_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  void_reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  marked_uncollectible_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
