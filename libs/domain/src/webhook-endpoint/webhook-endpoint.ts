import type { Command, DomainEvent } from '../core/decider.js';
import { deciderOf } from '../core/decider-of.js';
import { isRecord, validateId, validateMetadata } from '../order/rules/validation/fields.js';
import type { Metadata } from '../order/model/order-state.js';
import { failingLongEnough, type FailureStreak } from './delivery-policy.js';
import { isPublicEventType } from './public-event-types.js';
import { webhookError } from './webhook-errors.js';
import { validateWebhookUrl } from './webhook-url.js';

/*
 * The webhook-endpoint aggregate (one stream per endpoint, `webhook-endpoint-<id>`): where a
 * merchant wants events posted, which types, and the signing secrets. Secrets arrive sealed by the
 * application (the domain never sees one in clear) and are kept newest first; after a rotation the
 * previous one stays valid until its expires_at, so receivers can switch without losing events.
 * Deliveries themselves are not facts of this stream (see docs/webhooks.md); the one outcome that
 * is, an endpoint disabled because it kept failing, is decided here by the disable rule.
 */

export const MAX_ENABLED_EVENTS = 64;
export const MAX_DESCRIPTION_LENGTH = 500;
/** After a rotation the previous secret stays valid for this long unless told otherwise. */
export const DEFAULT_SECRET_GRACE_SECONDS = 24 * 3600;
export const MAX_SECRET_GRACE_SECONDS = 7 * 24 * 3600;

export interface EndpointSecret {
  /** The secret sealed by the application's key; opaque here. */
  sealed: string;
  created_at: string;
  /** null: valid until rotated. */
  expires_at: string | null;
}

export interface ExistingWebhookEndpoint {
  status: 'enabled' | 'disabled';
  id: string;
  url: string;
  description: string | null;
  /** Public event types, or ['*'] for all of them. */
  enabled_events: string[];
  metadata: Metadata;
  secrets: EndpointSecret[];
  disabled_reason: 'manual' | 'failing' | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export type WebhookEndpointState = { status: 'none' } | { status: 'deleted'; id: string } | ExistingWebhookEndpoint;

type Mode = { mode: 'test' | 'live' };
export type CreateWebhookEndpoint = Command<
  'CreateWebhookEndpoint',
  Mode & { webhook_endpoint_id: string; url: unknown; enabled_events: unknown; description?: unknown; metadata?: unknown; sealed_secret: string }
>;
export type UpdateWebhookEndpoint = Command<
  'UpdateWebhookEndpoint',
  Mode & { webhook_endpoint_id: string; url?: unknown; enabled_events?: unknown; description?: unknown; metadata?: unknown; disabled?: unknown }
>;
export type RotateWebhookEndpointSecret = Command<'RotateWebhookEndpointSecret', { webhook_endpoint_id: string; sealed_secret: string; expire_previous_in_seconds?: unknown }>;
/** Asked by the delivery worker with the endpoint's failure streak; refused unless the disable rule holds. */
export type DisableFailingWebhookEndpoint = Command<'DisableFailingWebhookEndpoint', { webhook_endpoint_id: string; streak: FailureStreak }>;
export type DeleteWebhookEndpoint = Command<'DeleteWebhookEndpoint', { webhook_endpoint_id: string }>;
export type WebhookEndpointCommand = CreateWebhookEndpoint | UpdateWebhookEndpoint | RotateWebhookEndpointSecret | DisableFailingWebhookEndpoint | DeleteWebhookEndpoint;

type EndpointData = { webhook_endpoint_id: string; occurred_at: string };
export type WebhookEndpointCreated = DomainEvent<
  'WebhookEndpointCreated',
  EndpointData & { url: string; enabled_events: string[]; description: string | null; metadata: Metadata; secret: EndpointSecret }
>;
export type WebhookEndpointUpdated = DomainEvent<
  'WebhookEndpointUpdated',
  EndpointData & { changes: Partial<Pick<ExistingWebhookEndpoint, 'url' | 'enabled_events' | 'description' | 'metadata'>> }
>;
export type WebhookEndpointSecretRotated = DomainEvent<'WebhookEndpointSecretRotated', EndpointData & { secret: EndpointSecret; previous_expires_at: string }>;
export type WebhookEndpointDisabled = DomainEvent<'WebhookEndpointDisabled', EndpointData & { reason: 'manual' | 'failing'; streak: FailureStreak | null }>;
export type WebhookEndpointEnabled = DomainEvent<'WebhookEndpointEnabled', EndpointData>;
export type WebhookEndpointDeleted = DomainEvent<'WebhookEndpointDeleted', EndpointData>;
export type WebhookEndpointEvent =
  | WebhookEndpointCreated
  | WebhookEndpointUpdated
  | WebhookEndpointSecretRotated
  | WebhookEndpointDisabled
  | WebhookEndpointEnabled
  | WebhookEndpointDeleted;
export const WEBHOOK_ENDPOINT_EVENT_TYPES: readonly WebhookEndpointEvent['type'][] = Object.freeze([
  'WebhookEndpointCreated',
  'WebhookEndpointUpdated',
  'WebhookEndpointSecretRotated',
  'WebhookEndpointDisabled',
  'WebhookEndpointEnabled',
  'WebhookEndpointDeleted',
]);

function requireEndpoint(state: WebhookEndpointState, id: string): ExistingWebhookEndpoint {
  if (state.status === 'none' || state.status === 'deleted') throw webhookError('WEBHOOK_ENDPOINT_NOT_FOUND', `webhook endpoint ${id} not found`, 'webhook_endpoint_id');
  return state;
}

/** Whether deliveries (automatic or asked for) may go to it now. */
export function assertDeliverable(state: WebhookEndpointState, id: string): ExistingWebhookEndpoint {
  const endpoint = requireEndpoint(state, id);
  if (endpoint.status === 'disabled') throw webhookError('WEBHOOK_ENDPOINT_DISABLED', `webhook endpoint ${id} is disabled; enable it first`);
  return endpoint;
}

/** Whether an endpoint wants events of this public type. */
export function subscribesTo(enabledEvents: readonly string[], type: string): boolean {
  return enabledEvents.includes('*') || enabledEvents.includes(type);
}

/** The secrets a delivery is signed with at `now`: the current one, and a rotated-out one still in its grace. */
export function signingSecrets(endpoint: ExistingWebhookEndpoint, now: string): EndpointSecret[] {
  const at = Date.parse(now);
  return endpoint.secrets.filter((s) => s.expires_at === null || Date.parse(s.expires_at) > at);
}

function validateEnabledEvents(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ENABLED_EVENTS) {
    throw webhookError('INVALID_ENABLED_EVENTS', `enabled_events must list 1 to ${MAX_ENABLED_EVENTS} event types, or ["*"] for all`, 'enabled_events');
  }
  const types = value.map((type, i) => {
    if (type !== '*' && !isPublicEventType(type)) throw webhookError('UNKNOWN_EVENT_TYPE', `enabled_events[${i}] is not an event type (GET /v1/webhook-event-types lists them)`, `enabled_events[${i}]`);
    return type as string;
  });
  if (types.includes('*') && types.length > 1) throw webhookError('INVALID_ENABLED_EVENTS', '"*" already means every event type: list it alone', 'enabled_events');
  return [...new Set(types)];
}

