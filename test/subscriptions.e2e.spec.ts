import { createCustomer } from './support/customers.js';
import { bearer, startTestApp, usd, type TestApp } from './support/test-app.js';

interface Cycle {
  cycle: number;
  order_id: string;
  status: string;
  failed_attempts: number;
  next_attempt_at: string | null;
}
interface Entry {
  type: string;
  occurred_at: string;
  order_id: string | null;
  summary: string;
}

describe('subscriptions billed over a test clock (HTTP)', () => {
  let t: TestApp;
  const a = () => bearer(t.keys.aTest);
  beforeAll(async () => {
    // The real-clock scheduler is off: only the test clock moves these subscriptions.
    t = await startTestApp({ subscriptionSchedulerMs: 0 });
  });
  afterAll(() => t.close());

  const post = async (url: string, body: object = {}, status = 200) => {
    const res = await t.http.post(url).set(a()).send(body);
    expect([url, res.status, res.body.error]).toEqual([url, status, undefined]);
    return res.body.data;
  };
  const get = async (url: string) => (await t.http.get(url).set(a()).expect(200)).body;
  const advance = (clock: string, to: string) => post(`/v1/test-clocks/${clock}/advance`, { frozen_time: to });
  const subscription = (id: string) => get(`/v1/subscriptions/${id}`).then((b) => b.data);

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    // The billing process learns of a payment from the log, just after the payment's answer.
    for (let i = 0; i < 200; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 10));
    }
    return read();
  }

  it('renews three times, declines on the fourth, retries on schedule, goes past_due, and recovers with a new card — one timeline, receivables agree', async () => {
    const clock = (await post('/v1/test-clocks', { frozen_time: '2027-01-15T09:00:00Z', name: 'monthly' }, 201)).id as string;
    const customer = await createCustomer(t, t.keys.aTest, { name: 'Grace Hopper', email: 'grace@example.com', test_clock_id: clock });
    // A card that approves three charges, then declines.
    const token = (await post('/v1/tokens', { card: { number: '4000000000000341', exp_month: 12, exp_year: 2040, cvc: '123' } }, 201)).id as string;
    await post(`/v1/customers/${customer}/payment-methods`, { token }, 201);
    const plan = await post('/v1/plans', { name: 'Pro monthly', currency: 'USD', interval: 'month', line_items: [{ name: 'Pro seat', quantity: 1, unit_price_money: usd(3000) }] }, 201);
    expect(plan).toMatchObject({ amount_money: usd(3000), interval: 'month', interval_count: 1, status: 'active' });

    const created = await post('/v1/subscriptions', { customer_id: customer, plan_id: plan.id }, 201);
    expect(created).toMatchObject({ status: 'active', test_clock_id: clock, current_cycle: 1, current_period_start: '2027-01-15T09:00:00.000Z', current_period_end: '2027-02-15T09:00:00.000Z' });
    await advance(clock, '2027-02-20T00:00:00Z');
    await advance(clock, '2027-03-20T00:00:00Z');
    const renewed = await subscription(created.id);
    expect(renewed.cycles.map((c: Cycle) => [c.cycle, c.status])).toEqual([
      [1, 'paid'],
      [2, 'paid'],
      [3, 'paid'],
    ]);
    const orders = (await get(`/v1/orders?customer_id=${customer}&page_size=100`)).data as { id: string; origin: string; subscription_id: string; billing_cycle: number; payment_status: string; created_at: string }[];
    expect(orders.map((o) => [o.billing_cycle, o.origin, o.subscription_id, o.payment_status]).sort()).toEqual([
      [1, 'subscription', created.id, 'paid'],
      [2, 'subscription', created.id, 'paid'],
      [3, 'subscription', created.id, 'paid'],
    ]);
    // Each cycle's order is dated when its period began on the clock.
    expect(orders.map((o) => o.created_at).sort()).toEqual(['2027-01-15T09:00:00.000Z', '2027-02-15T09:00:00.000Z', '2027-03-15T09:00:00.000Z']);

    // Cycle 4: declined, then retried +1, +3, +5 days after the period began, then past_due.
    await advance(clock, '2027-04-15T12:00:00Z');
    let sub = await subscription(created.id);
    expect(sub.status).toBe('active');
    expect(sub.cycles[3]).toMatchObject({ cycle: 4, status: 'open', failed_attempts: 1, next_attempt_at: '2027-04-16T09:00:00.000Z' });
    await advance(clock, '2027-04-17T00:00:00Z');
    expect((await subscription(created.id)).cycles[3]).toMatchObject({ failed_attempts: 2, next_attempt_at: '2027-04-18T09:00:00.000Z' });
    await advance(clock, '2027-04-21T00:00:00Z');
    sub = await subscription(created.id);
    expect(sub.status).toBe('past_due');
    expect(sub.cycles[3]).toMatchObject({ status: 'past_due', failed_attempts: 4, next_attempt_at: null, last_failure_code: 'card_declined' });
    const cycle4 = sub.cycles[3].order_id as string;
    expect((await get(`/v1/orders/${cycle4}`)).data.amounts.outstanding_money).toEqual(usd(3000));

    // The merchant invoices what is owed; receivables show it.
    const invoice = await post('/v1/invoices', { order_id: cycle4 }, 201);
    await post(`/v1/invoices/${invoice.id}/issue`);
    const owed = (await get(`/v1/customers/${customer}/receivables`)).data;
    expect(owed.by_currency).toEqual([expect.objectContaining({ currency: 'USD', outstanding_money: usd(3000), invoice_count: 1 })]);

    // A new default card; the balance is recovered off-session; the subscription is active again.
    await post(`/v1/customers/${customer}/payment-methods`, { token: 'tok_visa', set_default: true }, 201);
    const recovered = await post(`/v1/orders/${cycle4}/pay`, { off_session: true });
    expect(recovered).toMatchObject({ status: 'succeeded', off_session: true, captured_money: usd(3000) });
    sub = await waitFor(() => subscription(created.id), (s) => s.status === 'active');
    expect(sub.status).toBe('active');
    expect(sub.cycles.map((c: Cycle) => c.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    expect((await get(`/v1/invoices/${invoice.id}`)).data.status).toBe('paid');
    expect((await get(`/v1/customers/${customer}/receivables`)).data).toMatchObject({ open_invoices: [], by_currency: [] });

    // One customer timeline tells all of it, in order.
    const timeline = (await get(`/v1/customers/${customer}/timeline?page_size=100`)).data as Entry[];
    const own = timeline.filter((e) => e.order_id === null).map((e) => e.type);
    expect(own).toEqual([
      'CustomerCreated',
      'PaymentMethodSaved',
      'DefaultPaymentMethodSet',
      'SubscriptionCreated',
      'BillingCycleStarted',
      'BillingCyclePaid',
      'BillingCycleStarted',
      'BillingCyclePaid',
      'BillingCycleStarted',
      'BillingCyclePaid',
      'BillingCycleStarted',
      'RenewalPaymentFailed',
      'RenewalPaymentFailed',
      'RenewalPaymentFailed',
      'RenewalPaymentFailed',
      'SubscriptionMarkedPastDue',
      'PaymentMethodSaved',
      'DefaultPaymentMethodSet',
      'BillingCyclePaid',
    ]);
    // Dated at the clock's time: the customer when created, each cycle paid when its charge went through.
    expect(timeline[0]).toMatchObject({ type: 'CustomerCreated', occurred_at: '2027-01-15T09:00:00.000Z' });
    expect(timeline.filter((e) => e.type === 'BillingCyclePaid').map((e) => e.occurred_at).slice(0, 3)).toEqual(['2027-01-15T09:00:00.000Z', '2027-02-15T09:00:00.000Z', '2027-03-15T09:00:00.000Z']);
    expect(timeline.filter((e) => e.type === 'RenewalPaymentFailed').map((e) => e.occurred_at)).toEqual([
      '2027-04-15T09:00:00.000Z',
      '2027-04-16T09:00:00.000Z',
      '2027-04-18T09:00:00.000Z',
      '2027-04-20T09:00:00.000Z',
    ]);
    const charges = timeline.filter((e) => e.type === 'PaymentCaptured');
    expect(charges.map((e) => e.order_id)).toEqual([...orders.map((o) => o.id).reverse(), cycle4].sort((x, y) => timeline.findIndex((e) => e.order_id === x) - timeline.findIndex((e) => e.order_id === y)));
    expect(timeline.filter((e) => e.type === 'PaymentFailed')).toHaveLength(4);
    const times = timeline.map((e) => e.occurred_at);
    expect(timeline.findIndex((e) => e.type === 'SubscriptionMarkedPastDue')).toBeLessThan(timeline.findIndex((e) => e.type === 'InvoiceIssued'));
    expect(times.length).toBeGreaterThan(own.length);
  });

  it('cancels at the period end (no further order), pauses and resumes, and refuses what the rules forbid', async () => {
    const clock = (await post('/v1/test-clocks', { frozen_time: '2027-06-01T00:00:00Z' }, 201)).id as string;
    const customer = await createCustomer(t, t.keys.aTest, { test_clock_id: clock });
    const noCard = await t.http.post('/v1/subscriptions').set(a()).send({ customer_id: customer, plan_id: 'plan_0000000000000000nope' });
    expect([noCard.status, noCard.body.error.code]).toEqual([404, 'PLAN_NOT_FOUND']);
    const plan = await post('/v1/plans', { name: 'Weekly', currency: 'USD', interval: 'week', line_items: [{ name: 'Box', unit_price_money: usd(1000) }], trial_days: 3 }, 201);
    const withoutMethod = await t.http.post('/v1/subscriptions').set(a()).send({ customer_id: customer, plan_id: plan.id });
    expect([withoutMethod.status, withoutMethod.body.error.code]).toEqual([422, 'NO_DEFAULT_PAYMENT_METHOD']);
    await post(`/v1/customers/${customer}/payment-methods`, { token: 'tok_visa' }, 201);

    const sub = await post('/v1/subscriptions', { customer_id: customer, plan_id: plan.id }, 201);
    expect(sub).toMatchObject({ status: 'trialing', trial_end: '2027-06-04T00:00:00.000Z', cycles: [] });
    await advance(clock, '2027-06-05T00:00:00Z');
    expect(await subscription(sub.id)).toMatchObject({ status: 'active', current_cycle: 1, cycles: [expect.objectContaining({ status: 'paid' })] });

    await post(`/v1/subscriptions/${sub.id}/pause`);
    await advance(clock, '2027-06-30T00:00:00Z');
    expect((await subscription(sub.id)).cycles).toHaveLength(1);
    const resumed = await post(`/v1/subscriptions/${sub.id}/resume`);
    expect(resumed).toMatchObject({ status: 'active', current_cycle: 2, current_period_start: '2027-06-30T00:00:00.000Z' });

    await post(`/v1/subscriptions/${sub.id}/cancel`, { at_period_end: true });
    await advance(clock, '2027-08-01T00:00:00Z');
    const canceled = await subscription(sub.id);
    expect(canceled).toMatchObject({ status: 'canceled', canceled_at: '2027-07-07T00:00:00.000Z' });
    expect(canceled.cycles).toHaveLength(2);
    const again = await t.http.post(`/v1/subscriptions/${sub.id}/cancel`).set(a()).send({});
    expect([again.status, again.body.error.code]).toEqual([409, 'SUBSCRIPTION_CANCELED']);

    const archived = await post(`/v1/plans/${plan.id}/archive`);
    expect(archived.status).toBe('archived');
    const onArchived = await t.http.post('/v1/subscriptions').set(a()).send({ customer_id: customer, plan_id: plan.id });
    expect([onArchived.status, onArchived.body.error.code]).toEqual([409, 'PLAN_ARCHIVED']);
    const backwards = await t.http.post(`/v1/test-clocks/${clock}/advance`).set(a()).send({ frozen_time: '2027-01-01T00:00:00Z' });
    expect([backwards.status, backwards.body.error.code]).toEqual([422, 'TEST_CLOCK_BACKWARDS']);
  });

  it('test clocks are test mode only; another merchant’s plans, subscriptions and clocks are 404', async () => {
    const live = await t.http.post('/v1/test-clocks').set(bearer(t.keys.aLive)).send({ frozen_time: '2027-01-01T00:00:00Z' });
    expect([live.status, live.body.error.code]).toEqual([403, 'TEST_MODE_ONLY']);
    const clock = (await post('/v1/test-clocks', { frozen_time: '2027-01-01T00:00:00Z' }, 201)).id as string;
    const liveCustomer = await t.http.post('/v1/customers').set(bearer(t.keys.aLive)).send({ test_clock_id: clock });
    expect([liveCustomer.status, liveCustomer.body.error.code]).toEqual([403, 'TEST_MODE_ONLY']);
    const otherClock = await t.http.post('/v1/customers').set(bearer(t.keys.bTest)).send({ test_clock_id: clock });
    expect([otherClock.status, otherClock.body.error.code]).toEqual([404, 'TEST_CLOCK_NOT_FOUND']);

    const customer = await createCustomer(t, t.keys.aTest, { test_clock_id: clock });
    await post(`/v1/customers/${customer}/payment-methods`, { token: 'tok_visa' }, 201);
    const plan = await post('/v1/plans', { name: 'Yearly', currency: 'USD', interval: 'year', line_items: [{ name: 'Licence', unit_price_money: usd(9900) }] }, 201);
    const sub = await post('/v1/subscriptions', { customer_id: customer, plan_id: plan.id }, 201);
    for (const key of [t.keys.bTest, t.keys.aLive]) {
      const other = bearer(key);
      const answers = [
        await t.http.get(`/v1/plans/${plan.id}`).set(other),
        await t.http.post(`/v1/plans/${plan.id}/archive`).set(other),
        await t.http.get(`/v1/subscriptions/${sub.id}`).set(other),
        await t.http.post(`/v1/subscriptions/${sub.id}/cancel`).set(other).send({}),
        await t.http.post(`/v1/subscriptions/${sub.id}/pause`).set(other),
        await t.http.post(`/v1/subscriptions/${sub.id}/resume`).set(other),
        await t.http.post('/v1/subscriptions').set(other).send({ customer_id: customer, plan_id: plan.id }),
      ];
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 404));
      expect((await t.http.get('/v1/subscriptions').set(other)).body.data.map((s: { id: string }) => s.id)).not.toContain(sub.id);
    }
    const otherClockGet = await t.http.get(`/v1/test-clocks/${clock}`).set(bearer(t.keys.bTest));
    expect(otherClockGet.status).toBe(404);
    const otherAdvance = await t.http.post(`/v1/test-clocks/${clock}/advance`).set(bearer(t.keys.bTest)).send({ frozen_time: '2027-02-01T00:00:00Z' });
    expect(otherAdvance.status).toBe(404);
    expect((await get(`/v1/subscriptions?customer_id=${customer}`)).data.map((s: { id: string }) => s.id)).toEqual([sub.id]);
  });
});
