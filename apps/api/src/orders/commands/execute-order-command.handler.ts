import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { orderDecider } from '#ordo/domain';
import { CommandPath } from '../../application/command-path.js';
import { ExecuteOrderCommand, orderStreamName } from './order-command.js';

/** Thin on purpose: every order command takes the one generic command path. */
@CommandHandler(ExecuteOrderCommand)
export class ExecuteOrderCommandHandler implements ICommandHandler<ExecuteOrderCommand> {
  constructor(private readonly path: CommandPath) {}

  async execute({ command, context }: ExecuteOrderCommand) {
    return this.path.run(orderDecider, orderStreamName(command.data.order_id), command, context, 'ORDER_CONFLICT');
  }
}
