import { existsSync, readFileSync } from 'node:fs';
import { TEST_CARDS } from '../cards/test-cards.js';
import { TempSandbox } from './testing/temp-sandbox.js';

/**
 * PCI's first rule, checked on the bytes: after tokenizing (and charging) every test card,
 * neither the number, nor anything beyond its last 4 digits, nor the CVC is in the sandbox
 * file, its WAL or its shared-memory index.
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
    expect(bytes.includes('986')).toBe(false);
    expect(bytes.includes('9731')).toBe(false);
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
  });
});
