import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, MaxLength } from 'class-validator';
import { satisfies } from '../../platform/satisfies.validator.js';
import { PageQueryDto } from '../../platform/page-query.dto.js';
import { isIsoInstant, isTimelineTypeList, TIMELINE_CATEGORIES } from '../read-model/timeline-filter.js';


const IsTimelineTypeList = () =>
  satisfies('isTimelineTypeList', isTimelineTypeList, (p) => `${p} must be a comma-separated list of event types or categories (${TIMELINE_CATEGORIES.join(', ')})`);
const IsIsoInstant = () => satisfies('isIsoInstant', isIsoInstant, (p) => `${p} must be an ISO-8601 date (YYYY-MM-DD) or a time with a zone`);

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
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time; entries that occurred at or before it' })
  @IsOptional()
  @IsIsoInstant()
  to?: string;
}

/** Filters and cursor pagination of `GET /v1/customers/{id}/timeline`. */
export class PagedTimelineQueryDto extends IntersectionType(TimelineQueryDto, PageQueryDto) {}
