import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class PlanLineResponse {
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: 'integer' })
  quantity!: number;
  @ApiProperty({ type: MoneyResponse })
  unit_price_money!: MoneyResponse;
}

export class PlanResponse {
  @ApiProperty({ example: 'plan_…' })
  id!: string;
  @ApiProperty({ enum: ['plan'] })
  object!: 'plan';
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: ['active', 'archived'] })
  status!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ enum: ['day', 'week', 'month', 'year'] })
  interval!: string;
  @ApiProperty({ type: 'integer' })
  interval_count!: number;
  @ApiProperty({ type: [PlanLineResponse] })
  line_items!: PlanLineResponse[];
  @ApiProperty({ type: MoneyResponse, description: 'What one cycle bills' })
  amount_money!: MoneyResponse;
  @ApiProperty({ type: 'integer' })
  trial_days!: number;
  @ApiProperty(STRING_MAP)
  metadata!: Record<string, string>;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class BillingCycleResponse {
  @ApiProperty({ type: 'integer', description: '1 = the first' })
  cycle!: number;
  @ApiProperty({ example: 'ord_…', description: 'The order this cycle bills' })
  order_id!: string;
  @ApiProperty({ format: 'date-time' })
  period_start!: string;
  @ApiProperty({ format: 'date-time' })
  period_end!: string;
  @ApiProperty({ enum: ['open', 'paid', 'past_due'], description: 'past_due: the retries ran out; the order stays collectible' })
  status!: string;
  @ApiProperty({ type: 'integer' })
  failed_attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_attempt_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'card_declined' })
  last_failure_code!: string | null;
}

export class SubscriptionResponse {
  @ApiProperty({ example: 'sub_…' })
  id!: string;
  @ApiProperty({ enum: ['subscription'] })
  object!: 'subscription';
  @ApiProperty({ example: 'cus_…' })
  customer_id!: string;
  @ApiProperty({ example: 'plan_…' })
  plan_id!: string;
  @ApiProperty({ enum: ['trialing', 'active', 'past_due', 'paused', 'canceled'] })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: "the customer's test clock, whose time bills it" })
  test_clock_id!: string | null;
  @ApiProperty({ type: MoneyResponse, description: 'What each cycle bills (a snapshot of the plan)' })
  amount_money!: MoneyResponse;
  @ApiProperty({ enum: ['day', 'week', 'month', 'year'] })
  interval!: string;
  @ApiProperty({ type: 'integer' })
  interval_count!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  trial_end!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  current_cycle!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  current_period_start!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  current_period_end!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the next cycle begins (null when paused or canceled)' })
  next_renewal_at!: string | null;
  @ApiProperty()
  cancel_at_period_end!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  canceled_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paused_at!: string | null;
  @ApiProperty({ type: [BillingCycleResponse] })
  cycles!: BillingCycleResponse[];
  @ApiProperty(STRING_MAP)
  metadata!: Record<string, string>;
  @ApiProperty({ type: 'integer' })
  version!: number;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class TestClockResponse {
  @ApiProperty({ example: 'clock_…' })
  id!: string;
  @ApiProperty({ enum: ['test_clock'] })
  object!: 'test_clock';
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  @ApiProperty({ format: 'date-time', description: "the clock's time" })
  frozen_time!: string;
  @ApiProperty({ enum: ['ready'], description: 'an advance finishes its billing before it answers' })
  status!: string;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
