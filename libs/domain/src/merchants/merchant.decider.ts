import { assertNever, type Command, type Decider } from '../core/decider.js';
import { DomainError } from '../core/domain-error.js';

/**
 * The merchant aggregate: a merchant and its API keys. Keys are recorded only as a SHA-256
 * hash plus a short hint (mode and last four characters) — the clear key never reaches an event.
 */
export type Mode = 'test' | 'live';

export interface ApiKeyRecord {
  key_id: string;
  mode: Mode;
  key_hash: string;
  hint: string;
  revoked: boolean;
}

export type MerchantState =
  | { status: 'none' }
  | { status: 'active'; id: string; name: string; keys: ApiKeyRecord[] };

export type MerchantEvent =
  | { type: 'MerchantCreated'; data: { merchant_id: string; name: string; occurred_at: string } }
  | {
      type: 'ApiKeyCreated';
      data: { merchant_id: string; key_id: string; mode: Mode; key_hash: string; hint: string; occurred_at: string };
    }
  | { type: 'ApiKeyRevoked'; data: { merchant_id: string; key_id: string; occurred_at: string } };

export type MerchantCommand =
  | (Command<'CreateMerchant', { merchant_id: string; name: string }>)
  | (Command<'CreateApiKey', { merchant_id: string; key_id: string; mode: Mode; key_hash: string; hint: string }>)
  | (Command<'RevokeApiKey', { merchant_id: string; key_id: string }>);

export const MERCHANT_ERROR_CODES = [
  'MERCHANT_NOT_FOUND',
  'MERCHANT_ALREADY_EXISTS',
  'INVALID_MERCHANT_NAME',
  'INVALID_MODE',
  'API_KEY_ALREADY_EXISTS',
  'API_KEY_NOT_FOUND',
  'API_KEY_ALREADY_REVOKED',
] as const;

function existing(state: MerchantState) {
  if (state.status === 'none') throw new DomainError('MERCHANT_NOT_FOUND', 'not_found', 'merchant not found');
  return state;
}

function decide(command: MerchantCommand, state: MerchantState): MerchantEvent[] {
  const occurred_at = command.now;
  switch (command.type) {
    case 'CreateMerchant': {
      if (state.status !== 'none') throw new DomainError('MERCHANT_ALREADY_EXISTS', 'conflict', 'merchant already exists');
      const name = command.data.name.trim();
      if (name.length < 1 || name.length > 200) {
        throw new DomainError('INVALID_MERCHANT_NAME', 'validation', 'name must be 1 to 200 characters', 'name');
      }
      return [{ type: 'MerchantCreated', data: { merchant_id: command.data.merchant_id, name, occurred_at } }];
    }
    case 'CreateApiKey': {
      const merchant = existing(state);
      const { key_id, mode, key_hash, hint } = command.data;
      if (mode !== 'test' && mode !== 'live') throw new DomainError('INVALID_MODE', 'validation', 'mode must be test or live', 'mode');
      if (merchant.keys.some((k) => k.key_id === key_id || k.key_hash === key_hash)) {
        throw new DomainError('API_KEY_ALREADY_EXISTS', 'conflict', 'api key already exists');
      }
      return [{ type: 'ApiKeyCreated', data: { merchant_id: merchant.id, key_id, mode, key_hash, hint, occurred_at } }];
    }
    case 'RevokeApiKey': {
      const merchant = existing(state);
      const key = merchant.keys.find((k) => k.key_id === command.data.key_id);
      if (!key) throw new DomainError('API_KEY_NOT_FOUND', 'not_found', 'api key not found', 'key_id');
      if (key.revoked) throw new DomainError('API_KEY_ALREADY_REVOKED', 'conflict', 'api key already revoked', 'key_id');
      return [{ type: 'ApiKeyRevoked', data: { merchant_id: merchant.id, key_id: key.key_id, occurred_at } }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: MerchantState, event: MerchantEvent): MerchantState {
  switch (event.type) {
    case 'MerchantCreated':
      return { status: 'active', id: event.data.merchant_id, name: event.data.name, keys: [] };
    case 'ApiKeyCreated': {
      if (state.status === 'none') return state;
      const { key_id, mode, key_hash, hint } = event.data;
      return { ...state, keys: [...state.keys, { key_id, mode, key_hash, hint, revoked: false }] };
    }
    case 'ApiKeyRevoked':
      if (state.status === 'none') return state;
      return { ...state, keys: state.keys.map((k) => (k.key_id === event.data.key_id ? { ...k, revoked: true } : k)) };
    default:
      return assertNever(event);
  }
}

export const merchantDecider: Decider<MerchantCommand, MerchantEvent, MerchantState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};

export const merchantStreamName = (merchantId: string) => `merchant-${merchantId}`;
