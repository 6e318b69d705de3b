import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { first } from '../../persistence/sql/sql-job.js';
import { statement } from '../../persistence/sql/state-job.js';
import { STATE_DB, type StateDb } from '../../persistence/state-db.js';

export interface IdempotencyRecord {
  request_hash: string;
  state: 'in_progress' | 'completed';
  owner: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
  expires_at: string;
}

export interface IdempotencyScope {
  merchantId: string;
  mode: string;
  key: string;
}

export interface IdempotencyClaim {
  hash: string;
  method: string;
  path: string;
  owner: string;
  /** When the claim was first taken (kept on a takeover: the ids derive from it). */
  claimedAt: string;
  now: string;
  expiresAt: string;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS idempotency_keys (
    merchant_id TEXT NOT NULL, mode TEXT NOT NULL, key TEXT NOT NULL,
    request_hash TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
    state TEXT NOT NULL, owner TEXT NOT NULL, status_code INTEGER, response TEXT,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, lease_until TEXT,
    PRIMARY KEY (merchant_id, mode, key))`,
  'CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at)',
];

/**
 * A claim is one conditional upsert, so two processes racing for a key cannot both win: it takes
 * a free key, replaces a record past its retention, or takes over an unfinished claim of the same
 * request whose holder reopened it after a failure or whose lease ran out (its process died).
 * Zero rows changed means someone else holds the key.
 */
const CLAIM = `INSERT INTO idempotency_keys
  (merchant_id, mode, key, request_hash, method, path, state, owner, created_at, expires_at, lease_until)
  VALUES (@merchantId, @mode, @key, @hash, @method, @path, 'in_progress', @owner, @claimedAt, @expiresAt, @leaseUntil)
  ON CONFLICT (merchant_id, mode, key) DO UPDATE SET request_hash = excluded.request_hash, method = excluded.method,
    path = excluded.path, state = 'in_progress', owner = excluded.owner, status_code = NULL, response = NULL,
    created_at = excluded.created_at, expires_at = excluded.expires_at, lease_until = excluded.lease_until
  WHERE idempotency_keys.expires_at <= @now
    OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.request_hash = excluded.request_hash
      AND idempotency_keys.created_at = excluded.created_at
      AND (idempotency_keys.owner = 'reopened' OR idempotency_keys.lease_until IS NULL OR idempotency_keys.lease_until <= @now))`;

/**
 * Idempotency records, in the service's state database (the SQLite file, written through its
 * group-committing writer, or PostgreSQL shared by every API process). `owner` is the id of the
 * process that claimed the key. One process per file (the embedded deployment) takes over any
 * claim it does not hold at once: its holder can only be a process that died. Several processes
 * (PostgreSQL) hold a claim for a lease (ORDO_IDEMPOTENCY_LEASE_MS), after which a retry may take
 * it over from a process presumed dead.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private readonly leaseMs: number;

  constructor(
    @Inject(STATE_DB) private readonly state: StateDb,
    @Inject(ORDO_CONFIG) config: OrdoConfig,
  ) {
    this.leaseMs = config.readModels === 'postgres' ? config.idempotencyLeaseMs : 0;
  }

  async onModuleInit(): Promise<void> {
    await this.state.schema(SCHEMA);
    // Files made before claims had leases (two processes may both add it: the loser finds it there).
    const hasLease = () =>
      this.state.read(first('SELECT lease_until FROM idempotency_keys LIMIT 1')).then(
        () => true,
        () => false,
      );
    if (await hasLease()) return;
    await this.state.schema(['ALTER TABLE idempotency_keys ADD COLUMN lease_until TEXT']).catch(async (error: unknown) => {
      if (!(await hasLease())) throw error;
    });
  }

  get(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    return this.state.read(
      first<IdempotencyRecord>('SELECT request_hash, state, owner, status_code, response, created_at, expires_at FROM idempotency_keys WHERE merchant_id = ? AND mode = ? AND key = ?', [
        scope.merchantId,
        scope.mode,
        scope.key,
      ]),
    );
  }

  /** True when this claim now holds the key; false when another attempt holds it. */
  async claim(scope: IdempotencyScope, claim: IdempotencyClaim): Promise<boolean> {
    const leaseUntil = new Date(Date.parse(claim.now) + this.leaseMs).toISOString();
    const { owner, hash, method, path, claimedAt, now, expiresAt } = claim;
    const changed = await this.state.transaction(statement(CLAIM, { ...scope, owner, hash, method, path, claimedAt, now, expiresAt, leaseUntil }));
    return changed === 1;
  }

  complete(scope: IdempotencyScope, owner: string, statusCode: number, response: string): Promise<number> {
    return this.state.transaction(
      statement(`UPDATE idempotency_keys SET state = 'completed', status_code = ?, response = ? WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?`, [
        statusCode,
        response,
        scope.merchantId,
        scope.mode,
        scope.key,
        owner,
      ]),
    );
  }

  release(scope: IdempotencyScope, owner: string): Promise<number> {
    return this.state.transaction(statement('DELETE FROM idempotency_keys WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?', [scope.merchantId, scope.mode, scope.key, owner]));
  }

  /** Leaves the claim in progress but unowned, for the next attempt to take over. */
  reopen(scope: IdempotencyScope, owner: string): Promise<number> {
    return this.state.transaction(
      statement(`UPDATE idempotency_keys SET owner = 'reopened' WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?`, [scope.merchantId, scope.mode, scope.key, owner]),
    );
  }

  purgeExpired(now: string): Promise<number> {
    return this.state.transaction(statement('DELETE FROM idempotency_keys WHERE expires_at <= ?', [now]));
  }
}
