import { Injectable } from '@nestjs/common';
import { MAX_SESSION_HOURS, type Money, type OrderCommand } from '#ordo/domain';
import { OrderCommands } from '../../orders/application/order-commands.js';
import { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/request-context.js';
import { CheckoutSessionsQueries } from '../read-model/checkout-sessions.queries.js';

export interface QuickPayLine {
  name: string;
  quantity: number;
  unit_price_money: Money;
}

export interface CreateSessionInput {
  /** An existing order, or … */
  order_id?: string;
  /** … a quick-pay sale: a new order with these lines, in one append with the session. */
  line_items?: QuickPayLine[];
  currency?: string;
  customer_id?: string;
  success_url: string;
  cancel_url: string;
  expires_at?: string;
  allow_save_card?: boolean;
  replace_checkout_session_id?: string;
  /** Set by payment links. */
  payment_link_id?: string;
  metadata?: Record<string, string>;
  /** Ids minted by the caller (a payment link records them on its own stream first). */
  ids?: { sessionId: string; orderId: string; payToken: string };
}

/** Hosted checkout sessions: opening (on an order or a quick-pay sale), closing. */
@Injectable()
export class CheckoutSessionsService {
  constructor(
    private readonly orders: OrderCommands,
    private readonly queries: CheckoutSessionsQueries,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, input: CreateSessionInput): Promise<{ sessionId: string; orderId: string; payToken: string }> {
    const sessionId = input.ids?.sessionId ?? ctx.ids.next('cs_');
    const payToken = input.ids?.payToken ?? ctx.ids.next('cst_');
    const commands: Omit<OrderCommand, 'now'>[] = [];
    let orderId = input.order_id;
    if (!orderId) {
      orderId = input.ids?.orderId ?? ctx.ids.next('ord_');
      commands.push({
        type: 'CreateOrder',
        data: {
          order_id: orderId,
          currency: input.currency!,
          ...(input.customer_id ? { customer_id: input.customer_id } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
          line_items: input.line_items!.map((line) => ({ id: ctx.ids.next('li_'), ...line })),
        },
      });
    }
    commands.push({
      type: 'OpenCheckoutSession',
      data: {
        order_id: orderId,
        checkout_session_id: sessionId,
        pay_token: payToken,
        success_url: input.success_url,
        cancel_url: input.cancel_url,
        expires_at: input.expires_at ?? new Date(this.clock.now().getTime() + MAX_SESSION_HOURS * 3_600_000).toISOString(),
        ...(input.allow_save_card !== undefined ? { allow_save_card: input.allow_save_card } : {}),
        ...(input.payment_link_id ? { payment_link_id: input.payment_link_id } : {}),
        ...(input.replace_checkout_session_id ? { replace_checkout_session_id: input.replace_checkout_session_id } : {}),
      },
    });
    await this.orders.runAll(ctx, orderId, commands);
    return { sessionId, orderId, payToken };
  }

  async close(ctx: RequestContext, sessionId: string): Promise<void> {
    const orderId = await this.queries.sessionOrder(ctx, sessionId);
    await this.orders.run(ctx, orderId, { type: 'CloseCheckoutSession', data: { order_id: orderId, checkout_session_id: sessionId } });
  }
}
