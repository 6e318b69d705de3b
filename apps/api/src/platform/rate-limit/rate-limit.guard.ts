import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ORDO_CONFIG, type OrdoConfig } from '../../config/ordo-config.js';
import { ApiError } from '../api-error.js';
import { Clock } from '../clock.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import { requestHash } from '../idempotency/request-hash.js';
import { headerOf, type OrdoRequest } from '../request-context.js';
import { ServerSecrets } from '../server-secrets.js';
import { TokenBucketStorage } from './token-bucket.storage.js';

const WINDOW_MS = 1000;

/**
 * Rate limits per API key (brief §2): a token bucket each for writes (every method but GET) and
 * reads, `RateLimit-Limit/-Remaining/-Reset` on every answer, `429 RATE_LIMITED` with
 * `Retry-After` beyond them. Runs after authentication (the key is known) and before anything
 * is read or written. A replay answered from an Idempotency-Key's stored answer is never
 * refused (it takes a token while there are some; never a refusal): the client must be able to
 * collect its answer.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets: TokenBucketStorage;

  constructor(
    @Inject(ORDO_CONFIG) private readonly config: OrdoConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly idempotency: IdempotencyStore,
    private readonly secrets: ServerSecrets,
    private readonly clock: Clock,
  ) {
    this.buckets = new TokenBucketStorage(clock);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<OrdoRequest>();
    const ordo = req.ordo;
    if (!ordo?.merchantId || !ordo.mode) return true; // public routes: health, the reference
    const write = req.method !== 'GET';
    const limit = write ? this.config.rateLimitWritesPerSecond : this.config.rateLimitReadsPerSecond;
    if (limit <= 0) return true;
    const taken = this.buckets.take(`${ordo.merchantId}:${ordo.mode}:${ordo.apiKeyId}:${write ? 'write' : 'read'}`, limit, WINDOW_MS);
    const res = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    adapter.setHeader(res, 'RateLimit-Limit', String(limit));
    adapter.setHeader(res, 'RateLimit-Remaining', String(taken.remaining));
    adapter.setHeader(res, 'RateLimit-Reset', String(taken.resetSeconds));
    // Only a refusal pays for the stored-replay look-up (the interceptor does it anyway for every
    // keyed POST): a replay answered from storage is let through, taking no token.
    if (!taken.allowed && !(await this.isStoredReplay(req))) {
      throw new ApiError(429, 'RATE_LIMITED', `too many ${write ? 'writes' : 'reads'} for this API key: retry after ${taken.retryAfterSeconds} s`, undefined, {
        'Retry-After': String(taken.retryAfterSeconds),
      });
    }
    return true;
  }

  private async isStoredReplay(req: OrdoRequest): Promise<boolean> {
    const key = headerOf(req, 'idempotency-key');
    if (req.method !== 'POST' || key === undefined) return false;
    const record = await this.idempotency.get({ merchantId: req.ordo!.merchantId!, mode: req.ordo!.mode!, key });
    return record?.state === 'completed' && record.expires_at > this.clock.nowIso() && record.request_hash === requestHash(this.secrets.idSecret, req.method, req.url, req.body);
  }
}
