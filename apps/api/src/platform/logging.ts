import type { Options } from 'pino-http';
import type { OrdoConfig } from '../config/ordo-config.js';
import { randomId } from './ids.js';

// 12+ digits, also when spaces, dashes or %20 break them up (4242-4242-4242-4242).
const LONG_DIGITS = /\d(?:(?:[ -]|%20)?\d){11,}/g;
const HOSTED_TOKEN = /^\/(checkout|i|l|authenticate\/pi_[A-Za-z0-9]+)\/[^/]+/;

/**
 * What of a request URL may be logged: the path and the names of its query parameters. Query
 * values are never logged (a card number pasted into one reached the log, issue 15.5), and
 * runs of twelve or more digits in the path are masked for the same reason.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  // A hosted page's token is a bearer capability (whoever has the URL can pay or read the invoice).
  const path = (at < 0 ? url : url.slice(0, at)).replace(LONG_DIGITS, '[redacted]').replace(HOSTED_TOKEN, '/$1/[token]');
  if (at < 0) return path;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair.length > 0)
    .map((pair) => `${pair.split('=')[0].replace(LONG_DIGITS, '[redacted]')}=[redacted]`);
  return names.length > 0 ? `${path}?${names.join('&')}` : path;
}

/**
 * JSON logs (pino). Every line written while serving a request carries its `req_…` id; headers
 * that hold secrets are redacted and bodies are never logged (they may hold card data later).
 */
export function loggerOptions(config: OrdoConfig): Options {
  return {
    level: config.logLevel,
    // On fastify the adapter has already minted the id onto the raw request: reuse it.
    genReqId: (req) => {
      const known = (req as { id?: unknown }).id;
      return typeof known === 'string' && known.startsWith('req_') ? known : randomId('req_');
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'], censor: '[redacted]' },
    customAttributeKeys: { reqId: 'request_id' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
}
