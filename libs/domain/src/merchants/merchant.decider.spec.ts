import { deciderSpec } from '../testing/decider-spec.js';
import { MERCHANT_ERROR_CODES, merchantDecider, type MerchantCommand, type MerchantEvent } from './merchant.decider.js';

const NOW = '2026-11-22T10:00:00.000Z';
const MER = 'mer_0123456789abcdefABCDEF';
const spec = deciderSpec(merchantDecider);

const created: MerchantEvent = { type: 'MerchantCreated', data: { merchant_id: MER, name: 'Acme', occurred_at: NOW } };
const keyCreated: MerchantEvent = {
  type: 'ApiKeyCreated',
  data: { merchant_id: MER, key_id: 'key_1', mode: 'test', key_hash: 'h1', hint: 'ordo_test_…abcd', occurred_at: NOW },
};
const revoked: MerchantEvent = { type: 'ApiKeyRevoked', data: { merchant_id: MER, key_id: 'key_1', occurred_at: NOW } };

const create = (name = 'Acme'): MerchantCommand => ({ type: 'CreateMerchant', data: { merchant_id: MER, name }, now: NOW });
const createKey = (over: Partial<Extract<MerchantCommand, { type: 'CreateApiKey' }>['data']> = {}): MerchantCommand => ({
  type: 'CreateApiKey',
  data: { merchant_id: MER, key_id: 'key_1', mode: 'test', key_hash: 'h1', hint: 'ordo_test_…abcd', ...over },
  now: NOW,
});
const revoke = (key_id = 'key_1'): MerchantCommand => ({ type: 'RevokeApiKey', data: { merchant_id: MER, key_id }, now: NOW });

describe('merchant decider', () => {
  it('creates a merchant with a trimmed name', () => spec.given([]).when(create('  Acme ')).then([created]));
  it('creates an API key recording only its hash and hint', () => spec.given([created]).when(createKey()).then([keyCreated]));
  it('revokes an API key', () => spec.given([created, keyCreated]).when(revoke()).then([revoked]));

  const rejections: [string, MerchantEvent[], MerchantCommand][] = [
    ['MERCHANT_ALREADY_EXISTS', [created], create()],
    ['INVALID_MERCHANT_NAME', [], create('   ')],
    ['MERCHANT_NOT_FOUND', [], createKey()],
    ['INVALID_MODE', [created], createKey({ mode: 'prod' as 'test' })],
    ['API_KEY_ALREADY_EXISTS', [created, keyCreated], createKey({ key_hash: 'other' })],
    ['API_KEY_NOT_FOUND', [created], revoke('key_nope')],
    ['API_KEY_ALREADY_REVOKED', [created, keyCreated, revoked], revoke()],
  ];

  it.each(rejections)('rejects with %s', (code, given, command) => spec.given(given).when(command).thenThrows(code));

  it('has a rejection test for every merchant error code', () => {
    expect(rejections.map(([code]) => code).sort()).toEqual([...MERCHANT_ERROR_CODES].sort());
  });
});
