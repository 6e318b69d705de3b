import fc from 'fast-check';
import { ProcessorError, ProcessorIdempotencyMismatchError } from '../processor-errors.js';
import { SandboxProcessor } from './sandbox-processor.js';

/**
 * Model-based: random sequences of capture / refund / void with random amounts over a few
 * authorizations, drawing idempotency keys from a small pool (so keys collide) and replaying
 * earlier calls verbatim. A plain model predicts every answer; after every step the sandbox
 * must agree with it and with itself: captured ≤ authorized, refunded ≤ captured, and a
 * replay or a mismatched key never changes any total.
 */

/** An absolute amount, or one relative to what is left (capturable / refundable) to hit the edges. */
type AmountSpec = { absolute: number } | { relative: number };

type Op =
  | { kind: 'capture'; auth: number; amount: AmountSpec; final: boolean; key: number }
  | { kind: 'void'; auth: number; key: number }
  | { kind: 'refund'; auth: number; amount: AmountSpec; key: number }
  | { kind: 'replay'; pick: number };

interface Setup {
  amount: number;
  sale: boolean;
  refundFails: boolean;
}

interface ModelAuth {
  id: string;
  authorized: number;
  captured: number;
  released: number;
  open: boolean;
  refunded: number;
  chargeId?: string;
  refundFails: boolean;
}

type Answer = { ok: true; value: unknown } | { ok: false; code: string };
type Call = { key: string; operation: string; params: Record<string, unknown> };

const amountArb: fc.Arbitrary<AmountSpec> = fc.oneof(
  fc.record({ absolute: fc.integer({ min: 1, max: 4000 }) }),
  fc.record({ absolute: fc.integer({ min: 1, max: 12_000 }) }),
  fc.record({ relative: fc.integer({ min: -3, max: 2 }) }),
);

function resolveAmount(spec: AmountSpec, left: number): number {
  return 'absolute' in spec ? spec.absolute : Math.max(1, left + spec.relative);
}
const opArb = (auths: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('capture' as const), auth: fc.nat(auths - 1), amount: amountArb, final: fc.boolean(), key: fc.nat(11) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), auth: fc.nat(auths - 1), key: fc.nat(11) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('refund' as const), auth: fc.nat(auths - 1), amount: amountArb, key: fc.nat(11) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
  );
const scenarioArb = fc
  .array(fc.record({ amount: fc.integer({ min: 1, max: 10_000 }), sale: fc.boolean(), refundFails: fc.boolean() }), { minLength: 1, maxLength: 3 })
  .chain((setups) => fc.tuple(fc.constant(setups), fc.array(opArb(setups.length), { minLength: 1, maxLength: 30 })));

async function answerOf(promise: Promise<unknown>): Promise<Answer> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof ProcessorError) return { ok: false, code: error.code };
    throw error;
  }
}

function send(p: SandboxProcessor, call: Call): Promise<unknown> {
  const request = { idempotencyKey: call.key, ...call.params } as never;
  if (call.operation === 'capture') return p.capture(request);
  if (call.operation === 'void') return p.void(request);
  return p.refund(request);
}

/** The model's prediction for a call the processor has not seen under this key. */
function predict(m: ModelAuth, call: Call): Answer | 'not_found' {
  const amount = call.params.amount as number;
  const remaining = m.authorized - m.captured - m.released;
  if (call.operation === 'capture') {
    if (!m.open) return { ok: false, code: 'authorization_not_capturable' };
    if (amount > remaining) return { ok: false, code: 'amount_exceeds_authorized' };
    const closes = call.params.final === true || amount === remaining;
    const released = closes ? remaining - amount : 0;
    m.captured += amount;
    m.released += released;
    m.open = !closes;
    return { ok: true, value: { status: 'captured', chargeId: m.chargeId ?? expect.stringMatching(/^ch_/), amount, currency: 'USD', released } };
  }
  if (call.operation === 'void') {
    if (!m.open) return { ok: false, code: 'authorization_not_voidable' };
    m.released += remaining;
    m.open = false;
    return { ok: true, value: { status: 'voided', released: remaining } };
  }
  if (m.chargeId === undefined || call.params.chargeId !== m.chargeId) return 'not_found';
  if (amount > m.captured - m.refunded) return { ok: false, code: 'amount_exceeds_refundable' };
  if (m.refundFails) return { ok: true, value: { status: 'failed', code: 'refund_failed', refundId: expect.stringMatching(/^re_/), amount } };
  m.refunded += amount;
  return { ok: true, value: { status: 'succeeded', refundId: expect.stringMatching(/^re_/), amount } };
}

