import type Database from 'better-sqlite3';
import type { AuthorizationRow, AuthorizationStatus, CaptureRow, ChargeRow, RefundRow } from './sandbox-rows.js';

/** An authorization as tests and the crash-recovery checks read it. */
export interface SandboxAuthorization {
  id: string;
  reference: string | null;
  status: AuthorizationStatus;
  amount: number;
  currency: string;
  /** Put on hold (0 if never approved). */
  authorized: number;
  captured: number;
  released: number;
  declineCode: string | null;
}

export interface SandboxCharge {
  id: string;
  authorizationId: string;
  amount: number;
  currency: string;
  refunded: number;
}

export type ChargeFilter = { authorizationId: string } | { reference: string };

/**
 * Read-only views of the sandbox's record, for tests ("at most one charge per intent", "the
 * processor agrees with the ledger") and for reconciliation. Never used by the operations.
 */
export class SandboxInspector {
  constructor(private readonly db: Database.Database) {}

  authorization(id: string): SandboxAuthorization | undefined {
    const row = this.db.prepare('SELECT * FROM authorizations WHERE id = ?').get(id) as AuthorizationRow | undefined;
    return row && toAuthorization(row);
  }

  /** Every authorize attempt made for a reference (Ordo: a payment intent id), oldest first. */
  authorizationsFor(reference: string): SandboxAuthorization[] {
    const rows = this.db.prepare('SELECT * FROM authorizations WHERE reference = ? ORDER BY rowid').all(reference) as AuthorizationRow[];
    return rows.map(toAuthorization);
  }

  charge(id: string): SandboxCharge | undefined {
    const row = this.db.prepare('SELECT * FROM charges WHERE id = ?').get(id) as ChargeRow | undefined;
    return row && toCharge(row);
  }

  /** Charges (each = one authorization's captured money) for an authorization or a reference. */
  countCharges(filter: ChargeFilter): number {
    const row =
      'authorizationId' in filter
        ? this.db.prepare('SELECT count(*) AS n FROM charges WHERE authorization_id = ?').get(filter.authorizationId)
        : this.db
            .prepare('SELECT count(*) AS n FROM charges JOIN authorizations a ON a.id = charges.authorization_id WHERE a.reference = ?')
            .get(filter.reference);
    return (row as { n: number }).n;
  }

  captures(chargeId: string): Array<{ id: string; amount: number; final: boolean }> {
    const rows = this.db.prepare('SELECT * FROM captures WHERE charge_id = ? ORDER BY rowid').all(chargeId) as CaptureRow[];
    return rows.map((r) => ({ id: r.id, amount: r.amount, final: r.final === 1 }));
  }

  refunds(chargeId: string): Array<{ id: string; amount: number; status: 'succeeded' | 'failed' }> {
    const rows = this.db.prepare('SELECT * FROM refunds WHERE charge_id = ? ORDER BY rowid').all(chargeId) as RefundRow[];
    return rows.map((r) => ({ id: r.id, amount: r.amount, status: r.status }));
  }

  /** Totals over the whole file, e.g. to check that replays changed nothing. */
  totals(): { authorized: number; captured: number; released: number; refunded: number; keys: number; refundRows: number } {
    return this.db
      .prepare(
        `SELECT
           (SELECT coalesce(sum(authorized), 0) FROM authorizations) AS authorized,
           (SELECT coalesce(sum(captured), 0) FROM authorizations) AS captured,
           (SELECT coalesce(sum(released), 0) FROM authorizations) AS released,
           (SELECT coalesce(sum(refunded), 0) FROM charges) AS refunded,
           (SELECT count(*) FROM idempotency_keys) AS keys,
           (SELECT count(*) FROM refunds) AS refundRows`,
      )
      .get() as ReturnType<SandboxInspector['totals']>;
  }

  /**
   * Every way the record could disagree with itself, as readable sentences ([] = consistent):
   * per authorization, status vs. amounts, captured = its charge = Σ its captures; per
   * charge, refunded = Σ succeeded refunds ≤ amount.
   */
  inconsistencies(): string[] {
    const problems: string[] = [];
    const authorizations = this.db.prepare('SELECT * FROM authorizations').all() as AuthorizationRow[];
    for (const a of authorizations) {
      problems.push(...statusProblems(a));
      const charge = this.db.prepare('SELECT * FROM charges WHERE authorization_id = ?').get(a.id) as ChargeRow | undefined;
      const charged = charge?.amount ?? 0;
      if (charged !== a.captured) problems.push(`${a.id}: captured ${a.captured} but charge holds ${charged}`);
      if (charge) {
        const { n: captureSum } = this.db.prepare('SELECT coalesce(sum(amount), 0) AS n FROM captures WHERE charge_id = ?').get(charge.id) as { n: number };
        if (captureSum !== charge.amount) problems.push(`${charge.id}: amount ${charge.amount} but captures sum to ${captureSum}`);
        const { n: refundSum } = this.db
          .prepare("SELECT coalesce(sum(amount), 0) AS n FROM refunds WHERE charge_id = ? AND status = 'succeeded'")
          .get(charge.id) as { n: number };
        if (refundSum !== charge.refunded) problems.push(`${charge.id}: refunded ${charge.refunded} but refunds sum to ${refundSum}`);
        if (charge.refunded > charge.amount) problems.push(`${charge.id}: refunded ${charge.refunded} > charged ${charge.amount}`);
      }
    }
    return problems;
  }
}

function statusProblems(a: AuthorizationRow): string[] {
  const open = a.authorized - a.captured - a.released;
  const problems: string[] = [];
  if (open < 0) problems.push(`${a.id}: captured + released exceed authorized`);
  switch (a.status) {
    case 'authorized':
      if (a.authorized !== a.amount || a.released !== 0 || open === 0) problems.push(`${a.id}: authorized but nothing open or already released`);
      break;
    case 'captured':
      if (a.authorized !== a.amount || a.captured === 0 || open !== 0) problems.push(`${a.id}: captured but not closed out`);
      break;
    case 'voided':
      if (open !== 0) problems.push(`${a.id}: voided with ${open} still held`);
      break;
    default:
      if (a.authorized + a.captured + a.released !== 0) problems.push(`${a.id}: ${a.status} but money moved`);
  }
  return problems;
}

function toAuthorization(row: AuthorizationRow): SandboxAuthorization {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    authorized: row.authorized,
    captured: row.captured,
    released: row.released,
    declineCode: row.decline_code,
  };
}

function toCharge(row: ChargeRow): SandboxCharge {
  return { id: row.id, authorizationId: row.authorization_id, amount: row.amount, currency: row.currency, refunded: row.refunded };
}
