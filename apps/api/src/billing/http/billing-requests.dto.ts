import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { PricedLineDto } from '../../orders/http/priced-line.dto.js';
import { IsMetadata } from '../../orders/http/metadata.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';

/* Shapes only; the rules (interval counts, trial length, currencies) are the domain's, with their codes. */

export class PlanLineDto extends PricedLineDto {}

export class CreatePlanDto {
  @ApiProperty({ example: 'Pro monthly' })
  @IsDefined()
  @IsString()
  @MaxLength(1000)
  name!: string;

  @ApiProperty({ example: 'USD' })
  @IsDefined()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code in capitals' })
  currency!: string;

  @ApiProperty({ enum: ['day', 'week', 'month', 'year'] })
  @IsDefined()
  @IsString()
  interval!: string;

  @ApiPropertyOptional({ type: 'integer', default: 1, description: 'Cycles are interval × interval_count long (at most a year)' })
  @IsOptional()
  @IsInt()
  interval_count?: number;

  @ApiProperty({ type: [PlanLineDto], description: 'What each cycle bills (its order has these lines)' })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PlanLineDto)
  line_items!: PlanLineDto[];

  @ApiPropertyOptional({ type: 'integer', default: 0, description: 'Days before the first cycle is billed' })
  @IsOptional()
  @IsInt()
  @Min(0)
  trial_days?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'cus_…', description: 'A customer with an off-session default payment method' })
  @IsDefined()
  @IsString()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customer_id must be an id starting with cus_' })
  customer_id!: string;

  @ApiProperty({ example: 'plan_…' })
  @IsDefined()
  @IsString()
  @Matches(/^plan_[A-Za-z0-9]{1,64}$/, { message: 'plan_id must be an id starting with plan_' })
  plan_id!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class CancelSubscriptionDto {
  @ApiPropertyOptional({ default: false, description: 'true: run to the end of the current period, then cancel' })
  @IsOptional()
  @IsBoolean()
  at_period_end?: boolean;
}

export class ListSubscriptionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^cus_[A-Za-z0-9]{1,64}$/, { message: 'customer_id must be an id starting with cus_' })
  customer_id?: string;

  @ApiPropertyOptional({ enum: ['trialing', 'active', 'past_due', 'paused', 'canceled'] })
  @IsOptional()
  @IsIn(['trialing', 'active', 'past_due', 'paused', 'canceled'])
  status?: string;
}

export class CreateTestClockDto {
  @ApiProperty({ example: '2027-01-01T00:00:00Z', description: 'Where the clock starts' })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  frozen_time!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  name?: string;
}

export class AdvanceTestClockDto {
  @ApiProperty({ example: '2027-02-01T00:00:00Z', description: 'Later than now on the clock, at most two years ahead' })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  frozen_time!: string;
}
