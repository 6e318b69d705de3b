import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PUBLIC_EVENT_PAYLOAD_VERSION, PUBLIC_EVENT_TYPES } from '#ordo/domain';
import { ApiDataList } from '../../platform/openapi/envelope.js';
import { WebhookEventTypeResponse } from './webhook-endpoints.dto.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhook-event-types')
export class WebhookEventTypesController {
  @Get()
  @ApiDataList(WebhookEventTypeResponse)
  @ApiOperation({ summary: 'Every public event type, the object its payload carries and the payload version' })
  list(): WebhookEventTypeResponse[] {
    return PUBLIC_EVENT_TYPES.map((t) => ({ ...t, payload_version: PUBLIC_EVENT_PAYLOAD_VERSION }));
  }
}
