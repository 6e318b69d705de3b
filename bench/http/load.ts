/**
 * Load side of the POST /v1/orders bench: the two request bodies, a one-shot smoke check, and one
 * autocannon round (programmatic API, in the runner's process, never in a server's).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest;
}
interface AcResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: { url: string; connections: number; pipelining: number; duration: number; requests: AcRequest[] }) => Promise<AcResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** ~6 validated fields on both sides (see hello-server.ts and CreateOrderDto). */
export const HELLO_BODY = JSON.stringify({ name: 'T-shirt', sku: 'TS-1', quantity: 2, currency: 'USD', price: { amount: 2500, currency: 'USD' } });
export const ORDER_BODY = JSON.stringify({ currency: 'USD', line_items: [{ name: 'T-shirt', quantity: 2, unit_price_money: { amount: 2500, currency: 'USD' } }] });

/** Create + confirm in one call, automatic capture, a card token that succeeds. */
export const PAY_BODY = JSON.stringify({ amount_money: { amount: 5000, currency: 'USD' }, payment_method: { token: 'tok_visa' }, confirm: true });

export type Target = 'hello' | 'ordo' | 'ordo+idem' | 'pay';

const runTag = randomBytes(4).toString('hex');
let sequence = 0;

export function requestFor(target: Target, apiKey?: string): AcRequest {
  if (target === 'hello') return { method: 'POST', path: '/hello', headers: { 'content-type': 'application/json' }, body: HELLO_BODY };
  const base: AcRequest = {
    method: 'POST',
    path: '/v1/orders',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: ORDER_BODY,
  };
  if (target === 'ordo') return base;
  // A fresh Idempotency-Key on every request: every request claims, runs and completes a key.
  // Payments always carry one, as an integrator's client would.
  if (target === 'pay') return { ...base, path: '/v1/payment-intents', body: PAY_BODY, setupRequest: withFreshKey };
  return { ...base, setupRequest: withFreshKey };
}

function withFreshKey(req: AcRequest): AcRequest {
  return { ...req, headers: { ...req.headers, 'idempotency-key': `bench-${runTag}-${++sequence}` } };
}

/** One request through fetch; throws unless 2xx with the expected shape. */
export async function smoke(url: string, target: Target, apiKey?: string): Promise<void> {
  const r = requestFor(target, apiKey);
  const headers = { ...r.headers, ...(target === 'ordo+idem' || target === 'pay' ? { 'idempotency-key': `smoke-${runTag}-${target}` } : {}) };
  const res = await fetch(url + r.path, { method: 'POST', headers, body: r.body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (res.status < 200 || res.status > 299) throw new Error(`${target}: ${res.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { name?: string; data?: { id?: string; status?: string } };
  const ok =
    target === 'hello' ? body.name === 'T-shirt' : target === 'pay' ? body.data?.id?.startsWith('pi_') && body.data.status === 'succeeded' : body.data?.id?.startsWith('ord_');
  if (!ok) throw new Error(`${target}: unexpected body ${text.slice(0, 300)}`);
}

export interface Round {
  target: Target;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statuses: string;
  /** Server CPU (user + system) per response, in µs, when the runner could read it. */
  cpuUs?: number;
}

/** `connections` only for a load split across several servers (bench/scale-out); 50 otherwise. */
export async function round(url: string, target: Target, seconds: number, apiKey?: string, connections = 50): Promise<Round> {
  const r = await autocannon({ url, connections, pipelining: 1, duration: seconds, requests: [requestFor(target, apiKey)] });
  const statuses = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}:${s.count}`).join(' ');
  return {
    target,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statuses,
  };
}
