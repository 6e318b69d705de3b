import type { Mode } from './api-key.js';

export interface AuthenticatedKey {
  merchantId: string;
  mode: Mode;
  keyId: string;
}

/**
 * Hash → key look-ups already answered, so most requests cost one SHA-256 and a Map read.
 * An entry is trusted only for a bounded time (`maxAgeMs`, from `ORDO_API_KEY_RECHECK_MS`):
 * a key revoked by another process (the CLI, another API replica) is appended and projected
 * there, so this process's projection never sees the event and cannot evict the entry; the
 * age bound makes every process look the key up again and notice. The local projection still
 * evicts at once when the revocation passes through this process.
 */
export class ApiKeyCache {
  private readonly byHash = new Map<string, { key: AuthenticatedKey; checkedAt: number }>();
  private static readonly MAX = 10_000;

  constructor(readonly maxAgeMs = 5_000) {}

  /** The key if it was checked against the read model less than `maxAgeMs` before `nowMs`. */
  get(hash: string, nowMs: number): AuthenticatedKey | undefined {
    const entry = this.byHash.get(hash);
    if (!entry) return undefined;
    if (nowMs - entry.checkedAt >= this.maxAgeMs || nowMs < entry.checkedAt) {
      this.byHash.delete(hash);
      return undefined;
    }
    return entry.key;
  }

  set(hash: string, key: AuthenticatedKey, nowMs: number): void {
    if (this.byHash.size >= ApiKeyCache.MAX) this.byHash.clear();
    this.byHash.set(hash, { key, checkedAt: nowMs });
  }

  evict(keyId: string): void {
    for (const [hash, entry] of this.byHash) if (entry.key.keyId === keyId) this.byHash.delete(hash);
  }

  clear(): void {
    this.byHash.clear();
  }
}
