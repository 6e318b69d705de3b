import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsObject, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsMetadata } from './metadata.validator.js';
import { MoneyDto } from './money.dto.js';
import { DiscountInputDto, LineItemInputDto, TaxInputDto, TipInputDto } from './order-inputs.dto.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';

export class CreateOrderDto {
  @ApiProperty({ example: 'USD' })
  @IsDefined()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals' })
  currency!: string;

  @ApiPropertyOptional({ type: [LineItemInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LineItemInputDto)
  line_items?: LineItemInputDto[];

  @ApiPropertyOptional({ type: [DiscountInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiscountInputDto)
  discounts?: DiscountInputDto[];

  @ApiPropertyOptional({ type: [TaxInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TaxInputDto)
  taxes?: TaxInputDto[];

  @ApiPropertyOptional({ type: TipInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TipInputDto)
  tip?: TipInputDto;

  @ApiPropertyOptional({ example: 'cus_4fQbT0aZ8nX2pL6dW9kR1sYv' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  customer_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

/** Only the fields present change; `null` clears `customer_id` or `notes`. */
export class UpdateOrderDto {
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(64)
  customer_id?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class AddLineItemDto extends LineItemInputDto {}

export class UpdateLineItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity?: number;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  unit_price_money?: MoneyDto;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sku?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class CloseOrderDto {
  @ApiPropertyOptional({ enum: ['completed', 'canceled'], default: 'completed' })
  @IsOptional()
  @IsIn(['completed', 'canceled'])
  reason?: 'completed' | 'canceled';
}

export class ListOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: string;

  @ApiPropertyOptional({ enum: ['unpaid', 'partially_paid', 'paid'] })
  @IsOptional()
  @IsIn(['unpaid', 'partially_paid', 'paid'])
  payment_status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  customer_id?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time; orders created at or after it' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: 'created_gte must be an ISO-8601 date or time' })
  created_gte?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time; orders created before it' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: 'created_lt must be an ISO-8601 date or time' })
  created_lt?: string;

}

export { DiscountInputDto as ApplyDiscountDto, TaxInputDto as ApplyTaxDto, TipInputDto as SetTipDto };
