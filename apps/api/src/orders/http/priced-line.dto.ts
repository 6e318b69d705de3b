import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from './money.dto.js';

/**
 * A line as plans, quick-pay checkouts and payment links take it: name, quantity (default 1),
 * unit price. Shape only; the domain checks the values. Each use extends it under its own name,
 * so the OpenAPI document keeps one schema per use.
 */
export class PricedLineDto {
  @ApiProperty({ example: 'Pro seat' })
  @IsDefined()
  @IsString()
  @MaxLength(1000)
  name!: string;

  @ApiPropertyOptional({ type: 'integer', default: 1 })
  @IsOptional()
  @IsInt()
  quantity?: number;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  unit_price_money!: MoneyDto;
}
