import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../platform/id.pipe.js';
import { ApiData, ApiPage } from '../../platform/openapi/envelope.js';
import { Ctx, type RequestContext } from '../../platform/request-context.js';
import { EventsQueries } from '../read-model/events.queries.js';
import { EventResponse, ListEventsQueryDto } from './events.dto.js';

const eventId = new IdPipe('evt_', 'id');

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsQueries) {}

  @Get()
  @ApiPage(EventResponse)
  @ApiOperation({ summary: 'Public events of the last 30 days (ORDO_EVENT_RETENTION_DAYS), newest first; filters type, object_id' })
  list(@Ctx() ctx: RequestContext, @Query() q: ListEventsQueryDto) {
    return this.events.list(
      ctx,
      { page_size: q.page_size ? Number(q.page_size) : 20, ...(q.page_token ? { page_token: q.page_token } : {}) },
      { ...(q.type ? { types: q.type.split(',') } : {}), ...(q.object_id ? { object_id: q.object_id } : {}) },
    );
  }

  @Get(':id')
  @ApiData(EventResponse)
  get(@Ctx() ctx: RequestContext, @Param('id', eventId) id: string) {
    return this.events.event(ctx, id);
  }
}
