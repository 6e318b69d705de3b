import { ApiError } from './api-error.js';

/**
 * Opaque cursor tokens: base64url of the sort key of the last row served. Clients must treat
 * them as opaque; the server only trusts their shape.
 */
export function encodePageToken(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodePageToken(token: string, arity: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, 'INVALID_PAGE_TOKEN', 'page_token is not one this API issued', 'page_token');
}
