import type { Command, DomainEvent } from '../core/decider.js';
import { deciderOf } from '../core/decider-of.js';
import { isKnownCurrency } from '../money/currencies.js';
import { validateMoney, type Money } from '../money/money.js';
import { moneyError } from '../money/money-errors.js';
import { isRecord, optionalList, validateId, validateMetadata, validateName, validateQuantity } from '../order/rules/validation/fields.js';
import type { Metadata } from '../order/model/order-state.js';
import { billingError } from './billing-errors.js';
import { MAX_INTERVAL_COUNT, type BillingInterval } from './rules/billing-period.js';

/*
 * The plan aggregate (one stream per plan): what a subscription bills each cycle. A plan never
 * changes once created (subscriptions keep the snapshot they started with); it is archived
 * instead, after which no new subscription may use it. Commands, events, decide and evolve are
 * all here: the aggregate is two commands long.
 */

export const MAX_PLAN_LINE_ITEMS = 20;
export const MAX_TRIAL_DAYS = 730;

export interface PlanLine {
  name: string;
  quantity: number;
  unit_price_money: Money;
}

export interface PlanTerms {
  currency: string;
  interval: BillingInterval;
  interval_count: number;
  line_items: PlanLine[];
  trial_days: number;
}

export interface ExistingPlan extends PlanTerms {
  status: 'active' | 'archived';
  id: string;
  name: string;
  metadata: Metadata;
  created_at: string;
}

export type PlanState = { status: 'none' } | ExistingPlan;

export type CreatePlan = Command<
  'CreatePlan',
  { plan_id: string; name: unknown; currency: unknown; interval: unknown; interval_count?: unknown; line_items: unknown; trial_days?: unknown; metadata?: unknown }
>;
export type ArchivePlan = Command<'ArchivePlan', { plan_id: string }>;
export type PlanCommand = CreatePlan | ArchivePlan;

export type PlanCreated = DomainEvent<'PlanCreated', PlanTerms & { plan_id: string; name: string; metadata: Metadata; occurred_at: string }>;
export type PlanArchived = DomainEvent<'PlanArchived', { plan_id: string; occurred_at: string }>;
export type PlanEvent = PlanCreated | PlanArchived;
export const PLAN_EVENT_TYPES: readonly PlanEvent['type'][] = Object.freeze(['PlanCreated', 'PlanArchived']);

const INTERVALS: readonly BillingInterval[] = ['day', 'week', 'month', 'year'];

function validateInterval(value: unknown): BillingInterval {
  if (!INTERVALS.includes(value as BillingInterval)) throw billingError('INVALID_INTERVAL', `interval must be one of ${INTERVALS.join(', ')}`, 'interval');
  return value as BillingInterval;
}

function validateIntervalCount(value: unknown, interval: BillingInterval): number {
  if (value === undefined || value === null) return 1;
  const max = MAX_INTERVAL_COUNT[interval];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw billingError('INVALID_INTERVAL_COUNT', `interval_count must be a whole number from 1 to ${max} for a ${interval}ly plan (at most a year per cycle)`, 'interval_count');
  }
  return value;
}

function validateTrialDays(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TRIAL_DAYS) {
    throw billingError('INVALID_TRIAL_DAYS', `trial_days must be a whole number from 0 to ${MAX_TRIAL_DAYS}`, 'trial_days');
  }
  return value;
}

function validateLines(value: unknown, currency: string): PlanLine[] {
  const lines = optionalList(value, 'line_items');
  if (lines.length === 0) throw billingError('EMPTY_PLAN', 'a plan bills at least one line item', 'line_items');
  if (lines.length > MAX_PLAN_LINE_ITEMS) throw billingError('TOO_MANY_LINE_ITEMS', `a plan has at most ${MAX_PLAN_LINE_ITEMS} line items`, 'line_items');
  return lines.map((line, i) => {
    const at = `line_items[${i}]`;
    if (!isRecord(line)) throw billingError('EMPTY_PLAN', `${at} must be an object { name, quantity, unit_price_money }`, at);
    return {
      name: validateName(line.name, `${at}.name`),
      quantity: validateQuantity(line.quantity ?? 1, `${at}.quantity`),
      unit_price_money: validateMoney(line.unit_price_money, `${at}.unit_price_money`, currency),
    };
  });
}

function requirePlan(state: PlanState, id: string): ExistingPlan {
  if (state.status === 'none') throw billingError('PLAN_NOT_FOUND', `plan ${id} not found`, 'plan_id');
  return state;
}

function decideCreatePlan(command: CreatePlan, state: PlanState): PlanEvent[] {
  const id = validateId('plan_', command.data.plan_id, 'plan_id');
  if (state.status !== 'none') throw billingError('PLAN_ALREADY_EXISTS', `plan ${id} already exists`, 'plan_id');
  const currency = command.data.currency;
  if (!isKnownCurrency(currency)) throw moneyError('UNKNOWN_CURRENCY', 'currency must be a known ISO 4217 code', 'currency');
  const interval = validateInterval(command.data.interval);
  return [
    {
      type: 'PlanCreated',
      data: {
        plan_id: id,
        name: validateName(command.data.name, 'name'),
        currency,
        interval,
        interval_count: validateIntervalCount(command.data.interval_count, interval),
        line_items: validateLines(command.data.line_items, currency),
        trial_days: validateTrialDays(command.data.trial_days),
        metadata: validateMetadata(command.data.metadata, 'metadata'),
        occurred_at: command.now,
      },
    },
  ];
}

/** Archiving an archived plan records nothing. */
function decideArchivePlan(command: ArchivePlan, state: PlanState): PlanEvent[] {
  const plan = requirePlan(state, command.data.plan_id);
  if (plan.status === 'archived') return [];
  return [{ type: 'PlanArchived', data: { plan_id: plan.id, occurred_at: command.now } }];
}

export const planDecider = deciderOf<PlanCommand, PlanEvent, PlanState>(
  { CreatePlan: decideCreatePlan, ArchivePlan: decideArchivePlan },
  {
    PlanCreated: (_, { data }) => {
      const { plan_id, occurred_at, ...terms } = data;
      return { ...terms, status: 'active', id: plan_id, created_at: occurred_at };
    },
    PlanArchived: (state) => (state.status === 'none' ? state : { ...state, status: 'archived' }),
  },
  () => ({ status: 'none' }),
);

/** What one cycle of the plan costs (line quantity × unit price, summed). */
export function planCycleAmount(terms: Pick<PlanTerms, 'line_items'>): number {
  return terms.line_items.reduce((sum, l) => sum + l.quantity * l.unit_price_money.amount, 0);
}