function validateDescription(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || [...value].length > MAX_DESCRIPTION_LENGTH) throw webhookError('INVALID_DESCRIPTION', `description must be text of at most ${MAX_DESCRIPTION_LENGTH} characters`, 'description');
  return value.trim() === '' ? null : value;
}

function validateSealed(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw webhookError('INVALID_REQUEST', 'a sealed secret is required', 'secret');
  return value;
}

function decideCreate(command: CreateWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const id = validateId('whep_', command.data.webhook_endpoint_id, 'webhook_endpoint_id');
  if (state.status !== 'none') throw webhookError('WEBHOOK_ENDPOINT_ALREADY_EXISTS', `webhook endpoint ${id} already exists`, 'webhook_endpoint_id');
  return [
    {
      type: 'WebhookEndpointCreated',
      data: {
        webhook_endpoint_id: id,
        url: validateWebhookUrl(command.data.url, command.data.mode),
        enabled_events: validateEnabledEvents(command.data.enabled_events),
        description: validateDescription(command.data.description),
        metadata: validateMetadata(command.data.metadata, 'metadata'),
        secret: { sealed: validateSealed(command.data.sealed_secret), created_at: command.now, expires_at: null },
        occurred_at: command.now,
      },
    },
  ];
}

/** Only what changes is recorded; enabling or disabling by hand is its own fact. Nothing changed → nothing recorded. */
function decideUpdate(command: UpdateWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const endpoint = requireEndpoint(state, command.data.webhook_endpoint_id);
  const d = command.data;
  const changes: WebhookEndpointUpdated['data']['changes'] = {};
  if (d.url !== undefined) {
    const url = validateWebhookUrl(d.url, d.mode);
    if (url !== endpoint.url) changes.url = url;
  }
  if (d.enabled_events !== undefined) {
    const types = validateEnabledEvents(d.enabled_events);
    if (types.join(',') !== endpoint.enabled_events.join(',')) changes.enabled_events = types;
  }
  if (d.description !== undefined) {
    const description = validateDescription(d.description);
    if (description !== endpoint.description) changes.description = description;
  }
  if (d.metadata !== undefined) changes.metadata = validateMetadata(d.metadata, 'metadata');
  if (d.disabled !== undefined && typeof d.disabled !== 'boolean') throw webhookError('INVALID_REQUEST', 'disabled must be true or false', 'disabled');
  const events: WebhookEndpointEvent[] = [];
  const base = { webhook_endpoint_id: endpoint.id, occurred_at: command.now };
  if (Object.keys(changes).length > 0) events.push({ type: 'WebhookEndpointUpdated', data: { ...base, changes } });
  if (d.disabled === true && endpoint.status === 'enabled') events.push({ type: 'WebhookEndpointDisabled', data: { ...base, reason: 'manual', streak: null } });
  if (d.disabled === false && endpoint.status === 'disabled') events.push({ type: 'WebhookEndpointEnabled', data: base });
  return events;
}

