import { ApiProperty, OmitType } from '@nestjs/swagger';
import { OrderAmountsResponse, TimelineEntryResponse } from '../../orders/http/order.responses.js';
import { MoneyResponse } from '../../platform/openapi/envelope.js';
import { AGING_BUCKETS } from '../read-model/aging.js';

/*
 * The answers of the customer and report routes, field for field as ReceivablesQueries
 * (with toAgingResource, read-model/aging.ts) and toCustomerTimelineEntry build them.
 */

/** What is owed per age: days past due, whole days from due_at. */
export class AgingBucketsResponse {
  @ApiProperty({ type: MoneyResponse, description: 'Not yet due, or due less than a day ago' })
  current!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: '1 to 30 days past due' })
  '1_30'!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: '31 to 60 days past due' })
  '31_60'!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: '61 to 90 days past due' })
  '61_90'!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'More than 90 days past due' })
  over_90!: MoneyResponse;
}

/** What is owed in one currency on open invoices. */
export class CurrencyReceivablesResponse {
  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: MoneyResponse })
  outstanding_money!: MoneyResponse;

  @ApiProperty({ type: 'integer', description: 'Open invoices counted' })
  invoice_count!: number;

  @ApiProperty({ type: AgingBucketsResponse })
  buckets!: AgingBucketsResponse;
}

export class OpenInvoiceResponse {
  @ApiProperty({ example: 'inv_…' })
  id!: string;

  @ApiProperty({ description: 'Open invoices are issued, so always numbered' })
  number!: string;

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ enum: ['open', 'partially_paid'] })
  status!: string;

  @ApiProperty({ type: MoneyResponse })
  amount_remaining_money!: MoneyResponse;

  @ApiProperty({ format: 'date-time' })
  due_at!: string;

  @ApiProperty({ type: 'integer', description: 'Whole days since due_at; 0 when not yet due' })
  days_past_due!: number;

  @ApiProperty({ enum: AGING_BUCKETS })
  bucket!: string;
}

export class ReceivablesResponse {
  @ApiProperty({ enum: ['customer_receivables'] })
  object!: 'customer_receivables';

  @ApiProperty({ example: 'cus_…' })
  customer_id!: string;

  @ApiProperty({ format: 'date-time', description: 'The instant the ages were computed for' })
  as_of!: string;

  @ApiProperty({ type: [OpenInvoiceResponse], description: 'Oldest due first' })
  open_invoices!: OpenInvoiceResponse[];

  @ApiProperty({ type: [CurrencyReceivablesResponse], description: 'In currency order' })
  by_currency!: CurrencyReceivablesResponse[];
}

/** One customer's figures in one currency. */
export class CustomerCurrencyReceivablesResponse extends CurrencyReceivablesResponse {
  @ApiProperty({ example: 'cus_…' })
  customer_id!: string;
}

export class AgingReportResponse {
  @ApiProperty({ enum: ['receivables_aging_report'] })
  object!: 'receivables_aging_report';

  @ApiProperty({ format: 'date-time', description: 'The instant the ages were computed for' })
  as_of!: string;

  @ApiProperty({ type: [CurrencyReceivablesResponse], description: 'Across all customers, in currency order' })
  by_currency!: CurrencyReceivablesResponse[];

  @ApiProperty({ type: [CustomerCurrencyReceivablesResponse], description: 'Per customer and currency, in customer then currency order' })
  customers!: CustomerCurrencyReceivablesResponse[];
}

/** An entry of the customer's timeline: one of their orders' facts, or one of their own (order_id null). */
export class CustomerTimelineEntryResponse extends OmitType(TimelineEntryResponse, ['amounts_after', 'sequence'] as const) {
  @ApiProperty({ type: String, nullable: true, example: 'ord_…', description: "the order the fact is about; null for the customer's own facts (details, saved methods)" })
  order_id!: string | null;

  @ApiProperty({ type: 'integer', description: "its number in its order's whole timeline, or in the customer's own facts when order_id is null" })
  sequence!: number;

  @ApiProperty({ type: OrderAmountsResponse, nullable: true, description: "the order's money figures after the fact; null for the customer's own facts" })
  amounts_after!: OrderAmountsResponse | null;
}

export class AddressResponse {
  @ApiProperty()
  line1!: string;
  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;
  @ApiProperty({ type: String, nullable: true })
  city!: string | null;
  @ApiProperty({ type: String, nullable: true })
  state!: string | null;
  @ApiProperty({ type: String, nullable: true })
  postal_code!: string | null;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'US' })
  country!: string;
}

export class CardDetailsResponse {
  @ApiProperty({ example: 'visa' })
  brand!: string;
  @ApiProperty({ example: '4242' })
  last4!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 })
  exp_month!: number;
  @ApiProperty({ type: 'integer' })
  exp_year!: number;
}

/** A saved card: brand, last 4 and expiry only (never the number, never the processor token). */
export class SavedPaymentMethodResponse {
  @ApiProperty({ example: 'pm_…' })
  id!: string;
  @ApiProperty({ enum: ['payment_method'] })
  object!: 'payment_method';
  @ApiProperty({ example: 'cus_…' })
  customer_id!: string;
  @ApiProperty({ enum: ['card'] })
  type!: 'card';
  @ApiProperty({ type: CardDetailsResponse })
  card!: CardDetailsResponse;
  @ApiProperty({ enum: ['on_session', 'off_session'], description: 'off_session: may be charged without the customer present' })
  usage!: string;
  @ApiProperty({ enum: ['active', 'expired', 'removed'], description: 'only an active method can be charged or made the default' })
  status!: string;
  @ApiProperty()
  is_default!: boolean;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  removed_at!: string | null;
}

export class CustomerReceivablesSummaryResponse {
  @ApiProperty({ type: 'integer', description: 'Open (issued, unpaid) invoices' })
  open_invoices!: number;
  @ApiProperty({ type: [CurrencyReceivablesResponse], description: 'What is owed per currency, by age (GET …/receivables has the invoices)' })
  by_currency!: CurrencyReceivablesResponse[];
}

export class CustomerResponse {
  @ApiProperty({ example: 'cus_…' })
  id!: string;
  @ApiProperty({ enum: ['customer'] })
  object!: 'customer';
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'E.164' })
  phone!: string | null;
  @ApiProperty({ type: AddressResponse, nullable: true })
  address!: AddressResponse | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true, description: "test mode: the test clock whose time bills this customer" })
  test_clock_id!: string | null;
  @ApiProperty({ type: SavedPaymentMethodResponse, nullable: true })
  default_payment_method!: SavedPaymentMethodResponse | null;
  @ApiProperty({ type: CustomerReceivablesSummaryResponse })
  receivables!: CustomerReceivablesSummaryResponse;
  @ApiProperty({ type: 'integer', description: "the customer stream's revision" })
  version!: number;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
