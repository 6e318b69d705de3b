import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MoneyDto } from '../../orders/http/money.dto.js';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../platform/page-query.dto.js';

const ID = /^[a-z]+_[A-Za-z0-9]{1,64}$/;
const MAX_AMOUNT = 999_999_999_999;

/** Tokens only: a card number can never reach these routes (the `tok_` pattern refuses digits-only). */
export class PaymentMethodDto {
  @ApiProperty({ example: 'tok_visa' })
  @IsDefined()
  @IsString()
  @Matches(/^tok_[A-Za-z0-9_]{1,251}$/, { message: 'payment_method.token must be a processor token (tok_…); card numbers are never accepted here' })
  token!: string;
}

/** How a payment picks a saved card of the customer instead of a token given now. */
export class SavedMethodChoiceDto {
  @ApiPropertyOptional({ description: "Charge without the buyer present, from the customer's saved off-session method (the default unless payment_method_id names one)" })
  @IsOptional()
  @IsBoolean()
  off_session?: boolean;

  @ApiPropertyOptional({ example: 'pm_…', description: "A saved method of the customer to charge instead of a card token" })
  @IsOptional()
  @IsString()
  @Matches(/^pm_[A-Za-z0-9]{1,64}$/, { message: 'payment_method_id must be an id starting with pm_' })
  payment_method_id?: string;
}

export class CreatePaymentIntentDto extends SavedMethodChoiceDto {
  @ApiPropertyOptional({ description: 'Pay this order; without it, amount_money creates a one-line order' })
  @IsOptional()
  @IsString()
  @Matches(/^ord_[A-Za-z0-9]{1,64}$/, { message: 'order_id must be an id starting with ord_' })
  order_id?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'In the order’s currency (CURRENCY_MISMATCH otherwise); with order_id it defaults to the outstanding balance at confirm time' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money?: MoneyDto;

  @ApiPropertyOptional({ enum: ['automatic', 'manual'], default: 'automatic' })
  @IsOptional()
  @IsIn(['automatic', 'manual'])
  capture_method?: 'automatic' | 'manual';

  @ApiPropertyOptional({ type: PaymentMethodDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentMethodDto)
  payment_method?: PaymentMethodDto;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  confirm?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'customer_id must be an id' })
  customer_id?: string;


  @ApiPropertyOptional({ description: "Keep the card given with payment_method.token for the customer (usage off_session) once the payment goes through" })
  @IsOptional()
  @IsBoolean()
  save_payment_method?: boolean;
}

export class ConfirmPaymentIntentDto {
  @ApiPropertyOptional({ type: PaymentMethodDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentMethodDto)
  payment_method?: PaymentMethodDto;

  @ApiPropertyOptional({ description: "Keep the card given with payment_method.token for the intent's customer (usage off_session) once the payment goes through" })
  @IsOptional()
  @IsBoolean()
  save_payment_method?: boolean;
}

export class CapturePaymentIntentDto {
  @ApiPropertyOptional({ type: MoneyDto, description: 'Defaults to everything capturable; in the order’s currency' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money?: MoneyDto;

  @ApiPropertyOptional({ default: true, description: 'A final capture releases the rest of the hold' })
  @IsOptional()
  @IsBoolean()
  final?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Also take the released rest of the hold off what the order is owed ("shipped less, captured less"): recorded as reduced_money, not a write-off. Without it the rest stays outstanding, to collect another way.',
  })
  @IsOptional()
  @IsBoolean()
  reduce_order?: boolean;
}

export class CancelPaymentIntentDto {
  @ApiPropertyOptional({ enum: ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] })
  @IsOptional()
  @IsIn(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'])
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'abandoned';

  @ApiPropertyOptional({
    default: false,
    description:
      'Also take the released rest of the hold (after a non-final capture, cancel releases what is left) off what the order is owed ("shipped less, captured less"): recorded as reduced_money, not a write-off. Without it the rest stays outstanding, to collect another way.',
  })
  @IsOptional()
  @IsBoolean()
  reduce_order?: boolean;
}

export class CompleteActionDto {
  @ApiProperty({ enum: ['approve', 'fail'], description: 'Test mode: what the buyer did on the 3-D Secure page' })
  @IsDefined()
  @IsIn(['approve', 'fail'])
  result!: 'approve' | 'fail';
}

/** A card token (buyer present), or a saved method of the order's customer (off_session for "collect the rest now"). */
export class PayOrderDto extends SavedMethodChoiceDto {
  @ApiPropertyOptional({ type: PaymentMethodDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentMethodDto)
  payment_method?: PaymentMethodDto;

}

export class RefundLineDto {
  @ApiProperty()
  @IsDefined()
  @IsString()
  @Matches(/^li_[A-Za-z0-9]{1,64}$/, { message: 'line_item_id must be an id starting with li_' })
  line_item_id!: string;

  @ApiProperty({ type: 'integer' })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}

export class CreateRefundDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^pi_[A-Za-z0-9]{1,64}$/, { message: 'payment_intent_id must be an id starting with pi_' })
  payment_intent_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^ord_[A-Za-z0-9]{1,64}$/, { message: 'order_id must be an id starting with ord_' })
  order_id?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'An amount to refund, in the order’s currency (or line_items, or neither: everything refundable)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money?: MoneyDto;

  @ApiPropertyOptional({ type: [RefundLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RefundLineDto)
  line_items?: RefundLineDto[];

  @ApiPropertyOptional({ enum: ['duplicate', 'fraudulent', 'requested_by_customer'] })
  @IsOptional()
  @IsIn(['duplicate', 'fraudulent', 'requested_by_customer'])
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
}

/** Filters both lists share. */
class ListPaymentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^ord_[A-Za-z0-9]{1,64}$/, { message: 'order_id must be an id starting with ord_' })
  order_id?: string;

  @ApiPropertyOptional({ description: "The intent's customer, or its order's" })
  @IsOptional()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customer_id must be an id starting with cus_' })
  customer_id?: string;
}

const INTENT_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'expired'];

export class ListPaymentIntentsQueryDto extends ListPaymentsQueryDto {
  @ApiPropertyOptional({ enum: INTENT_STATUSES })
  @IsOptional()
  @IsIn(INTENT_STATUSES)
  status?: string;
}

export class ListRefundsQueryDto extends ListPaymentsQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed', 'partially_succeeded'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed', 'partially_succeeded'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^pi_[A-Za-z0-9]{1,64}$/, { message: 'payment_intent_id must be an id starting with pi_' })
  payment_intent_id?: string;
}
