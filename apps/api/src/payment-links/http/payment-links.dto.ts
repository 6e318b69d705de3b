import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { PricedLineDto } from '../../orders/http/priced-line.dto.js';
import { IsMetadata } from '../../orders/http/metadata.validator.js';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

export class AdjustableQuantityDto {
  @ApiPropertyOptional({ type: 'integer', default: 1 })
  @IsOptional()
  @IsInt()
  minimum?: number;

  @ApiPropertyOptional({ type: 'integer', default: 99 })
  @IsOptional()
  @IsInt()
  maximum?: number;
}

export class PaymentLinkLineDto extends PricedLineDto {
  @ApiPropertyOptional({ type: AdjustableQuantityDto, description: 'Let the buyer choose the quantity in this range' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdjustableQuantityDto)
  adjustable_quantity?: AdjustableQuantityDto;
}

export class CreatePaymentLinkDto {
  @ApiProperty({ example: 'USD' })
  @IsDefined()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals' })
  currency!: string;

  @ApiProperty({ type: [PaymentLinkLineDto] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PaymentLinkLineDto)
  line_items!: PaymentLinkLineDto[];

  @ApiPropertyOptional({ type: 'integer', description: 'Stop taking payments after this many completed checkouts (counted exactly)' })
  @IsOptional()
  @IsInt()
  completion_limit?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class AdjustableQuantityResponse {
  @ApiProperty({ type: 'integer' })
  minimum!: number;
  @ApiProperty({ type: 'integer' })
  maximum!: number;
}

export class PaymentLinkLineResponse {
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: MoneyResponse })
  unit_price_money!: MoneyResponse;
  @ApiProperty({ type: 'integer' })
  quantity!: number;
  @ApiProperty({ type: AdjustableQuantityResponse, nullable: true })
  adjustable_quantity!: AdjustableQuantityResponse | null;
}

export class PaymentLinkResponse {
  @ApiProperty({ example: 'plink_…' })
  id!: string;
  @ApiProperty({ enum: ['payment_link'] })
  object!: 'payment_link';
  @ApiProperty({ enum: ['active', 'inactive'] })
  status!: string;
  @ApiProperty({ description: 'The public page to share (each buyer gets a new order and checkout)' })
  url!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ type: [PaymentLinkLineResponse] })
  line_items!: PaymentLinkLineResponse[];
  @ApiProperty({ type: 'integer', nullable: true })
  completion_limit!: number | null;
  @ApiProperty({ type: 'integer', description: 'Checkouts completed (paid) through the link' })
  completed_count!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
