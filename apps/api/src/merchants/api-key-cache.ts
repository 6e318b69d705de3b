import type { Mode } from './api-key.js';

export interface AuthenticatedKey {
  merchantId: string;
  mode: Mode;
  keyId: string;
}

/**
 * Hash → key look-ups already answered, so a request costs one SHA-256 and a Map read. It is
 * never staler than the read model it caches: the merchants projection evicts a key in the
 * same step that marks it revoked.
 */
export class ApiKeyCache {
  private readonly byHash = new Map<string, AuthenticatedKey>();
  private static readonly MAX = 10_000;

  get(hash: string): AuthenticatedKey | undefined {
    return this.byHash.get(hash);
  }

  set(hash: string, key: AuthenticatedKey): void {
    if (this.byHash.size >= ApiKeyCache.MAX) this.byHash.clear();
    this.byHash.set(hash, key);
  }

  evict(keyId: string): void {
    for (const [hash, key] of this.byHash) if (key.keyId === keyId) this.byHash.delete(hash);
  }

  clear(): void {
    this.byHash.clear();
  }
}
