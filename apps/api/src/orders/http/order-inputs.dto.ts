import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsObject,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsMetadata } from './metadata.validator.js';
import { MoneyDto } from './money.dto.js';

const PERCENTAGE = /^\d{1,3}(\.\d{1,4})?$/;
const PERCENTAGE_MESSAGE = 'percentage must be a decimal string such as "8.875" (never a JSON number)';

export class LineItemInputDto {
  @ApiPropertyOptional({ description: 'Your own reference for this line, unique in the request; discounts and taxes of the same request can target it with line_item_refs', example: 'tshirt' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ref?: string;

  @ApiProperty({ example: 'T-shirt' })
  @IsDefined()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: 1_000_000 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  unit_price_money!: MoneyDto;

  @ApiPropertyOptional({ example: 'TS-BLK-M' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sku?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

/** Which lines a discount or tax applies to; neither field means the whole order. */
export class LineTargetsDto {
  @ApiPropertyOptional({ type: [String], description: 'Apply only to these line items (default: the whole order)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsString({ each: true })
  line_item_ids?: string[];

  @ApiPropertyOptional({ type: [String], description: 'On order creation only: the `ref`s of line items in the same request' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsString({ each: true })
  line_item_refs?: string[];
}

/** A discount: exactly one of `amount_money` (fixed) or `percentage`. */
export class DiscountInputDto extends LineTargetsDto {
  @ApiProperty({ example: 'Spring sale' })
  @IsDefined()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Fixed discount' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money?: MoneyDto;

  @ApiPropertyOptional({ example: '10', description: 'Percentage as a decimal string, (0, 100]' })
  @IsOptional()
  @IsString()
  @Matches(PERCENTAGE, { message: PERCENTAGE_MESSAGE })
  percentage?: string;

}

export class TaxInputDto extends LineTargetsDto {
  @ApiProperty({ example: 'NY sales tax' })
  @IsDefined()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ example: '8.875', description: 'Rate as a decimal string, (0, 100]' })
  @IsDefined()
  @IsString()
  @Matches(PERCENTAGE, { message: PERCENTAGE_MESSAGE })
  percentage!: string;

  @ApiPropertyOptional({ enum: ['additive', 'inclusive'], default: 'additive' })
  @IsOptional()
  @IsIn(['additive', 'inclusive'])
  inclusion?: 'additive' | 'inclusive';

}

/** A tip: exactly one of `amount_money` or `percentage` (of the amount after discounts plus additive tax). */
export class TipInputDto {
  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount_money?: MoneyDto;

  @ApiPropertyOptional({ example: '15' })
  @IsOptional()
  @IsString()
  @Matches(PERCENTAGE, { message: PERCENTAGE_MESSAGE })
  percentage?: string;
}
