/**
 * Benchmark (c): POST /v1/orders through the full Ordo stack vs hello-with-DTO. Target: ordo ≥ 40%
 * of hello. Two Ordo variants: without Idempotency-Key, and with a fresh key on every request.
 * Usage: npm run build && node dist/bench/http/post-orders.js [express] [fastify]
 */
import { runComparison } from './compare.js';

await runComparison({ title: 'POST /v1/orders vs hello-with-DTO', targets: ['hello', 'ordo', 'ordo+idem'], targetRatio: 0.4 });
