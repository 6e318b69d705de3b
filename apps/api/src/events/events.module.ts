import { Module } from '@nestjs/common';
import { EventsController } from './http/events.controller.js';
import { EventsQueries } from './read-model/events.queries.js';

@Module({
  controllers: [EventsController],
  providers: [EventsQueries],
})
export class EventsModule {}
