import type Database from 'better-sqlite3';
import type { AuthorizationRow, CaptureRow, ChargeRow, IdempotencyRow, RefundRow, TokenRow } from './sandbox-rows.js';

/**
 * Every read and write of the sandbox file, as prepared statements. Operations call these
 * inside the transaction opened by the idempotent executor; nothing here opens one.
 */
export class SandboxRecord {
  private readonly statements;

  constructor(readonly db: Database.Database) {
    this.statements = {
      insertToken: db.prepare(
        `INSERT INTO tokens (token, brand, last4, exp_month, exp_year, behaviour, account)
         VALUES (@token, @brand, @last4, @exp_month, @exp_year, @behaviour, @account)`,
      ),
      token: db.prepare('SELECT * FROM tokens WHERE token = ?'),
      attemptsOnToken: db.prepare('SELECT count(*) AS n FROM authorizations WHERE token = ?'),
      approvalsOnToken: db.prepare('SELECT count(*) AS n FROM authorizations WHERE token = ? AND authorized > 0'),
      insertAuthorization: db.prepare(
        `INSERT INTO authorizations (id, token, reference, amount, currency, capture, status, authorized, captured, released, action_id, decline_code)
         VALUES (@id, @token, @reference, @amount, @currency, @capture, @status, @authorized, @captured, @released, @action_id, @decline_code)`,
      ),
      authorization: db.prepare('SELECT * FROM authorizations WHERE id = ?'),
      authorizationByAction: db.prepare('SELECT * FROM authorizations WHERE action_id = ?'),
      updateAuthorization: db.prepare(
        `UPDATE authorizations SET status = @status, authorized = @authorized, captured = @captured, released = @released, decline_code = @decline_code
         WHERE id = @id`,
      ),
      insertCharge: db.prepare(
        'INSERT INTO charges (id, authorization_id, amount, currency, refunded) VALUES (@id, @authorization_id, @amount, @currency, @refunded)',
      ),
      charge: db.prepare('SELECT * FROM charges WHERE id = ?'),
      chargeOfAuthorization: db.prepare('SELECT * FROM charges WHERE authorization_id = ?'),
      updateCharge: db.prepare('UPDATE charges SET amount = @amount, refunded = @refunded WHERE id = @id'),
      insertCapture: db.prepare('INSERT INTO captures (id, charge_id, amount, final) VALUES (@id, @charge_id, @amount, @final)'),
      insertRefund: db.prepare(
        'INSERT INTO refunds (id, charge_id, amount, status, failure_code) VALUES (@id, @charge_id, @amount, @status, @failure_code)',
      ),
      key: db.prepare('SELECT * FROM idempotency_keys WHERE key = ?'),
      insertKey: db.prepare(
        'INSERT INTO idempotency_keys (key, operation, request_hash, outcome, body) VALUES (@key, @operation, @request_hash, @outcome, @body)',
      ),
    };
  }

  insertToken(row: TokenRow): void {
    this.statements.insertToken.run(row);
  }

  token(token: string): TokenRow | undefined {
    return this.statements.token.get(token) as TokenRow | undefined;
  }

  /** How many authorize calls reached this token so far (drives the processing_error card). */
  attemptsOnToken(token: string): number {
    return (this.statements.attemptsOnToken.get(token) as { n: number }).n;
  }

  /** How many authorizations of this token were approved so far (drives the declines-after-three card). */
  approvalsOnToken(token: string): number {
    return (this.statements.approvalsOnToken.get(token) as { n: number }).n;
  }

  insertAuthorization(row: AuthorizationRow): void {
    this.statements.insertAuthorization.run(row);
  }

  authorization(id: string): AuthorizationRow | undefined {
    return this.statements.authorization.get(id) as AuthorizationRow | undefined;
  }

  authorizationByAction(actionId: string): AuthorizationRow | undefined {
    return this.statements.authorizationByAction.get(actionId) as AuthorizationRow | undefined;
  }

  updateAuthorization(row: AuthorizationRow): void {
    this.statements.updateAuthorization.run(row);
  }

  insertCharge(row: ChargeRow): void {
    this.statements.insertCharge.run(row);
  }

  charge(id: string): ChargeRow | undefined {
    return this.statements.charge.get(id) as ChargeRow | undefined;
  }

  chargeOfAuthorization(authorizationId: string): ChargeRow | undefined {
    return this.statements.chargeOfAuthorization.get(authorizationId) as ChargeRow | undefined;
  }

  updateCharge(row: ChargeRow): void {
    this.statements.updateCharge.run(row);
  }

  insertCapture(row: CaptureRow): void {
    this.statements.insertCapture.run(row);
  }

  insertRefund(row: RefundRow): void {
    this.statements.insertRefund.run(row);
  }

  idempotencyKey(key: string): IdempotencyRow | undefined {
    return this.statements.key.get(key) as IdempotencyRow | undefined;
  }

  insertIdempotencyKey(row: IdempotencyRow): void {
    this.statements.insertKey.run(row);
  }
}