async function runScenario(setups: Setup[], ops: Op[]): Promise<void> {
  const p = SandboxProcessor.open(':memory:');
  try {
    const model: ModelAuth[] = [];
    for (const [i, s] of setups.entries()) {
      const token = s.refundFails ? 'tok_refundFails' : 'tok_visa';
      const r = await p.authorize({ idempotencyKey: `setup-${i}`, token, amount: s.amount, currency: 'USD', capture: s.sale, mode: 'test' });
      if (r.status !== 'authorized' && r.status !== 'captured') throw new Error('setup failed');
      model.push({
        id: r.authorizationId,
        authorized: s.amount,
        captured: s.sale ? s.amount : 0,
        released: 0,
        open: !s.sale,
        refunded: 0,
        chargeId: r.status === 'captured' ? r.chargeId : undefined,
        refundFails: s.refundFails,
      });
    }

    const stored = new Map<string, { call: Call; answer: Answer }>();
    const history: Call[] = [];

    for (const op of ops) {
      let call: Call;
      if (op.kind === 'replay') {
        if (history.length === 0) continue;
        call = history[op.pick % history.length]!;
      } else {
        const m = model[op.auth]!;
        const key = `key-${op.key}`;
        call =
          op.kind === 'capture'
            ? {
                key,
                operation: 'capture',
                params: { authorizationId: m.id, amount: resolveAmount(op.amount, m.authorized - m.captured - m.released), final: op.final },
              }
            : op.kind === 'void'
              ? { key, operation: 'void', params: { authorizationId: m.id } }
              : { key, operation: 'refund', params: { chargeId: m.chargeId ?? 'ch_missing', amount: resolveAmount(op.amount, m.captured - m.refunded) } };
      }
      history.push(call);

      const before = p.inspect.totals();
      const answer = await answerOf(send(p, call));
      const previous = stored.get(call.key);
      if (previous !== undefined) {
        // A key already answered: the same request replays the answer, anything else is refused.
        const same = previous.call.operation === call.operation && JSON.stringify(previous.call.params) === JSON.stringify(call.params);
        expect(answer).toEqual(same ? previous.answer : { ok: false, code: new ProcessorIdempotencyMismatchError(call.key).code });
        expect(p.inspect.totals()).toEqual(before);
      } else {
        const target = model.find((m) => m.id === call.params.authorizationId || (m.chargeId !== undefined && m.chargeId === call.params.chargeId));
        const expected = target ? predict(target, call) : 'not_found';
        if (expected === 'not_found') {
          expect(answer).toEqual({ ok: false, code: 'no_such_charge' });
          expect(p.inspect.totals()).toEqual(before);
          await expect(p.lookup(call.key)).resolves.toBeUndefined();
        } else {
          expect(answer).toEqual(expected);
          if (answer.ok && call.operation === 'capture' && target) target.chargeId = (answer.value as { chargeId: string }).chargeId;
          stored.set(call.key, { call, answer });
        }
      }

      // The sandbox's record equals the model, and keeps the money invariants.
      for (const m of model) {
        const a = p.inspect.authorization(m.id)!;
        expect({ authorized: a.authorized, captured: a.captured, released: a.released }).toEqual({ authorized: m.authorized, captured: m.captured, released: m.released });
        expect(a.captured + a.released).toBeLessThanOrEqual(a.authorized);
        const charge = m.chargeId ? p.inspect.charge(m.chargeId) : undefined;
        expect(charge?.refunded ?? 0).toBe(m.refunded);
        expect(charge?.refunded ?? 0).toBeLessThanOrEqual(a.captured);
        expect(p.countCharges(m.id)).toBe(m.captured > 0 ? 1 : 0);
      }
      expect(p.inspect.inconsistencies()).toEqual([]);
    }
  } finally {
    await p.close();
  }
}

describe('SandboxProcessor money invariants (model-based)', () => {
  it('captured ≤ authorized, refunded ≤ captured, replays and mismatches never change totals', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, ([setups, ops]) => runScenario(setups, ops)),
      { numRuns: 400 },
    );
  });
});
