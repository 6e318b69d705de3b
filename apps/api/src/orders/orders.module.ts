import { Module } from '@nestjs/common';
import { ExecuteOrderCommandHandler } from './application/execute-order-command.handler.js';
import { OrdersController } from './http/orders.controller.js';
import { OrdersQueries } from './read-model/orders.queries.js';

@Module({
  controllers: [OrdersController],
  providers: [ExecuteOrderCommandHandler, OrdersQueries],
  exports: [OrdersQueries],
})
export class OrdersModule {}
