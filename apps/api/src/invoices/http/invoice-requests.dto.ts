import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MANUAL_PAYMENT_METHODS } from '#ordo/domain';
import { LineItemInputDto } from '../../orders/http/order-inputs.dto.js';
import { MoneyDto } from '../../orders/http/money.dto.js';
import { PaymentMethodDto } from '../../payments/http/payment-requests.dto.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { IsCalendarDate, IsIsoDateOrInstant } from '../../platform/satisfies.validator.js';

const MAX_AMOUNT = 999_999_999_999;

class InvoiceTermsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, default: 30, description: 'Due this many days after issue (unless due_date is set)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  days_until_due?: number;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2026-12-31', description: 'A fixed due date (end of that day, UTC); null clears it' })
  @IsOptional()
  @IsCalendarDate()
  due_date?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: 'Shown on the invoice; null clears it' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  memo?: string | null;
}

/** From an existing order (`order_id`), or quick pay (`currency` + `line_items` create the order). */
export class CreateInvoiceDto extends InvoiceTermsDto {
  @ApiPropertyOptional({ description: 'Bill this order' })
  @IsOptional()
  @Matches(/^ord_[A-Za-z0-9]{1,64}$/, { message: 'order_id must be an id starting with ord_' })
  order_id?: string;

  @ApiPropertyOptional({ description: "The customer billed; defaults to the order's" })
  @IsOptional()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customer_id must be an id starting with cus_' })
  customer_id?: string;

  @ApiPropertyOptional({ example: 'USD', description: 'Quick pay: the new order’s currency' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals' })
  currency?: string;

  @ApiPropertyOptional({ type: [LineItemInputDto], description: 'Quick pay: the new order’s lines' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LineItemInputDto)
  line_items?: LineItemInputDto[];
}

export class UpdateInvoiceDto extends InvoiceTermsDto {}

export class VoidInvoiceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class PayInvoiceDto {
  @ApiProperty({ type: PaymentMethodDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentMethodDto)
  payment_method!: PaymentMethodDto;
}

const INVOICE_STATUSES = ['draft', 'open', 'partially_paid', 'paid', 'void', 'uncollectible'];

export class ListInvoicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customer_id must be an id starting with cus_' })
  customer_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^ord_[A-Za-z0-9]{1,64}$/, { message: 'order_id must be an id starting with ord_' })
  order_id?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;

  @ApiPropertyOptional({ description: 'Due at or after (date or ISO instant)' })
  @IsOptional()
  @IsIsoDateOrInstant()
  due_from?: string;

  @ApiPropertyOptional({ description: 'Due at or before (date or ISO instant; a date includes that whole day)' })
  @IsOptional()
  @IsIsoDateOrInstant()
  due_to?: string;
}

/** Money that moved outside Ordo, in or out: how much, in the order's currency, and how. */
class OfflineMoneyDto {
  @ApiProperty({ type: MoneyDto, description: 'In the order’s currency (CURRENCY_MISMATCH otherwise)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money!: MoneyDto;

  @ApiProperty({ enum: MANUAL_PAYMENT_METHODS })
  @IsDefined()
  @IsIn([...MANUAL_PAYMENT_METHODS])
  method!: string;
}

export class RecordManualPaymentDto extends OfflineMoneyDto {
  @ApiProperty({ example: '2026-11-30', description: 'When the money was received (date or ISO instant, not in the future)' })
  @IsDefined()
  @IsIsoDateOrInstant()
  received_at!: string;

  @ApiPropertyOptional({ example: 'WIRE-2026-0042' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RecordManualRefundDto extends OfflineMoneyDto {
  @ApiProperty({ example: '2026-11-30', description: 'When the money went back (date or ISO instant, not in the future)' })
  @IsDefined()
  @IsIsoDateOrInstant()
  refunded_at!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ enum: ['duplicate', 'fraudulent', 'requested_by_customer'] })
  @IsOptional()
  @IsIn(['duplicate', 'fraudulent', 'requested_by_customer'])
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
}

export class ReverseManualPaymentDto {
  @ApiProperty({ example: 'check bounced' })
  @IsDefined()
  @IsString()
  @MaxLength(500)
  reason!: string;
}
