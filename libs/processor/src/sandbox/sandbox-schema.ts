import type Database from 'better-sqlite3';
import { CARD_BEHAVIOURS } from '../cards/card-behaviour.js';
import { TEST_TOKEN_EXPIRY, TEST_TOKENS } from '../cards/test-cards.js';

/** Bumped when the tables change; a file from a newer build is refused rather than misread. */
export const SANDBOX_SCHEMA_VERSION = 3;

const behaviours = CARD_BEHAVIOURS.map((b) => `'${b}'`).join(', ');

/**
 * The sandbox's own record, in its own file: it stands in for an external processor, so it
 * never shares Ordo's database. CHECK constraints restate the money invariants so that even a
 * bug in the sandbox cannot write "captured more than authorized" or "refunded more than charged".
 * No column can hold a card number or CVC: tokens keep brand, last4, expiry and a behaviour.
 */
const tokensTable = (name: string) => `
CREATE TABLE ${name} (
  token     TEXT PRIMARY KEY,
  brand     TEXT NOT NULL,
  last4     TEXT NOT NULL CHECK (length(last4) = 4),
  exp_month INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year  INTEGER NOT NULL,
  behaviour TEXT NOT NULL CHECK (behaviour IN (${behaviours})),
  -- Who minted it (tokenize's account); NULL for the ready-made test tokens anyone may use.
  account   TEXT
) STRICT;`;

const DDL = `${tokensTable('tokens')}

-- One row per authorize call that reached a card, declined or not (the attempt history).
-- amount = requested; authorized = what was actually put on hold (0 until approved).
CREATE TABLE authorizations (
  id           TEXT PRIMARY KEY,
  token        TEXT NOT NULL REFERENCES tokens (token),
  reference    TEXT,
  amount       INTEGER NOT NULL CHECK (amount > 0),
  currency     TEXT NOT NULL,
  capture      INTEGER NOT NULL CHECK (capture IN (0, 1)),
  status       TEXT NOT NULL CHECK (status IN ('requires_action', 'authorized', 'captured', 'voided', 'declined', 'errored')),
  authorized   INTEGER NOT NULL DEFAULT 0 CHECK (authorized IN (0, amount)),
  captured     INTEGER NOT NULL DEFAULT 0 CHECK (captured >= 0),
  released     INTEGER NOT NULL DEFAULT 0 CHECK (released >= 0),
  action_id    TEXT UNIQUE,
  decline_code TEXT,
  CHECK (captured + released <= authorized)
) STRICT;
CREATE INDEX authorizations_by_token ON authorizations (token);
CREATE INDEX authorizations_by_reference ON authorizations (reference) WHERE reference IS NOT NULL;

-- At most one charge per authorization: partial captures add to it (amount = total captured).
CREATE TABLE charges (
  id               TEXT PRIMARY KEY,
  authorization_id TEXT NOT NULL UNIQUE REFERENCES authorizations (id),
  amount           INTEGER NOT NULL CHECK (amount > 0),
  currency         TEXT NOT NULL,
  refunded         INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount)
) STRICT;

-- Each capture call that moved money (a sale counts as one capture).
CREATE TABLE captures (
  id        TEXT PRIMARY KEY,
  charge_id TEXT NOT NULL REFERENCES charges (id),
  amount    INTEGER NOT NULL CHECK (amount > 0),
  final     INTEGER NOT NULL CHECK (final IN (0, 1))
) STRICT;
CREATE INDEX captures_by_charge ON captures (charge_id);

CREATE TABLE refunds (
  id           TEXT PRIMARY KEY,
  charge_id    TEXT NOT NULL REFERENCES charges (id),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  status       TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
  failure_code TEXT
) STRICT;
CREATE INDEX refunds_by_charge ON refunds (charge_id);

-- key → which request it was (hash) → the answer given, written in the same transaction as
-- the effect: both exist or neither does.
CREATE TABLE idempotency_keys (
  key          TEXT PRIMARY KEY,
  operation    TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('result', 'rejected')),
  body         TEXT NOT NULL
) STRICT;
`;

/** Creates the tables on a new file and seeds the ready-made test tokens (every open). */
export function migrateSandbox(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SANDBOX_SCHEMA_VERSION) {
      throw new Error(`sandbox processor file has schema version ${version}, this build knows ${SANDBOX_SCHEMA_VERSION}`);
    }
    if (version === 0) db.exec(DDL);
    else {
      if (version === 1) db.exec('ALTER TABLE tokens ADD COLUMN account TEXT');
      // 3: new card behaviours. A CHECK cannot be altered in SQLite: the table is copied into one
      // with the new list (foreign keys are off, so authorizations keep pointing at "tokens").
      if (version < 3) {
        db.exec(`${tokensTable('tokens_v3')};
          INSERT INTO tokens_v3 (token, brand, last4, exp_month, exp_year, behaviour, account) SELECT token, brand, last4, exp_month, exp_year, behaviour, account FROM tokens;
          DROP TABLE tokens;
          ALTER TABLE tokens_v3 RENAME TO tokens;`);
      }
    }
    if (version < SANDBOX_SCHEMA_VERSION) db.pragma(`user_version = ${SANDBOX_SCHEMA_VERSION}`);
    const seed = db.prepare(
      `INSERT OR IGNORE INTO tokens (token, brand, last4, exp_month, exp_year, behaviour)
       VALUES (@token, @brand, @last4, @exp_month, @exp_year, @behaviour)`,
    );
    for (const t of TEST_TOKENS) seed.run({ ...t, ...TEST_TOKEN_EXPIRY });
  }).immediate();
}
