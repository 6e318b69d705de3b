import { ApiProperty } from '@nestjs/swagger';
import { TimelineEntryResponse } from '../../orders/http/order.responses.js';
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

/** An order's timeline entry, with the order it is about. */
export class CustomerTimelineEntryResponse extends TimelineEntryResponse {
  @ApiProperty({ example: 'ord_…' })
  order_id!: string;
}
