import type { Params } from 'nestjs-pino';
import type { OrdoConfig } from '../config/ordo-config.js';
import { randomId } from './ids.js';

/**
 * JSON logs (pino). Every line written while serving a request carries its `req_…` id; headers
 * that hold secrets are redacted and bodies are never logged (they may hold card data later).
 */
export function loggerOptions(config: OrdoConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      // On fastify the adapter has already minted the id onto the raw request: reuse it.
      genReqId: (req) => {
        const known = (req as { id?: unknown }).id;
        return typeof known === 'string' && known.startsWith('req_') ? known : randomId('req_');
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]'], censor: '[redacted]' },
      customAttributeKeys: { reqId: 'request_id' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    },
  };
}
