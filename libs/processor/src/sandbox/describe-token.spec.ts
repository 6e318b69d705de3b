import Database from 'better-sqlite3';
import { TEST_TOKEN_EXPIRY } from '../cards/test-cards.js';
import type { TokenizeRequest } from '../processor-requests.js';
import { SANDBOX_SCHEMA_VERSION } from './sandbox-schema.js';
import { SandboxProcessor } from './sandbox-processor.js';
import { TempSandbox } from './testing/temp-sandbox.js';

const NOW = new Date('2026-03-15T12:00:00Z');
const mastercard: TokenizeRequest = { number: '5555555555554444', exp_month: 7, exp_year: 2031, cvc: '123', mode: 'test', now: NOW };

describe('SandboxProcessor.describeToken', () => {
  let t: TempSandbox;
  beforeEach(() => {
    t = new TempSandbox();
  });
  afterEach(() => t.dispose());

  it('describes a ready-made test token to any account', async () => {
    const card = { brand: 'visa', last4: '4242', ...TEST_TOKEN_EXPIRY };
    expect(await t.processor.describeToken('tok_visa', 'acct_a')).toEqual(card);
    expect(await t.processor.describeToken('tok_visa', 'acct_b')).toEqual(card);
  });

  it('describes a minted token only to the account that minted it', async () => {
    const { token } = await t.processor.tokenize({ ...mastercard, account: 'acct_a' });
    expect(await t.processor.describeToken(token, 'acct_a')).toEqual({ brand: 'mastercard', last4: '4444', exp_month: 7, exp_year: 2031 });
    expect(await t.processor.describeToken(token, 'acct_b')).toBeUndefined();
  });

  it('answers undefined for a token it never issued', async () => {
    expect(await t.processor.describeToken('tok_neverIssued', 'acct_a')).toBeUndefined();
  });

  it('a token minted without an account is anyone’s', async () => {
    const { token } = await t.processor.tokenize(mastercard);
    expect(await t.processor.describeToken(token, 'acct_z')).toMatchObject({ last4: '4444' });
  });

  it('upgrades a version-1 file: its tokens keep working, new ones carry their account', async () => {
    const { token } = await t.processor.tokenize(mastercard);
    await t.processor.close();
    const db = new Database(t.path);
    db.exec('ALTER TABLE tokens DROP COLUMN account');
    db.pragma('user_version = 1');
    db.close();
    t.processor = SandboxProcessor.open(t.path);
    expect(await t.processor.describeToken(token, 'acct_a')).toMatchObject({ last4: '4444' });
    const minted = await t.processor.tokenize({ ...mastercard, account: 'acct_a' });
    expect(await t.processor.describeToken(minted.token, 'acct_b')).toBeUndefined();
    const check = new Database(t.path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SANDBOX_SCHEMA_VERSION);
    check.close();
  });
});
