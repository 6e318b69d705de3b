import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, MaxLength } from 'class-validator';
import { IsIsoDateOrInstant, satisfies } from '../../platform/satisfies.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { isTimelineTypeList, TIMELINE_CATEGORIES } from '../read-model/timeline-filter.js';


const IsTimelineTypeList = () =>
  satisfies('isTimelineTypeList', isTimelineTypeList, (p) => `${p} must be a comma-separated list of event types or categories (${TIMELINE_CATEGORIES.join(', ')})`);

/** Filters of `GET /v1/orders/{id}/timeline`. */
export class TimelineQueryDto {
  @ApiPropertyOptional({
    description: `Comma-separated event types (e.g. PaymentCaptured) and/or categories: ${TIMELINE_CATEGORIES.join(', ')}`,
    example: 'payment,InvoiceIssued',
  })
  @IsOptional()
  @MaxLength(2000)
  @IsTimelineTypeList()
  type?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time; entries that occurred at or after it' })
  @IsOptional()
  @IsIsoDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time; entries that occurred at or before it' })
  @IsOptional()
  @IsIsoDateOrInstant()
  to?: string;
}

/** Filters and cursor pagination of `GET /v1/customers/{id}/timeline`. */
export class PagedTimelineQueryDto extends IntersectionType(TimelineQueryDto, PageQueryDto) {}
