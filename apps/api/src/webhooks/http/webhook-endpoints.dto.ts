import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_ENABLED_EVENTS, MAX_SECRET_GRACE_SECONDS, PUBLIC_EVENT_TYPES } from '#ordo/domain';
import { IsMetadata } from '../../orders/http/metadata.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';

const EVENTS_DOC = 'Public event types to receive (GET /v1/webhook-event-types), or ["*"] for all';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://example.com/webhooks/ordo', description: 'http(s); live mode: https to a public host only' })
  @IsDefined()
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ type: [String], example: ['order.paid', 'invoice.overdue'], description: EVENTS_DOC })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(MAX_ENABLED_EVENTS)
  @IsString({ each: true })
  enabled_events!: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], description: EVENTS_DOC })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ENABLED_EVENTS)
  @IsString({ each: true })
  enabled_events?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Replaces the whole map' })
  @IsOptional()
  @IsMetadata()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ description: 'true stops deliveries; false enables the endpoint again (also after it was disabled for failing)' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class RotateSecretDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_SECRET_GRACE_SECONDS, default: 86400, description: 'How long the previous secret keeps signing deliveries (0: stop now)' })
  @IsOptional()
  @IsInt()
  expire_previous_in_seconds?: number;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed'])
  status?: string;

  @ApiPropertyOptional({ example: 'evt_…' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  event_id?: string;
}

export class WebhookEndpointResponse {
  @ApiProperty({ example: 'whep_…' })
  id!: string;
  @ApiProperty({ enum: ['webhook_endpoint'] })
  object!: string;
  @ApiProperty()
  url!: string;
  @ApiProperty({ nullable: true, type: String })
  description!: string | null;
  @ApiProperty({ type: [String], example: ['order.paid'] })
  enabled_events!: string[];
  @ApiProperty({ enum: ['enabled', 'disabled'] })
  status!: string;
  @ApiProperty({ enum: ['manual', 'failing'], nullable: true })
  disabled_reason!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  disabled_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When a rotated-out secret stops signing (null: none in its grace)' })
  previous_secret_expires_at!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({ example: 'whsec_…', description: 'The signing secret, shown only in this answer (and its idempotent replays)' })
  secret!: string;
}

export class DeletedWebhookEndpointResponse extends WebhookEndpointResponse {
  @ApiProperty({ enum: [true] })
  deleted!: true;
}

export class WebhookAttemptResponse {
  @ApiProperty({ type: 'integer' })
  attempt!: number;
  @ApiProperty({ format: 'date-time' })
  started_at!: string;
  @ApiProperty({ type: 'integer' })
  duration_ms!: number;
  @ApiProperty({ type: 'integer', nullable: true })
  response_code!: number | null;
  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  next_attempt_at!: string | null;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ example: 'whd_…' })
  id!: string;
  @ApiProperty({ enum: ['webhook_delivery'] })
  object!: string;
  @ApiProperty({ example: 'whep_…' })
  webhook_endpoint_id!: string;
  @ApiProperty({ example: 'evt_…' })
  event_id!: string;
  @ApiProperty({ enum: PUBLIC_EVENT_TYPES.map((t) => t.type) })
  event_type!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: string;
  @ApiProperty({ type: 'integer' })
  attempt_count!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Pending only: when it is tried next (null: due now)' })
  next_attempt_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  last_attempt_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true })
  last_response_code!: number | null;
  @ApiProperty({ nullable: true, type: String })
  last_error!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  delivered_at!: string | null;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiPropertyOptional({ type: [WebhookAttemptResponse], description: 'Every attempt, oldest first (on GET of one delivery)' })
  attempts?: WebhookAttemptResponse[];
}

export class WebhookEventTypeResponse {
  @ApiProperty({ example: 'order.paid' })
  type!: string;
  @ApiProperty({ example: 'order', description: 'The object in data.object' })
  object!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ type: 'integer', description: 'Payload version of data.object' })
  payload_version!: number;
}
