import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { TEST_CARDS } from '../cards/test-cards.js';
import { TempSandbox } from './testing/temp-sandbox.js';

/**
 * PCI's first rule, checked on the bytes: after tokenizing (and charging) every test card,
 * neither the number nor anything beyond its last 4 digits is in the sandbox file, its WAL or
 * its shared-memory index, and no stored value is the CVC.
 */
describe('SandboxProcessor keeps no card data', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  // Distinctive CVCs, so a chance match with ids or amounts is practically impossible.
  const cvcFor = (brand: string) => (brand === 'amex' ? '9731' : '986');
  const NOW = new Date('2026-01-01T00:00:00Z');

  function fileBytes(): Buffer {
    return Buffer.concat([t.path, `${t.path}-wal`, `${t.path}-shm`].filter(existsSync).map((f) => readFileSync(f)));
  }

  function expectNoCardData(bytes: Buffer): void {
    for (const card of TEST_CARDS) {
      expect(bytes.includes(card.number)).toBe(false);
      expect(bytes.includes(card.number.slice(0, -4))).toBe(false);
      expect(bytes.includes(`${card.number.slice(0, 4)} ${card.number.slice(4, 8)}`)).toBe(false);
      expect(bytes.includes(Buffer.from(card.number, 'utf16le'))).toBe(false);
    }
  }

  /**
   * A 3- or 4-digit CVC occurs by chance in random ids, hex and millisecond timestamps, so the
   * byte scan cannot look for it; instead no stored value may equal it or mention a CVC.
   */
  function expectNoCvc(): void {
    const db = new Database(t.path, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) {
        for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            expect({ table: name, column, hasCvc: /cvc/i.test(column) || value === '986' || value === '9731' || (typeof value === 'string' && /"cvc"/i.test(value)) }).toEqual({ table: name, column, hasCvc: false });
          }
        }
      }
    } finally {
      db.close();
    }
  }

  it('after tokenize and authorize, in the db, WAL and shm files — open and after close', async () => {
    let i = 0;
    for (const card of TEST_CARDS) {
      for (const number of [card.number, card.number.replace(/(\d{4})/g, '$1 ').trim()]) {
        const { token } = await t.processor.tokenize({ number, exp_month: 11, exp_year: 2031, cvc: cvcFor(card.brand), mode: 'test', now: NOW });
        await t.processor.authorize({ idempotencyKey: `k${(i += 1)}`, token, amount: 100 + i, currency: 'USD', capture: true, mode: 'test' });
      }
    }
    // Rejected card data must not leave a trace either (e.g. in a partial row).
    await expect(t.processor.tokenize({ number: '4242424242424242', exp_month: 11, exp_year: 2031, cvc: '98', mode: 'test', now: NOW })).rejects.toThrow();

    expect(existsSync(`${t.path}-wal`)).toBe(true);
    expectNoCardData(fileBytes());
    await t.processor.close();
    expectNoCardData(fileBytes());
    expectNoCvc();
  });
});
