import type { Command, DomainEvent } from '../../core/decider.js';
import { billingError } from '../billing-errors.js';
import { requireLive, requireSubscription } from './subscription-guards.js';
import { changed, cycleStart, type SubscriptionState } from './subscription-state.js';

export type CancelSubscription = Command<'CancelSubscription', { subscription_id: string; at_period_end?: boolean | null }>;
export type PauseSubscription = Command<'PauseSubscription', { subscription_id: string }>;
export type ResumeSubscription = Command<'ResumeSubscription', { subscription_id: string }>;

/** `canceled_at`: now, or the period end the cancellation was scheduled for. Open orders stay collectible. */
export type SubscriptionCanceled = DomainEvent<'SubscriptionCanceled', { subscription_id: string; reason: 'requested' | 'period_end'; canceled_at: string; occurred_at: string }>;
export type SubscriptionCancellationScheduled = DomainEvent<'SubscriptionCancellationScheduled', { subscription_id: string; cancel_at: string; occurred_at: string }>;
export type SubscriptionPaused = DomainEvent<'SubscriptionPaused', { subscription_id: string; occurred_at: string }>;
/** Cycles whose period began while paused are not billed: the schedule restarts at `anchor` with cycle `anchor_cycle`. */
export type SubscriptionResumed = DomainEvent<'SubscriptionResumed', { subscription_id: string; anchor: string; anchor_cycle: number; occurred_at: string }>;

export function decideCancelSubscription(command: CancelSubscription, state: SubscriptionState): (SubscriptionCanceled | SubscriptionCancellationScheduled)[] {
  const sub = requireLive(requireSubscription(state, command.data.subscription_id));
  const base = { subscription_id: sub.id, occurred_at: command.now };
  if (command.data.at_period_end === true) {
    if (sub.cancel_at_period_end) return [];
    return [{ type: 'SubscriptionCancellationScheduled', data: { ...base, cancel_at: cycleStart(sub, sub.last_cycle + 1) } }];
  }
  return [{ type: 'SubscriptionCanceled', data: { ...base, reason: 'requested', canceled_at: command.now } }];
}

export function decidePauseSubscription(command: PauseSubscription, state: SubscriptionState): SubscriptionPaused[] {
  const sub = requireLive(requireSubscription(state, command.data.subscription_id));
  if (sub.paused_at !== null) return [];
  return [{ type: 'SubscriptionPaused', data: { subscription_id: sub.id, occurred_at: command.now } }];
}

export function decideResumeSubscription(command: ResumeSubscription, state: SubscriptionState): SubscriptionResumed[] {
  const sub = requireLive(requireSubscription(state, command.data.subscription_id));
  if (sub.paused_at === null) throw billingError('SUBSCRIPTION_NOT_PAUSED', `subscription ${sub.id} is not paused`);
  const next = sub.last_cycle + 1;
  const missed = cycleStart(sub, next) < command.now;
  return [
    {
      type: 'SubscriptionResumed',
      data: { subscription_id: sub.id, anchor: missed ? command.now : sub.anchor, anchor_cycle: missed ? next : sub.anchor_cycle, occurred_at: command.now },
    },
  ];
}

export const evolveSubscriptionCanceled = (state: SubscriptionState, { data }: SubscriptionCanceled) => changed(state, data.occurred_at, () => ({ canceled_at: data.canceled_at }));
export const evolveSubscriptionCancellationScheduled = (state: SubscriptionState, { data }: SubscriptionCancellationScheduled) =>
  changed(state, data.occurred_at, () => ({ cancel_at_period_end: true }));
export const evolveSubscriptionPaused = (state: SubscriptionState, { data }: SubscriptionPaused) => changed(state, data.occurred_at, () => ({ paused_at: data.occurred_at }));
export const evolveSubscriptionResumed = (state: SubscriptionState, { data }: SubscriptionResumed) =>
  changed(state, data.occurred_at, () => ({ paused_at: null, anchor: data.anchor, anchor_cycle: data.anchor_cycle }));
