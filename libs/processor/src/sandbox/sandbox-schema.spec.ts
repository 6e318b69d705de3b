import Database from 'better-sqlite3';
import { TEST_TOKENS } from '../cards/test-cards.js';
import { SANDBOX_SCHEMA_VERSION } from './sandbox-schema.js';
import { SandboxProcessor } from './sandbox-processor.js';
import { TempSandbox } from './testing/temp-sandbox.js';

describe('sandbox file', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  it('is durable: WAL with synchronous=FULL, schema versioned', () => {
    const db = new Database(t.path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SANDBOX_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('seeds every ready-made test token once, even across re-opens', async () => {
    await t.reopen();
    await t.reopen();
    const db = new Database(t.path, { readonly: true });
    try {
      const rows = db.prepare('SELECT token, brand, last4, behaviour FROM tokens ORDER BY token').all();
      expect(rows).toEqual(
        [...TEST_TOKENS].sort((a, b) => (a.token < b.token ? -1 : 1)).map(({ token, brand, last4, behaviour }) => ({ token, brand, last4, behaviour })),
      );
    } finally {
      db.close();
    }
  });

  it('has no column that could hold a card number or CVC', () => {
    const db = new Database(t.path, { readonly: true });
    try {
      const columns = db.prepare("SELECT name FROM pragma_table_info('tokens')").all().map((r) => (r as { name: string }).name);
      expect(columns.sort()).toEqual(['account', 'behaviour', 'brand', 'exp_month', 'exp_year', 'last4', 'token']);
    } finally {
      db.close();
    }
  });

  it('upgrades a version 2 file (old behaviour list in its CHECK): rows kept, the new cards usable', async () => {
    await t.processor.close();
    const db = new Database(t.path);
    const authorizations = db.prepare('SELECT count(*) AS n FROM authorizations').get();
    db.exec(`DROP TABLE tokens;
      CREATE TABLE tokens (token TEXT PRIMARY KEY, brand TEXT NOT NULL, last4 TEXT NOT NULL, exp_month INTEGER NOT NULL, exp_year INTEGER NOT NULL,
        behaviour TEXT NOT NULL CHECK (behaviour IN ('succeed', 'card_declined')), account TEXT) STRICT;
      INSERT INTO tokens VALUES ('tok_old0000000000000001', 'visa', '4242', 12, 2040, 'succeed', 'mer_x/test');`);
    db.pragma('user_version = 2');
    db.close();
    const processor = await t.reopen();
    const reopened = new Database(t.path, { readonly: true });
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(SANDBOX_SCHEMA_VERSION);
      expect(reopened.prepare("SELECT behaviour, account FROM tokens WHERE token = 'tok_old0000000000000001'").get()).toEqual({ behaviour: 'succeed', account: 'mer_x/test' });
      expect(reopened.prepare('SELECT count(*) AS n FROM authorizations').get()).toEqual(authorizations);
    } finally {
      reopened.close();
    }
    const minted = await processor.tokenize({ number: '4000000000000341', exp_month: 12, exp_year: 2040, cvc: '123', mode: 'test', now: new Date('2026-01-01T00:00:00.000Z') });
    expect(minted.card.last4).toBe('0341');
  });

  it('refuses a file written by a newer schema', async () => {
    await t.processor.close();
    const db = new Database(t.path);
    db.pragma(`user_version = ${SANDBOX_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => SandboxProcessor.open(t.path)).toThrow(/schema version/);
  });

  it('the CHECK constraints refuse impossible money even if the code had a bug', () => {
    const db = new Database(t.path);
    try {
      expect(() =>
        db
          .prepare(
            "INSERT INTO authorizations (id, token, amount, currency, capture, status, authorized, captured) VALUES ('auth_x', 'tok_visa', 100, 'USD', 0, 'authorized', 100, 101)",
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
