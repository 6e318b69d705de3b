import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderCommands } from './order-commands.js';
import { ExecuteOrderCommand } from './execute-order-command.js';

/** Thin on purpose: every order command goes through OrderCommands, the one way into order streams. */
@CommandHandler(ExecuteOrderCommand)
export class ExecuteOrderCommandHandler implements ICommandHandler<ExecuteOrderCommand> {
  constructor(private readonly orders: OrderCommands) {}

  async execute({ command, context }: ExecuteOrderCommand) {
    const { now: _now, ...undated } = command;
    return this.orders.execute(context, command.data.order_id, [undated]);
  }
}
