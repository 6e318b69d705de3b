import { HttpStatus, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { createHmac, randomUUID } from 'node:crypto';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { ApiError } from '../api-error.js';
import { ReplayedResponse } from '../all-exceptions.filter.js';
import { Clock } from '../clock.js';
import { toErrorResponse } from '../error-response.js';
import { IdMinter } from '../ids.js';
import { headerOf, requestIdOf, type OrdoRequest } from '../request-context.js';
import { ServerSecrets } from '../server-secrets.js';
import { IdempotencyStore, type IdempotencyRecord, type IdempotencyScope } from './idempotency.store.js';
import { SecretBox } from '../secret-box.js';
import { OrdoMetrics, type IdempotencyOutcome } from '../metrics/ordo-metrics.js';
import { openFromStorage, sealForStorage } from './sealed-secrets.js';
import { requestHash } from './request-hash.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
// Conflicts that pass by themselves (nothing was written): the key stays usable for the retry.
const RETRYABLE_CODES = new Set(['ORDER_CONFLICT', 'CUSTOMER_CONFLICT', 'MERCHANT_CONFLICT', 'INVOICE_NUMBERING_CONFLICT', 'INVOICE_PAYMENT_RESOLVING', 'PAYMENT_IN_PROGRESS', 'PAYMENT_INTENT_PROCESSING']);

/**
 * What happens to the key after an answer:
 * - `store`: a final answer (2xx, 404, 422, state conflicts) is stored and replayed;
 * - `forget`: the request was refused before it could have any effect (malformed input, auth),
 *   so the key is forgotten and a corrected request may use it;
 * - `reopen`: anything else (5xx, ORDER_CONFLICT) may have happened after facts were appended:
 *   the claim stays, unowned, so the next attempt with the same request takes it over, mints the
 *   same ids and finds its own events instead of acting twice.
 */
function outcomeFor(status: number, code?: string): 'store' | 'forget' | 'reopen' {
  if (status >= 200 && status < 300) return 'store';
  if (status === 404 || status === 422) return 'store';
  if (status === 409) return RETRYABLE_CODES.has(code ?? '') ? 'reopen' : 'store';
  if (status >= 400 && status < 500) return 'forget';
  return 'reopen';
}

/**
 * `Idempotency-Key` on POST (brief §2): the same key and request within the retention window
 * get the stored answer, marked `Idempotent-Replayed: true`; the same key with another request
 * is refused (409 IDEMPOTENCY_KEY_REUSED); the same key while the first is running is refused
 * (409 IDEMPOTENCY_KEY_IN_USE). Ids minted under a key are derived from it, so a retry after a
 * crash lands on the same streams and the command path does not apply the command twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Keys being served by this process. */
  private readonly inFlight = new Set<string>();
  private readonly owner = randomUUID();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly secrets: ServerSecrets,
    private readonly reflector: Reflector,
    private readonly box: SecretBox,
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly metrics: OrdoMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<OrdoRequest>();
    const key = headerOf(req, 'idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.ordo?.merchantId || !req.ordo.mode) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 visible ASCII characters', 'Idempotency-Key');
    }
    const scope: IdempotencyScope = { merchantId: req.ordo.merchantId, mode: req.ordo.mode, key };
    const slot = `${scope.merchantId}\u0000${scope.mode}\u0000${key}`;
    // Taken before anything is awaited, so two requests of this process never both get past here.
    if (this.inFlight.has(slot)) {
      this.metrics.countIdempotency('in_use');
      throw inUse();
    }
    this.inFlight.add(slot);
    const requestId = requestIdOf(req);
    const status = this.successStatus(context);

    const finish = async (statusCode: number, body: unknown, outcome: 'store' | 'forget' | 'reopen') => {
      try {
        if (outcome === 'store') await this.store.complete(scope, this.owner, statusCode, JSON.stringify(sealForStorage(body, this.box)));
        else if (outcome === 'forget') await this.store.release(scope, this.owner);
        else await this.store.reopen(scope, this.owner);
      } finally {
        this.inFlight.delete(slot);
      }
    };

    const claiming = this.claim(req, scope, slot).then(
      () => this.metrics.countIdempotency('claimed'),
      (error: unknown) => {
        this.inFlight.delete(slot);
        const outcome = outcomeOfRefusal(error);
        if (outcome) this.metrics.countIdempotency(outcome);
        throw error;
      },
    );
    // Only a request that holds the claim settles it: a replay or a refusal above leaves it alone.
    return from(claiming).pipe(
      mergeMap(() =>
        next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await finish(status, body, 'store');
            return body;
          }),
          catchError(async (error: unknown) => {
            const response = toErrorResponse(error, requestId);
            await finish(response.status, response.body, outcomeFor(response.status, response.body.error.code));
            throw error;
          }),
        ),
      ),
    );
  }

  /**
   * Answers a stored replay (thrown as ReplayedResponse), refuses a reused or busy key, or takes
   * the claim and gives the request its ids and claim fingerprint.
   */
  private async claim(req: OrdoRequest, scope: IdempotencyScope, slot: string): Promise<void> {
    const hash = requestHash(this.secrets.idSecret, req.method, req.url, req.body);
    const now = this.clock.now();
    const live = this.replayOrRefuse(await this.store.get(scope), hash, now);
    // An in-progress claim not in `inFlight` belongs to a process that died, or was reopened
    // after a failure: this attempt takes it over (the store decides whether its lease allows).
    // Taking it over keeps the claim's time, hence its ids; a key reused after its retention is
    // a new claim with new ids.
    const claimedAt = live?.state === 'in_progress' ? live.created_at : now.toISOString();
    const expiresAt = new Date(now.getTime() + this.config.idempotencyTtlHours * 3_600_000).toISOString();
    const path = req.url.split('?')[0]!;
    const claimed = await this.store.claim(scope, { hash, method: req.method, path, owner: this.owner, claimedAt, now: now.toISOString(), expiresAt });
    if (!claimed) {
      // Another process holds the key, or finished with it a moment ago.
      this.replayOrRefuse(await this.store.get(scope), hash, now);
      throw inUse();
    }
    req.ordo!.idempotencyKey = scope.key;
    req.ordo!.ids = new IdMinter({ secret: this.secrets.idSecret, scope: `${slot}\u0000${claimedAt}` });
    // Events appended under this claim carry its fingerprint; only those count as "already done".
    req.ordo!.idempotencyClaim = claimFingerprint(this.secrets.idSecret, slot, hash, claimedAt);
  }

  /** Throws the stored answer or the reuse refusal; returns the live record otherwise. */
  private replayOrRefuse(existing: IdempotencyRecord | undefined, hash: string, now: Date): IdempotencyRecord | undefined {
    const live = existing && existing.expires_at > now.toISOString() ? existing : undefined;
    if (live && live.request_hash !== hash) {
      throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request', 'Idempotency-Key');
    }
    if (live?.state === 'completed') {
      const body = openFromStorage(JSON.parse(live.response ?? 'null'), this.box) as { meta?: Record<string, unknown> };
      if (body && typeof body === 'object' && 'data' in body) body.meta = { ...(body.meta ?? {}), idempotent_replayed: true };
      throw new ReplayedResponse(live.status_code ?? 200, body);
    }
    return live;
  }

  private successStatus(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return declared ?? HttpStatus.CREATED;
  }
}

/**
 * Names one claim: this merchant's, this mode's, this key's, for this request, taken at this
 * time. The key is part of it: two identical requests under different keys in the same
 * millisecond are two claims, each with its own effect (an audit found the second one answered
 * from the first one's events when the key was left out).
 */
export function claimFingerprint(secret: string, slot: string, requestHash: string, claimedAt: string): string {
  return createHmac('sha256', secret).update(`${slot}\u0000${requestHash}\u0000${claimedAt}`).digest('base64url').slice(0, 22);
}

function outcomeOfRefusal(error: unknown): IdempotencyOutcome | undefined {
  if (error instanceof ReplayedResponse) return 'replayed';
  if (!(error instanceof ApiError)) return undefined;
  return error.code === 'IDEMPOTENCY_KEY_REUSED' ? 'reused' : error.code === 'IDEMPOTENCY_KEY_IN_USE' ? 'in_use' : undefined;
}

function inUse(): ApiError {
  return new ApiError(409, 'IDEMPOTENCY_KEY_IN_USE', 'a request with this Idempotency-Key is still being processed; retry later', 'Idempotency-Key');
}
