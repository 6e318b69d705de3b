import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { PricedLineDto } from '../../orders/http/priced-line.dto.js';
import { IsMetadata } from '../../orders/http/metadata.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';

/* Shapes only; the rules (URLs, expiry window, who holds the order) are the domain's, with their codes. */

export class QuickPayLineDto extends PricedLineDto {}

export class CreateCheckoutSessionDto {
  @ApiPropertyOptional({ example: 'ord_…', description: 'The order to collect; or give line_items (a quick-pay sale: a new order)' })
  @IsOptional()
  @IsString()
  order_id?: string;

  @ApiPropertyOptional({ type: [QuickPayLineDto], description: 'Quick pay: the lines of a new order, created with the session in one append' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuickPayLineDto)
  line_items?: QuickPayLineDto[];

  @ApiPropertyOptional({ example: 'cus_…', description: 'Quick pay: the buyer, when known (needed for allow_save_card)' })
  @IsOptional()
  @IsString()
  customer_id?: string;

  @ApiProperty({ example: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}', description: 'Where the buyer goes once paid; {CHECKOUT_SESSION_ID} is replaced by the session id' })
  @IsDefined()
  @IsString()
  success_url!: string;

  @ApiProperty({ example: 'https://shop.example/cart', description: 'Where the buyer goes on "cancel"' })
  @IsDefined()
  @IsString()
  cancel_url!: string;

  @ApiPropertyOptional({ format: 'date-time', description: '30 minutes to 24 hours from now; default 24 hours' })
  @IsOptional()
  @IsString()
  expires_at?: string;

  @ApiPropertyOptional({ description: 'Offer "save my card" to the buyer (the order needs a customer)' })
  @IsOptional()
  @IsBoolean()
  allow_save_card?: boolean;

  @ApiPropertyOptional({ example: 'cs_…', description: 'Compare-and-swap: replace this open session of the order (closed as replaced)' })
  @IsOptional()
  @IsString()
  replace_checkout_session_id?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Quick pay: metadata of the new order' })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class ListCheckoutSessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ord_…' })
  @IsOptional()
  @IsString()
  @Matches(/^ord_[A-Za-z0-9]{16,40}$/, { message: 'order_id must be an order id' })
  order_id?: string;

  @ApiPropertyOptional({ enum: ['open', 'completed', 'expired', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'completed', 'expired', 'closed'])
  status?: string;

  @ApiPropertyOptional({ example: 'plink_…' })
  @IsOptional()
  @IsString()
  @Matches(/^plink_[A-Za-z0-9]{16,40}$/, { message: 'payment_link_id must be a payment link id' })
  payment_link_id?: string;
}
