import type { CardBehaviour } from '../cards/card-behaviour.js';
import type { CardBrand } from '../processor-results.js';

/** Rows of the sandbox file as SQLite returns them (booleans are 0/1). See sandbox-schema.ts. */

export interface TokenRow {
  token: string;
  brand: CardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
  behaviour: CardBehaviour;
  /** The account that minted it; null for the ready-made test tokens. */
  account: string | null;
}

export type AuthorizationStatus = 'requires_action' | 'authorized' | 'captured' | 'voided' | 'declined' | 'errored';

export interface AuthorizationRow {
  id: string;
  token: string;
  reference: string | null;
  amount: number;
  currency: string;
  capture: 0 | 1;
  status: AuthorizationStatus;
  /** What was put on hold: 0 until approved, then `amount`. */
  authorized: number;
  captured: number;
  released: number;
  action_id: string | null;
  decline_code: string | null;
}

export interface ChargeRow {
  id: string;
  authorization_id: string;
  amount: number;
  currency: string;
  refunded: number;
}

export interface CaptureRow {
  id: string;
  charge_id: string;
  amount: number;
  final: 0 | 1;
}

export interface RefundRow {
  id: string;
  charge_id: string;
  amount: number;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
}

export interface IdempotencyRow {
  key: string;
  operation: string;
  request_hash: string;
  outcome: 'result' | 'rejected';
  body: string;
}
