import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { SQLITE } from '../../persistence/tokens.js';
import type { SqlitePersistence } from '../../persistence/sqlite-persistence.js';

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

/**
 * Idempotency records live in the same SQLite file as the events and are written through the
 * same group-committing writer. `owner` is the id of the process that claimed the key: a record
 * left `in_progress` by a process that died can be taken over by the next attempt.
 */
@Injectable()
export class IdempotencyStore {
  private readonly find: Statement;
  private readonly claimStatement: Statement;
  private readonly completeStatement: Statement;
  private readonly releaseStatement: Statement;
  private readonly reopenStatement: Statement;
  private readonly purgeStatement: Statement;

  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {
    const db = sqlite.db;
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      merchant_id TEXT NOT NULL, mode TEXT NOT NULL, key TEXT NOT NULL,
      request_hash TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,
      state TEXT NOT NULL, owner TEXT NOT NULL, status_code INTEGER, response TEXT,
      created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
      PRIMARY KEY (merchant_id, mode, key))`);
    db.exec('CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at)');
    this.find = db.prepare(
      'SELECT request_hash, state, owner, status_code, response, created_at, expires_at FROM idempotency_keys WHERE merchant_id = ? AND mode = ? AND key = ?',
    );
    this.claimStatement = db.prepare(`INSERT INTO idempotency_keys
      (merchant_id, mode, key, request_hash, method, path, state, owner, created_at, expires_at)
      VALUES (@merchantId, @mode, @key, @hash, @method, @path, 'in_progress', @owner, @now, @expiresAt)
      ON CONFLICT (merchant_id, mode, key) DO UPDATE SET request_hash = excluded.request_hash, method = excluded.method,
        path = excluded.path, state = 'in_progress', owner = excluded.owner, status_code = NULL, response = NULL,
        created_at = excluded.created_at, expires_at = excluded.expires_at`);
    this.completeStatement = db.prepare(`UPDATE idempotency_keys SET state = 'completed', status_code = ?, response = ?
      WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?`);
    this.releaseStatement = db.prepare('DELETE FROM idempotency_keys WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?');
    this.reopenStatement = db.prepare(`UPDATE idempotency_keys SET owner = 'reopened' WHERE merchant_id = ? AND mode = ? AND key = ? AND owner = ?`);
    this.purgeStatement = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');
  }

  get(scope: IdempotencyScope): IdempotencyRecord | undefined {
    return this.find.get(scope.merchantId, scope.mode, scope.key) as IdempotencyRecord | undefined;
  }

  claim(scope: IdempotencyScope, claim: { hash: string; method: string; path: string; owner: string; now: string; expiresAt: string }): Promise<void> {
    return this.sqlite.writer.write(() => void this.claimStatement.run({ ...scope, ...claim }));
  }

  complete(scope: IdempotencyScope, owner: string, statusCode: number, response: string): Promise<void> {
    return this.sqlite.writer.write(() => void this.completeStatement.run(statusCode, response, scope.merchantId, scope.mode, scope.key, owner));
  }

  release(scope: IdempotencyScope, owner: string): Promise<void> {
    return this.sqlite.writer.write(() => void this.releaseStatement.run(scope.merchantId, scope.mode, scope.key, owner));
  }

  /** Leaves the claim in progress but unowned, for the next attempt to take over. */
  reopen(scope: IdempotencyScope, owner: string): Promise<void> {
    return this.sqlite.writer.write(() => void this.reopenStatement.run(scope.merchantId, scope.mode, scope.key, owner));
  }

  purgeExpired(now: string): Promise<number> {
    return this.sqlite.writer.write(() => this.purgeStatement.run(now).changes);
  }
}
