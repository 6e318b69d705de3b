import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/page-query.dto.js';

export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'order.paid,invoice.paid', description: 'One type, or several separated by commas' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[a-z_]+\.[a-z_]+(,[a-z_]+\.[a-z_]+)*$/, { message: 'type must be event types (object.verb) separated by commas' })
  type?: string;

  @ApiPropertyOptional({ example: 'ord_…', description: "The object's id; an order's id also finds its payments, refunds, invoices and checkout sessions" })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]+_[A-Za-z0-9]{1,64}$/, { message: 'object_id must be an id such as ord_…' })
  object_id?: string;
}

export class EventDataResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The object as the API showed it just after the fact (its type is in the catalogue)' })
  object!: Record<string, unknown>;
}

export class EventResponse {
  @ApiProperty({ example: 'evt_…', description: 'Stable: the same in the feed, in webhook-id and on every redelivery' })
  id!: string;
  @ApiProperty({ enum: ['event'] })
  object!: string;
  @ApiProperty({ example: 'order.paid' })
  type!: string;
  @ApiProperty({ type: 'integer', example: 1 })
  payload_version!: number;
  @ApiProperty({ enum: ['test', 'live'] })
  mode!: string;
  @ApiProperty({ format: 'date-time' })
  created_at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The API request that caused it (null: a background process)' })
  request_id!: string | null;
  @ApiProperty({ type: EventDataResponse })
  data!: EventDataResponse;
}
