import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

export class CheckoutSessionResponse {
  @ApiProperty({ example: 'cs_…' })
  id!: string;
  @ApiProperty({ enum: ['checkout_session'] })
  object!: 'checkout_session';
  @ApiProperty({ example: 'ord_…' })
  order_id!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'cus_…' })
  customer_id!: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'plink_…', description: 'The payment link that made this session' })
  payment_link_id!: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'expired', 'closed'] })
  status!: string;
  @ApiProperty({ example: 'USD' })
  currency!: string;
  @ApiProperty({ type: MoneyResponse, description: "The order's total" })
  amount_total_money!: MoneyResponse;
  @ApiProperty({ type: MoneyResponse, description: 'What the page charges now (the live balance while open; what it collected once completed)' })
  amount_due_money!: MoneyResponse;
  @ApiProperty({ description: 'The hosted page to send the buyer to (unguessable; no API key needed)' })
  url!: string;
  @ApiProperty()
  success_url!: string;
  @ApiProperty()
  cancel_url!: string;
  @ApiProperty()
  allow_save_card!: boolean;
  @ApiProperty({ format: 'date-time' })
  expires_at!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'pi_…', description: 'The payment that completed it' })
  payment_intent_id!: string | null;
  @ApiProperty({ type: 'string', nullable: true, enum: ['closed', 'replaced', 'order_paid', 'order_closed'] })
  close_reason!: string | null;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ type: 'string', nullable: true, format: 'date-time' })
  ended_at!: string | null;
}
