import { MAX_AMOUNT } from '../../../money/money.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, fixedTipSet, LI_1, lineItemAdded, malformed, NOW, OPEN_ORDER_WITH_A_LINE, ORDER_ID, orderCreated, usd } from '../../../testing/order-fixtures.js';
import type { TipInput } from '../../model/order-commands.js';
import { orderDecider } from '../../order-decider.js';

const spec = deciderSpec(orderDecider);
const setTip = (tip: unknown) => command('SetTip', { order_id: ORDER_ID, tip: malformed<TipInput>(tip) });

describe('SetTip', () => {
  it('sets a fixed tip', () => {
    spec
      .given(OPEN_ORDER_WITH_A_LINE)
      .when(setTip({ type: 'fixed', amount_money: usd(150) }))
      .then([{ type: 'TipSet', data: { order_id: ORDER_ID, type: 'fixed', amount_money: usd(150), percentage: null, occurred_at: NOW } }]);
  });

  it('replaces an existing tip with a percentage tip', () => {
    spec
      .given([...OPEN_ORDER_WITH_A_LINE, fixedTipSet(200)])
      .when(setTip({ type: 'percentage', percentage: '18' }))
      .then([{ type: 'TipSet', data: { order_id: ORDER_ID, type: 'percentage', amount_money: null, percentage: '18', occurred_at: NOW } }]);
  });

  it.each([
    ['rejects an unknown type with INVALID_TIP', 'INVALID_TIP', 'tip.type', { type: 'round_up' }],
    ['rejects a fixed tip without amount_money with INVALID_TIP', 'INVALID_TIP', 'tip.amount_money', { type: 'fixed' }],
    ['rejects a fixed tip with a percentage with INVALID_TIP', 'INVALID_TIP', 'tip.percentage', { type: 'fixed', amount_money: usd(1), percentage: '5' }],
    ['rejects a percentage tip without percentage with INVALID_TIP', 'INVALID_TIP', 'tip.percentage', { type: 'percentage' }],
    ['rejects a percentage tip with amount_money with INVALID_TIP', 'INVALID_TIP', 'tip.amount_money', { type: 'percentage', percentage: '5', amount_money: usd(1) }],
    ['rejects a tip that is not an object with INVALID_REQUEST', 'INVALID_REQUEST', 'tip', 150],
    ['rejects a 0 % tip with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tip.percentage', { type: 'percentage', percentage: '0' }],
    ['rejects a tip over 100 % with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tip.percentage', { type: 'percentage', percentage: '101' }],
    ['rejects a fixed tip in another currency with CURRENCY_MISMATCH', 'CURRENCY_MISMATCH', 'tip.amount_money.currency', { type: 'fixed', amount_money: { amount: 1, currency: 'JPY' } }],
    ['rejects a fractional fixed tip with INVALID_AMOUNT', 'INVALID_AMOUNT', 'tip.amount_money.amount', { type: 'fixed', amount_money: usd(0.5) }],
  ])('%s', (_name, code, field, tip) => {
    spec.given(OPEN_ORDER_WITH_A_LINE).when(setTip(tip)).thenThrows(code, { field });
  });

  it('rejects a tip that would push the total over MAX_AMOUNT with AMOUNT_TOO_LARGE', () => {
    spec
      .given([orderCreated(), lineItemAdded(LI_1, { unit_price_money: usd(MAX_AMOUNT) })])
      .when(setTip({ type: 'fixed', amount_money: usd(1) }))
      .thenThrows('AMOUNT_TOO_LARGE');
  });
});