function decideRotate(command: RotateWebhookEndpointSecret, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const endpoint = requireEndpoint(state, command.data.webhook_endpoint_id);
  const grace = command.data.expire_previous_in_seconds ?? DEFAULT_SECRET_GRACE_SECONDS;
  if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > MAX_SECRET_GRACE_SECONDS) {
    throw webhookError('INVALID_SECRET_GRACE', `expire_previous_in_seconds must be a whole number from 0 to ${MAX_SECRET_GRACE_SECONDS}`, 'expire_previous_in_seconds');
  }
  return [
    {
      type: 'WebhookEndpointSecretRotated',
      data: {
        webhook_endpoint_id: endpoint.id,
        secret: { sealed: validateSealed(command.data.sealed_secret), created_at: command.now, expires_at: null },
        previous_expires_at: new Date(Date.parse(command.now) + grace * 1000).toISOString(),
        occurred_at: command.now,
      },
    },
  ];
}

function decideDisableFailing(command: DisableFailingWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const endpoint = requireEndpoint(state, command.data.webhook_endpoint_id);
  if (endpoint.status === 'disabled') return [];
  const streak = command.data.streak;
  if (!isRecord(streak) || !failingLongEnough(streak, command.now)) {
    throw webhookError('WEBHOOK_ENDPOINT_NOT_FAILING', `webhook endpoint ${endpoint.id} has not failed long enough to be disabled`);
  }
  return [{ type: 'WebhookEndpointDisabled', data: { webhook_endpoint_id: endpoint.id, reason: 'failing', streak, occurred_at: command.now } }];
}

function decideDelete(command: DeleteWebhookEndpoint, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const endpoint = requireEndpoint(state, command.data.webhook_endpoint_id);
  return [{ type: 'WebhookEndpointDeleted', data: { webhook_endpoint_id: endpoint.id, occurred_at: command.now } }];
}

function existing(state: WebhookEndpointState, at: string, change: (e: ExistingWebhookEndpoint) => Partial<ExistingWebhookEndpoint>): WebhookEndpointState {
  return state.status === 'enabled' || state.status === 'disabled' ? { ...state, ...change(state), updated_at: at } : state;
}

export const webhookEndpointDecider = deciderOf<WebhookEndpointCommand, WebhookEndpointEvent, WebhookEndpointState>(
  {
    CreateWebhookEndpoint: decideCreate,
    UpdateWebhookEndpoint: decideUpdate,
    RotateWebhookEndpointSecret: decideRotate,
    DisableFailingWebhookEndpoint: decideDisableFailing,
    DeleteWebhookEndpoint: decideDelete,
  },
  {
    WebhookEndpointCreated: (_, { data }) => ({
      status: 'enabled',
      id: data.webhook_endpoint_id,
      url: data.url,
      description: data.description,
      enabled_events: data.enabled_events,
      metadata: data.metadata,
      secrets: [data.secret],
      disabled_reason: null,
      disabled_at: null,
      created_at: data.occurred_at,
      updated_at: data.occurred_at,
    }),
    WebhookEndpointUpdated: (state, { data }) => existing(state, data.occurred_at, () => data.changes),
    // The previous secret gets its end; any older one has already ended (at most one rotation in grace).
    WebhookEndpointSecretRotated: (state, { data }) =>
      existing(state, data.occurred_at, (e) => ({ secrets: [data.secret, ...e.secrets.slice(0, 1).map((s) => ({ ...s, expires_at: data.previous_expires_at }))] })),
    WebhookEndpointDisabled: (state, { data }) => existing(state, data.occurred_at, () => ({ status: 'disabled', disabled_reason: data.reason, disabled_at: data.occurred_at })),
    WebhookEndpointEnabled: (state, { data }) => existing(state, data.occurred_at, () => ({ status: 'enabled', disabled_reason: null, disabled_at: null })),
    WebhookEndpointDeleted: (state, { data }) => ({ status: 'deleted', id: data.webhook_endpoint_id }),
  },
  () => ({ status: 'none' }),
);
