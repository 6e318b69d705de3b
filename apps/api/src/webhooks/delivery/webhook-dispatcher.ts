import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { DomainError, failingLongEnough, nextAttemptAt, signingSecrets, type ExistingWebhookEndpoint, type FailureStreak } from '#ordo/domain';
import { ProjectionProgress } from '../../application/projections/projection-progress.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import { SecretBox } from '../../platform/secret-box.js';
import { WebhookEndpointsService } from '../application/webhook-endpoints.service.js';
import { signedHeaders } from './webhook-signature.js';
import { WebhookSender, type SendOutcome } from './webhook-sender.js';

interface Due {
  id: string;
  endpoint_id: string;
  event_id: string;
}

interface Target {
  merchant_id: string;
  mode: 'test' | 'live';
  state: string;
}

/**
 * Moves queued deliveries: whenever new events are applied (and on a timer, for retries), it starts
 * every due delivery there is room for, at most `webhookConcurrency` at once and
 * `webhookConcurrencyPerEndpoint` per endpoint, oldest event first per endpoint, endpoints taken in
 * turn, so one slow or failing receiver holds a few slots for its timeout and never the rest.
 * Each attempt's outcome is written in one transaction (attempt row, delivery, endpoint health);
 * a crash mid-attempt leaves the delivery pending, and it is sent again after restart: at least
 * once, deduplicated by receivers on `webhook-id`. Retry times come from the service clock (a
 * test's clock moves them), signatures' timestamps from real time (receivers check them against
 * theirs).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly sender: WebhookSender;
  private readonly inFlight = new Set<string>();
  private readonly perEndpoint = new Map<string, number>();
  private readonly idle: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private statements?: Record<'endpoints' | 'dueFor' | 'target' | 'body' | 'attempts' | 'saveAttempt' | 'saveDelivery' | 'health' | 'saveHealth', Statement>;

  constructor(
    @Inject(SQLITE) private readonly sqlite: SqlitePersistence,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly projections: ProjectionProgress,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly endpoints: WebhookEndpointsService,
  ) {
    this.sender = new WebhookSender(config.webhookTimeoutMs);
  }

  onApplicationBootstrap(): void {
    this.projections.onApplied(() => this.kick());
    if (this.config.webhookPollMs > 0) this.timer = setInterval(() => this.kick(), this.config.webhookPollMs).unref();
  }

  onModuleDestroy(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.sender.close();
  }

  /** Start what is due now; never throws (a failure here is retried at the next kick). */
  kick(): void {
    try {
      this.fill();
    } catch (err) {
      if (!this.closed) this.logger.error({ err }, 'could not look for due webhook deliveries');
    }
  }

  /** Sends everything due now and resolves once nothing is in flight (tests and the CLI drive it). */
  async deliverDue(): Promise<void> {
    this.fill();
    while (this.inFlight.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private prepared() {
    const db = this.sqlite.db;
    return (this.statements ??= {
      endpoints: db.prepare(`SELECT e.id AS endpoint_id FROM webhook_endpoints e WHERE e.status = 'enabled' AND EXISTS (
          SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?))`),
      dueFor: db.prepare(`SELECT id, endpoint_id, event_id FROM webhook_deliveries
        WHERE endpoint_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?`),
      target: db.prepare(`SELECT merchant_id, mode, state FROM webhook_endpoints WHERE id = ? AND status = 'enabled'`),
      body: db.prepare('SELECT body FROM public_events WHERE id = ?').pluck(),
      attempts: db.prepare('SELECT attempts FROM webhook_deliveries WHERE id = ?').pluck(),
      saveAttempt: db.prepare(`INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, response_code, error, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      saveDelivery: db.prepare(`UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, last_response_code = ?, last_error = ?,
        delivered_at = COALESCE(?, delivered_at) WHERE id = ?`),
      health: db.prepare('SELECT consecutive_failures, failing_since FROM webhook_endpoint_health WHERE endpoint_id = ?'),
      saveHealth: db.prepare(`INSERT INTO webhook_endpoint_health (endpoint_id, consecutive_failures, failing_since, last_success_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (endpoint_id) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, failing_since = excluded.failing_since,
          last_success_at = COALESCE(excluded.last_success_at, last_success_at)`),
    });
  }

  /** Every endpoint with something due gets its free slots filled, while global slots last. */
  private fill(): void {
    if (this.closed) return;
    const now = this.clock.nowIso();
    for (const { endpoint_id } of this.prepared().endpoints.all(now) as { endpoint_id: string }[]) {
      if (this.inFlight.size >= this.config.webhookConcurrency) return;
      this.fillEndpoint(endpoint_id, now);
    }
  }

  /** Starts the endpoint's oldest due deliveries in its free slots; answers how many it started. */
  private fillEndpoint(endpointId: string, now: string): number {
    const cap = this.config.webhookConcurrencyPerEndpoint;
    const busy = this.perEndpoint.get(endpointId) ?? 0;
    if (busy >= cap) return 0;
    let started = 0;
    // The endpoint's in-flight rows are still pending: ask for enough to skip past them.
    for (const due of this.prepared().dueFor.all(endpointId, now, cap + busy) as Due[]) {
      if (this.inFlight.has(due.id)) continue;
      if ((this.perEndpoint.get(endpointId) ?? 0) >= cap || this.inFlight.size >= this.config.webhookConcurrency) break;
      this.start(due);
      started++;
    }
    return started;
  }

  private start(due: Due): void {
    this.inFlight.add(due.id);
    this.perEndpoint.set(due.endpoint_id, (this.perEndpoint.get(due.endpoint_id) ?? 0) + 1);
    void this.attempt(due)
      .catch((err: unknown) => {
        if (!this.closed) this.logger.error({ err, delivery: due.id }, 'a webhook attempt could not be recorded');
      })
      .finally(() => {
        this.inFlight.delete(due.id);
        const left = (this.perEndpoint.get(due.endpoint_id) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(due.endpoint_id, left);
        else this.perEndpoint.delete(due.endpoint_id);
        // The freed slot goes to the same endpoint's next due delivery; only when it has none are
        // all endpoints looked at again (so a backlog costs one indexed query per attempt).
        try {
          if (!this.closed && this.fillEndpoint(due.endpoint_id, this.clock.nowIso()) === 0) this.kick();
        } catch (err) {
          if (!this.closed) this.logger.error({ err }, 'could not look for due webhook deliveries');
        }
        if (this.inFlight.size === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
  }

  private async attempt(due: Due): Promise<void> {
    const s = this.prepared();
    const target = s.target.get(due.endpoint_id) as Target | undefined;
    const body = s.body.get(due.event_id) as string | undefined;
    if (!target || body === undefined) return;
    const endpoint = JSON.parse(target.state) as ExistingWebhookEndpoint;
    const startedAt = this.clock.nowIso();
    const secrets = signingSecrets(endpoint, startedAt).map((secret) => this.box.open(secret.sealed));
    const headers = signedHeaders(secrets, due.event_id, Math.floor(Date.now() / 1000), body);
    const outcome = await this.sender.send(target.mode, endpoint.url, { ...headers }, body);
    if (this.closed) return; // shutting down: left pending, sent again after restart
    const streak = await this.record(due, startedAt, outcome);
    if (streak && failingLongEnough(streak, this.clock.nowIso())) await this.disable(due.endpoint_id, target, streak);
  }

  /** One transaction: the attempt, the delivery's new state and the endpoint's failure streak (returned when failing). */
  private record(due: Due, startedAt: string, outcome: SendOutcome): Promise<FailureStreak | undefined> {
    const s = this.prepared();
    return this.sqlite.writer.write(() => {
      const finishedAt = this.clock.nowIso();
      const attempt = Number(s.attempts.get(due.id) ?? 0) + 1;
      const ok = outcome.error === null;
      const next = ok ? null : nextAttemptAt(attempt, finishedAt, Math.random());
      const status = ok ? 'succeeded' : next ? 'pending' : 'failed';
      s.saveAttempt.run(due.id, attempt, startedAt, outcome.durationMs, outcome.status, outcome.error, next);
      s.saveDelivery.run(status, attempt, next, startedAt, outcome.status, outcome.error, ok ? finishedAt : null, due.id);
      if (ok) {
        s.saveHealth.run(due.endpoint_id, 0, null, finishedAt);
        return undefined;
      }
      const was = s.health.get(due.endpoint_id) as FailureStreak | undefined;
      const streak = { consecutive_failures: (was?.consecutive_failures ?? 0) + 1, failing_since: was?.failing_since ?? startedAt };
      s.saveHealth.run(due.endpoint_id, streak.consecutive_failures, streak.failing_since, null);
      return streak;
    });
  }

  private async disable(endpointId: string, target: Target, streak: FailureStreak): Promise<void> {
    try {
      await this.endpoints.disableFailing({ merchantId: target.merchant_id, mode: target.mode, requestId: randomId('req_') }, endpointId, streak);
      this.logger.warn({ endpoint: endpointId, ...streak }, 'webhook endpoint disabled: it kept failing');
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
}
