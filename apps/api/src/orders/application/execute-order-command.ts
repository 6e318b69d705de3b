import type { OrderCommand } from '#ordo/domain';
import type { RequestContext } from '../../platform/request-context.js';

/** The CQRS message: a domain command plus who sent it. */
export class ExecuteOrderCommand {
  constructor(
    readonly command: OrderCommand,
    readonly context: RequestContext,
  ) {}
}
