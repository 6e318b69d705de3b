/**
 * Issue 3's benchmark: create + confirm of a payment intent in one call (automatic capture, the
 * sandbox processor, a fresh Idempotency-Key per request) end to end, as a ratio to hello-with-DTO
 * measured in the same run, with p99 at 50 connections. Each request appends to a new order's
 * stream several times (created, card attached, authorization sent, authorized + captured) and
 * writes the sandbox processor's own record, so it is compared with hello, not with POST /v1/orders.
 * Usage: npm run build && node dist/bench/http/create-confirm.js [express] [fastify]
 */
import { runComparison } from './compare.js';

await runComparison({ title: 'POST /v1/payment-intents (create + confirm, automatic capture) vs hello-with-DTO', targets: ['hello', 'pay'] });
