import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from './open-sqlite.js';

describe('openSqlite', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ordo-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates parent directories and opens in WAL, synchronous=FULL, with foreign keys and a busy timeout', () => {
    const file = join(dir, 'a', 'b', 'ordo.db');
    const db = openSqlite(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it.each([
    ['NORMAL', 1],
    ['OFF', 0],
  ] as const)('honours synchronous=%s', (synchronous, expected) => {
    const db = openSqlite(join(dir, 'x.db'), { synchronous });
    try {
      expect(db.pragma('synchronous', { simple: true })).toBe(expected);
    } finally {
      db.close();
    }
  });

  it('opens :memory: without touching the file system', () => {
    const db = openSqlite(':memory:');
    expect(db.memory).toBe(true);
    db.close();
  });

  it('refuses an unknown durability level', () => {
    expect(() => openSqlite(':memory:', { synchronous: 'EXTRA' as 'FULL' })).toThrow(RangeError);
  });
});
