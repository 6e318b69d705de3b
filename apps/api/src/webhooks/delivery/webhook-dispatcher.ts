import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WorkerLease } from '../../platform/worker-lease.js';
import { DomainError, failingLongEnough, nextAttemptAt, signingSecrets, type ExistingWebhookEndpoint, type FailureStreak } from '#ordo/domain';
import { ProjectionProgress } from '../../application/projections/projection-progress.js';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { READ_DB, type ReadDb } from '../../persistence/read-db.js';
import { all, first, run, type SqlJob } from '../../persistence/sql/sql-job.js';
import { STATE_DB, type StateDb } from '../../persistence/state-db.js';
import { Clock } from '../../platform/clock.js';
import { randomId } from '../../platform/ids.js';
import { SecretBox } from '../../platform/secret-box.js';
import { WebhookEndpointsService } from '../application/webhook-endpoints.service.js';
import { signedHeaders } from './webhook-signature.js';
import { WebhookSender } from './webhook-sender.js';
import { recordAttempt, type Due } from './record-attempt.js';


interface Target {
  merchant_id: string;
  mode: 'test' | 'live';
  state: string;
}

/** Enabled endpoints with a delivery due now. */
function* dueEndpoints(now: string): SqlJob<string[]> {
  const rows = yield* all<{ endpoint_id: string }>(
    `SELECT e.id AS endpoint_id FROM webhook_endpoints e WHERE e.status = 'enabled' AND EXISTS (
       SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?))`,
    [now],
  );
  return rows.map((r) => r.endpoint_id);
}

/** One endpoint's due deliveries, oldest event first. */
function dueFor(endpointId: string, now: string, limit: number): SqlJob<Due[]> {
  return all<Due>(
    `SELECT id, endpoint_id, event_id, attempts FROM webhook_deliveries
     WHERE endpoint_id = ? AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?`,
    [endpointId, now, limit],
  );
}

/** True while the delivery is pending with no attempt recorded since it was read. */
function* stillDue(due: Due): SqlJob<boolean> {
  const row = yield* first<{ attempts: number }>(`SELECT attempts FROM webhook_deliveries WHERE id = ? AND status = 'pending'`, [due.id]);
  return row?.attempts === due.attempts;
}

/**
 * Moves queued deliveries: whenever new events are applied (and on a timer, for retries), it starts
 * every due delivery there is room for, at most `webhookConcurrency` at once and
 * `webhookConcurrencyPerEndpoint` per endpoint, oldest event first per endpoint, endpoints taken in
 * turn, so one slow or failing receiver holds a few slots for its timeout and never the rest.
 * Each attempt's outcome is written in one transaction (attempt row, delivery, endpoint health);
 * a crash mid-attempt leaves the delivery pending, and it is sent again after restart: at least
 * once, deduplicated by receivers on `webhook-id`. Several dispatchers may share one database:
 * they may both send a delivery, but only one records each attempt (see `recording`). Retry times
 * come from the service clock (a test's clock moves them), signatures' timestamps from real time
 * (receivers check them against theirs).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly sender: WebhookSender;
  private readonly inFlight = new Set<string>();
  private readonly perEndpoint = new Map<string, number>();
  private readonly idle: (() => void)[] = [];
  /** Looks for due work under way: what they find is about to be in flight. */
  private looking = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    @Inject(READ_DB) private readonly reads: ReadDb,
    @Inject(STATE_DB) private readonly state: StateDb,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly projections: ProjectionProgress,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly endpoints: WebhookEndpointsService,
    private readonly lease: WorkerLease,
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
    // Only the process holding the workers' lock sends (on PostgreSQL every process hears of events).
    if (!this.lease.active) return;
    this.look(() => this.fill()).catch((err: unknown) => this.lookFailed(err));
  }

  /** Sends everything due now and resolves once nothing is in flight (tests and the CLI drive it). */
  async deliverDue(): Promise<void> {
    await this.look(() => this.fill());
    while (this.inFlight.size > 0 || this.looking > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Counts the look as busy until it is done, so `deliverDue` also waits for what it starts. */
  private async look(find: () => Promise<unknown>): Promise<void> {
    this.looking++;
    try {
      await find();
    } finally {
      this.looking--;
      if (this.inFlight.size === 0 && this.looking === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  private lookFailed(err: unknown): void {
    if (!this.closed) this.logger.error({ err }, 'could not look for due webhook deliveries');
  }

  /** Every endpoint with something due gets its free slots filled, while global slots last. */
  private async fill(): Promise<void> {
    if (this.closed) return;
    const now = this.clock.nowIso();
    for (const endpointId of await this.state.read(dueEndpoints(now))) {
      if (this.closed || this.inFlight.size >= this.config.webhookConcurrency) return;
      await this.fillEndpoint(endpointId, now);
    }
  }

  /** Starts the endpoint's oldest due deliveries in its free slots; answers how many it started. */
  private async fillEndpoint(endpointId: string, now: string): Promise<number> {
    const cap = this.config.webhookConcurrencyPerEndpoint;
    const busy = this.perEndpoint.get(endpointId) ?? 0;
    if (busy >= cap) return 0;
    let started = 0;
    // The endpoint's in-flight rows are still pending: ask for enough to skip past them.
    for (const due of await this.state.read(dueFor(endpointId, now, cap + busy))) {
      if (this.closed) break;
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
      .finally(() => this.settle(due));
  }

  private settle(due: Due): void {
    this.inFlight.delete(due.id);
    const left = (this.perEndpoint.get(due.endpoint_id) ?? 1) - 1;
    if (left > 0) this.perEndpoint.set(due.endpoint_id, left);
    else this.perEndpoint.delete(due.endpoint_id);
    // The freed slot goes to the same endpoint's next due delivery; only when it has none are
    // all endpoints looked at again (so a backlog costs one indexed query per attempt).
    this.look(async () => {
      if (!this.closed && (await this.fillEndpoint(due.endpoint_id, this.clock.nowIso())) === 0) await this.fill();
    }).catch((err: unknown) => this.lookFailed(err));
  }

  private async attempt(due: Due): Promise<void> {
    // The row may be stale, read just before an earlier attempt of it (here or in another process)
    // was recorded: sending it would send that retry before its time.
    if (!(await this.state.read(stillDue(due)))) return;
    const target = await this.reads.first<Target>(`SELECT merchant_id, mode, state FROM webhook_endpoints WHERE id = ? AND status = 'enabled'`, [due.endpoint_id]);
    const event = await this.reads.first<{ body: string }>('SELECT body FROM public_events WHERE id = ?', [due.event_id]);
    if (!target || !event) return;
    const endpoint = JSON.parse(target.state) as ExistingWebhookEndpoint;
    const startedAt = this.clock.nowIso();
    const secrets = signingSecrets(endpoint, startedAt).map((secret) => this.box.open(secret.sealed));
    const headers = signedHeaders(secrets, due.event_id, Math.floor(Date.now() / 1000), event.body);
    const outcome = await this.sender.send(target.mode, endpoint.url, { ...headers }, event.body);
    if (this.closed) return; // shutting down: left pending, sent again after restart
    const finishedAt = this.clock.nowIso();
    const attempt = due.attempts + 1;
    const next = outcome.error === null ? null : nextAttemptAt(attempt, finishedAt, Math.random());
    const streak = await this.state.transaction(recordAttempt(due, { attempt, startedAt, finishedAt, next }, outcome));
    if (streak && failingLongEnough(streak, this.clock.nowIso())) await this.disable(due.endpoint_id, target, streak);
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
