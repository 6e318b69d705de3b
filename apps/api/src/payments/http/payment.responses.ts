import { ApiProperty } from '@nestjs/swagger';
import { MoneyResponse } from '../../platform/openapi/envelope.js';

/*
 * The answers of the payments routes, field for field as toPaymentIntentResource,
 * toRefundResource (read-model/payment-resources.ts) and TokensController build them.
 */

const INTENT_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled', 'expired'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];
const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];
const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'partially_succeeded'];
const REFUND_PART_STATUSES = ['pending', 'succeeded', 'failed'];

/** What a person may see of a card: never the number, the CVC or the token. */
export class CardResponse {
  @ApiProperty({ example: 'visa' })
  brand!: string;

  @ApiProperty({ example: '4242' })
  last4!: string;

  @ApiProperty({ type: 'integer', example: 12 })
  exp_month!: number;

  @ApiProperty({ type: 'integer', example: 2030 })
  exp_year!: number;
}

export class PaymentMethodResponse {
  @ApiProperty({ enum: ['card'] })
  type!: 'card';

  @ApiProperty({ type: CardResponse })
  card!: CardResponse;

  @ApiProperty({ type: String, nullable: true, example: 'pm_…', description: "the customer's saved method the card came from; null for a card given with the payment" })
  saved_payment_method_id!: string | null;
}

export class PaymentIntentCaptureResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;
}

export class PaymentErrorResponse {
  @ApiProperty({ example: 'card_declined' })
  code!: string;

  @ApiProperty()
  message!: string;
}

export class NextActionResponse {
  @ApiProperty({ enum: ['authenticate_card'], description: 'A 3-D Secure challenge for the buyer' })
  type!: 'authenticate_card';

  @ApiProperty()
  action_id!: string;

  @ApiProperty({ description: "The hosted 3-D Secure page: send the buyer's browser here" })
  redirect_url!: string;
}

export class PaymentIntentResponse {
  @ApiProperty({ example: 'pi_…' })
  id!: string;

  @ApiProperty({ enum: ['payment_intent'] })
  object!: 'payment_intent';

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ enum: INTENT_STATUSES })
  status!: string;

  @ApiProperty({ enum: ['automatic', 'manual'] })
  capture_method!: string;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ type: String, nullable: true })
  customer_id!: string | null;

  @ApiProperty({ description: "charged without the buyer present, from the customer's saved method (a bank's request to authenticate fails it with authentication_required)" })
  off_session!: boolean;

  @ApiProperty({ type: MoneyResponse, nullable: true, description: "null until fixed: an intent without an amount takes the order's balance at confirm time" })
  amount_money!: MoneyResponse | null;

  @ApiProperty({ type: MoneyResponse })
  authorized_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'What the hold still covers: authorized − captured − released' })
  capturable_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  captured_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Of the hold, what was let go uncaptured' })
  released_money!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Succeeded refunds only' })
  refunded_money!: MoneyResponse;

  @ApiProperty({ type: PaymentMethodResponse, nullable: true })
  payment_method!: PaymentMethodResponse | null;

  @ApiProperty({ type: [PaymentIntentCaptureResponse] })
  captures!: PaymentIntentCaptureResponse[];

  @ApiProperty({ type: PaymentErrorResponse, nullable: true, description: 'Why the last attempt failed, until one succeeds' })
  last_payment_error!: PaymentErrorResponse | null;

  @ApiProperty({ type: NextActionResponse, nullable: true, description: 'Set while requires_action; in test mode complete it with POST …/complete-action' })
  next_action!: NextActionResponse | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  authorized_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an uncaptured authorization lapses: authorized_at + 7 days' })
  expires_at!: string | null;

  @ApiProperty({ enum: CANCELLATION_REASONS, nullable: true })
  cancellation_reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class RefundLineResponse {
  @ApiProperty({ example: 'li_…' })
  line_item_id!: string;

  @ApiProperty({ type: 'integer' })
  quantity!: number;

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;
}

/** One payment's share of a refund: one processor refund. */
export class RefundPaymentResponse {
  @ApiProperty({ example: 'pi_…' })
  payment_intent_id!: string;

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;

  @ApiProperty({ enum: REFUND_PART_STATUSES })
  status!: string;

  @ApiProperty({ type: String, nullable: true })
  failure_code!: string | null;
}

export class RefundResponse {
  @ApiProperty({ example: 'ref_…' })
  id!: string;

  @ApiProperty({ enum: ['refund'] })
  object!: 'refund';

  @ApiProperty({ example: 'ord_…' })
  order_id!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The one payment refunded, or null when the refund is spread over several (see payments)' })
  payment_intent_id!: string | null;

  @ApiProperty({ enum: REFUND_STATUSES, description: 'partially_succeeded: some payments gave their share back and some could not' })
  status!: string;

  @ApiProperty({ type: MoneyResponse })
  amount_money!: MoneyResponse;

  @ApiProperty({ enum: REFUND_REASONS, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: [RefundLineResponse], description: 'Empty unless the refund was asked by line items' })
  line_items!: RefundLineResponse[];

  @ApiProperty({ type: [RefundPaymentResponse] })
  payments!: RefundPaymentResponse[];

  @ApiProperty({ type: String, nullable: true, description: "The first failed payment's failure code" })
  failure_code!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

/** The same card fields as a payment method shows. */
export class TokenCardResponse extends CardResponse {}

export class TokenResponse {
  @ApiProperty({ example: 'tok_…', description: 'Pass as payment_method.token' })
  id!: string;

  @ApiProperty({ enum: ['token'] })
  object!: 'token';

  @ApiProperty({ type: TokenCardResponse })
  card!: TokenCardResponse;
}
