import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BatchAbortedError, SqliteWriter, WriterClosedError } from './sqlite-writer.js';

function openWriter(options?: ConstructorParameters<typeof SqliteWriter>[1]): SqliteWriter {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
  return new SqliteWriter(db, options);
}

const values = (writer: SqliteWriter) => (writer.db.prepare('SELECT v FROM t ORDER BY v').pluck().all() as string[]);
const insert = (v: string) => (db: Database.Database) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

describe('SqliteWriter', () => {
  let writer: SqliteWriter;
  afterEach(async () => {
    await writer.close();
  });

  it('runs the jobs queued in one turn inside one transaction and resolves with their results', async () => {
    writer = openWriter();
    const results = await Promise.all(['a', 'b', 'c'].map((v) => writer.write(insert(v))));
    expect(results).toEqual([1, 1, 1]);
    expect(writer.committedBatches).toBe(1);
    expect(writer.committedJobs).toBe(3);
    expect(values(writer)).toEqual(['a', 'b', 'c']);
  });

  it('rolls back only the job that throws; the rest of the batch commits', async () => {
    writer = openWriter();
    const a = writer.write(insert('a'));
    const bad = writer.write((db) => {
      insert('x')(db);
      throw new Error('business rule');
    });
    const c = writer.write(insert('c'));
    await expect(bad).rejects.toThrow('business rule');
    await expect(Promise.all([a, c])).resolves.toEqual([1, 1]);
    expect(values(writer)).toEqual(['a', 'c']);
    expect(writer.committedBatches).toBe(1);
  });

  it('rejects every job of the batch when COMMIT itself fails, and keeps working', async () => {
    writer = openWriter();
    writer.db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    const a = writer.write(insert('a'));
    // A deferred foreign key is only checked at COMMIT: the whole transaction fails there.
    const orphan = writer.write((db) => db.prepare('INSERT INTO child (parent_id) VALUES (42)').run().changes);
    await expect(a).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    await expect(orphan).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(writer.db.inTransaction).toBe(false);
    expect(values(writer)).toEqual([]);
    await expect(writer.write(insert('b'))).resolves.toBe(1);
    expect(values(writer)).toEqual(['b']);
  });

  it('resolves only after COMMIT: a resolved write is visible to a second connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-w-'));
    const file = join(dir, 'w.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE)');
    writer = new SqliteWriter(db);
    const reader = new Database(file, { readonly: true });
    try {
      const done = writer.write(insert('a'));
      expect(reader.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
      await done;
      expect(reader.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(1);
    } finally {
      reader.close();
      await writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a job without a savepoint when asked: a failed single statement still leaves nothing', async () => {
    writer = openWriter();
    await writer.write(insert('dup'));
    const a = writer.write(insert('a'), { savepoint: false });
    const clash = writer.write(insert('dup'), { savepoint: false });
    const c = writer.write(insert('c'), { savepoint: false });
    await expect(clash).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(Promise.all([a, c])).resolves.toEqual([1, 1]);
    expect(values(writer)).toEqual(['a', 'c', 'dup']);
  });

  it('refuses an async job and undoes what it wrote before its first await', async () => {
    writer = openWriter();
    const asyncJob = writer.write(async (db) => {
      insert('x')(db);
      await null;
    });
    const other = writer.write(insert('a'));
    await expect(asyncJob).rejects.toThrow(/synchronous/);
    await expect(other).resolves.toBe(1);
    expect(values(writer)).toEqual(['a']);
  });

  it('caps the number of jobs per transaction', async () => {
    writer = openWriter({ maxBatchSize: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write(insert(`v${i}`))));
    expect(writer.committedBatches).toBe(3);
    expect(writer.committedJobs).toBe(25);
  });

  it('uses one transaction per job when group commit is off', async () => {
    writer = openWriter({ groupCommit: false });
    const bad = writer.write(() => {
      throw new Error('no');
    });
    const ok = await Promise.all(Array.from({ length: 8 }, (_, i) => writer.write(insert(`v${i}`))));
    await expect(bad).rejects.toThrow('no');
    expect(ok).toHaveLength(8);
    expect(writer.committedBatches).toBe(8);
  });

  it('runs the afterCommit hooks once per committed batch, after the data is visible', async () => {
    writer = openWriter();
    const seen: number[] = [];
    const remove = writer.onAfterCommit(() => seen.push(values(writer).length));
    await Promise.all([writer.write(insert('a')), writer.write(insert('b'))]);
    await writer.write(insert('c'));
    await writer.write(() => {
      throw new Error('nothing committed');
    }).catch(() => undefined);
    remove();
    await writer.write(insert('d'));
    expect(seen).toEqual([2, 3]);
  });

  it('keeps committing when a hook throws', async () => {
    writer = openWriter();
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    writer.onAfterCommit(() => {
      throw new Error('hook');
    });
    await expect(writer.write(insert('a'))).resolves.toBe(1);
    await expect(writer.write(insert('b'))).resolves.toBe(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('flushes queued jobs on close, closes the database, then refuses new jobs', async () => {
    writer = openWriter();
    const pending = writer.write(insert('a'));
    await writer.close();
    await expect(pending).resolves.toBe(1);
    expect(writer.db.open).toBe(false);
    await expect(writer.write(insert('b'))).rejects.toBeInstanceOf(WriterClosedError);
    await expect(writer.close()).resolves.toBeUndefined();
  });

  it('rejects queued jobs when the database was closed behind its back', async () => {
    writer = openWriter();
    const pending = writer.write(insert('a'));
    writer.db.close();
    await expect(pending).rejects.toBeInstanceOf(WriterClosedError);
  });

  it('when SQLite drops the whole transaction, rejects the jobs already run and retries the rest', async () => {
    writer = openWriter();
    const a = writer.write(insert('a'));
    // ROLLBACK inside a job ends the transaction the writer opened, as an I/O error would.
    const breaker = writer.write((db) => {
      db.prepare('ROLLBACK').run();
      throw new Error('transaction lost');
    });
    const c = writer.write(insert('c'));
    await expect(a).rejects.toBeInstanceOf(BatchAbortedError);
    await expect(breaker).rejects.toThrow('transaction lost');
    await expect(c).resolves.toBe(1);
    expect(values(writer)).toEqual(['c']);
  });
});
