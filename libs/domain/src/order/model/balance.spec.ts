import { orderBalance, paymentStatus, refundStatus, type MoneyFacts } from './balance.js';

const facts = (overrides: Partial<MoneyFacts> = {}): MoneyFacts => ({ captured: 0, manual_recorded: 0, manual_reversed: 0, refunded: 0, written_off: 0, reduced: 0, ...overrides });

describe('orderBalance', () => {
  it('a reduction lowers what is owed and what paid is compared with: captured in part and reduced by the rest is paid', () => {
    expect(orderBalance(10000, facts({ captured: 4000, reduced: 6000 }))).toEqual({
      paid: 4000,
      refunded: 0,
      net_paid: 4000,
      written_off: 0,
      reduced: 6000,
      outstanding: 0,
      payment_status: 'paid',
      refund_status: 'none',
    });
  });

  it('a write-off is bad debt: nothing outstanding, still partially paid', () => {
    expect(orderBalance(10000, facts({ captured: 4000, written_off: 6000 }))).toMatchObject({ outstanding: 0, payment_status: 'partially_paid' });
  });

  it('has nothing paid and everything outstanding on a new order', () => {
    expect(orderBalance(5000, facts())).toEqual({ paid: 0, refunded: 0, net_paid: 0, written_off: 0, reduced: 0, outstanding: 5000, payment_status: 'unpaid', refund_status: 'none' });
  });

  it('counts captured and manually recorded money as paid, minus reversals', () => {
    expect(orderBalance(5000, facts({ captured: 2000, manual_recorded: 2500, manual_reversed: 500 }))).toEqual({
      paid: 4000,
      refunded: 0,
      net_paid: 4000,
      written_off: 0,
      reduced: 0,
      outstanding: 1000,
      payment_status: 'partially_paid',
      refund_status: 'none',
    });
  });

  it('lowers net_paid on a refund without reopening the balance', () => {
    expect(orderBalance(5000, facts({ captured: 5000, refunded: 1200 }))).toEqual({
      paid: 5000,
      refunded: 1200,
      net_paid: 3800,
      written_off: 0,
      reduced: 0,
      outstanding: 0,
      payment_status: 'paid',
      refund_status: 'partially_refunded',
    });
  });

  it('reopens the balance when a manual payment is reversed', () => {
    const balance = orderBalance(5000, facts({ manual_recorded: 5000, manual_reversed: 5000 }));
    expect(balance.outstanding).toBe(5000);
    expect(balance.payment_status).toBe('unpaid');
  });

  it('brings outstanding to 0 when the rest is written off, without counting it as paid', () => {
    expect(orderBalance(5000, facts({ captured: 3000, written_off: 2000 }))).toEqual({
      paid: 3000,
      refunded: 0,
      net_paid: 3000,
      written_off: 2000,
      reduced: 0,
      outstanding: 0,
      payment_status: 'partially_paid',
      refund_status: 'none',
    });
  });
});

describe('paymentStatus', () => {
  it.each([
    [5000, 0, 'unpaid'],
    [5000, 1, 'partially_paid'],
    [5000, 4999, 'partially_paid'],
    [5000, 5000, 'paid'],
    [0, 0, 'unpaid'],
  ] as const)('total %i with %i paid is %s', (total, paid, status) => {
    expect(paymentStatus(total, { paid })).toBe(status);
  });
});

describe('refundStatus', () => {
  it.each([
    [5000, 0, 'none'],
    [5000, 1, 'partially_refunded'],
    [5000, 5000, 'refunded'],
  ] as const)('%i paid with %i refunded is %s', (paid, refunded, status) => {
    expect(refundStatus({ paid, refunded })).toBe(status);
  });
});
