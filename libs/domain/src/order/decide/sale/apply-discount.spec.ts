import { MAX_AMOUNT } from '../../../money/money.js';
import { deciderSpec } from '../../../testing/decider-spec.js';
import {
  command,
  DSC_1,
  DSC_2,
  fixedDiscountApplied,
  LI_1,
  LI_2,
  lineItemAdded,
  malformed,
  NOW,
  nthId,
  OPEN_ORDER_WITH_A_LINE,
  ORDER_ID,
  usd,
} from '../../../testing/order-fixtures.js';
import type { DiscountInput } from '../../model/order-commands.js';
import { orderDecider } from '../../order-decider.js';
import type { DiscountApplied } from '../../model/order-events.js';

const spec = deciderSpec(orderDecider);
const TWO_LINES = [...OPEN_ORDER_WITH_A_LINE, lineItemAdded(LI_2)];
const discount = (overrides: Record<string, unknown> = {}) => malformed<DiscountInput>({ id: DSC_1, name: 'Welcome', type: 'fixed', amount_money: usd(100), ...overrides });
const applyDiscount = (input: DiscountInput) => command('ApplyDiscount', { order_id: ORDER_ID, discount: input });
const applied = (overrides: Partial<DiscountApplied['data']>): DiscountApplied =>
  malformed({
    type: 'DiscountApplied',
    data: { order_id: ORDER_ID, discount_id: DSC_1, name: 'Welcome', type: 'fixed', amount_money: usd(100), percentage: null, scope: 'order', line_item_ids: [], occurred_at: NOW, ...overrides },
  });

describe('ApplyDiscount', () => {
  it('applies a fixed discount to the whole order', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount())).then([applied({})]);
  });

  it('applies a percentage discount to chosen line items', () => {
    spec
      .given(TWO_LINES)
      .when(applyDiscount(discount({ type: 'percentage', amount_money: undefined, percentage: '12.5', line_item_ids: [LI_2] })))
      .then([applied({ type: 'percentage', amount_money: null, percentage: '12.5', scope: 'line_items', line_item_ids: [LI_2] })]);
  });

  it('treats an empty target list as the whole order', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount({ line_item_ids: [] }))).then([applied({ scope: 'order', line_item_ids: [] })]);
  });

  it('keeps a repeated target once', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount({ line_item_ids: [LI_2, LI_1, LI_2] }))).then([applied({ scope: 'line_items', line_item_ids: [LI_2, LI_1] })]);
  });

  it('accepts a null for the field the type does not use', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount({ percentage: null }))).then([applied({})]);
  });

  it('accepts a fixed discount larger than the order (it is capped when totals are computed)', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount({ amount_money: usd(MAX_AMOUNT) }))).then([applied({ amount_money: usd(MAX_AMOUNT) })]);
  });

  it.each([
    ['rejects a discount id with another prefix with INVALID_ID', 'INVALID_ID', 'discount.id', { id: nthId('tax_', 1) }],
    ['rejects a malformed target id with INVALID_ID', 'INVALID_ID', 'discount.line_item_ids[1]', { line_item_ids: [LI_1, 'li_x'] }],
    ['rejects a target list that is not a list with INVALID_REQUEST', 'INVALID_REQUEST', 'discount.line_item_ids', { line_item_ids: LI_1 }],
    ['rejects a blank name with INVALID_NAME', 'INVALID_NAME', 'discount.name', { name: '' }],
    ['rejects an unknown type with INVALID_DISCOUNT', 'INVALID_DISCOUNT', 'discount.type', { type: 'bogo' }],
    ['rejects a fixed discount without amount_money with INVALID_DISCOUNT', 'INVALID_DISCOUNT', 'discount.amount_money', { amount_money: undefined }],
    ['rejects a fixed discount with a percentage with INVALID_DISCOUNT', 'INVALID_DISCOUNT', 'discount.percentage', { percentage: '10' }],
    ['rejects a percentage discount without percentage with INVALID_DISCOUNT', 'INVALID_DISCOUNT', 'discount.percentage', { type: 'percentage', amount_money: null }],
    ['rejects a percentage discount with amount_money with INVALID_DISCOUNT', 'INVALID_DISCOUNT', 'discount.amount_money', { type: 'percentage', percentage: '10' }],
    ['rejects a 0 % discount with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'discount.percentage', { type: 'percentage', amount_money: null, percentage: '0' }],
    ['rejects a discount over 100 % with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'discount.percentage', { type: 'percentage', amount_money: null, percentage: '100.5' }],
    ['rejects a percentage sent as a number with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'discount.percentage', { type: 'percentage', amount_money: null, percentage: 10 }],
    ['rejects a percentage with five decimals with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'discount.percentage', { type: 'percentage', amount_money: null, percentage: '1.23456' }],
    ['rejects a fixed discount in another currency with CURRENCY_MISMATCH', 'CURRENCY_MISMATCH', 'discount.amount_money.currency', { amount_money: { amount: 100, currency: 'EUR' } }],
    ['rejects a fixed discount with a negative amount with INVALID_AMOUNT', 'INVALID_AMOUNT', 'discount.amount_money.amount', { amount_money: usd(-100) }],
    ['rejects a discount on a line not on the order with DISCOUNT_TARGET_NOT_FOUND', 'DISCOUNT_TARGET_NOT_FOUND', 'discount.line_item_ids[0]', { line_item_ids: [nthId('li_', 99)] }],
  ])('%s', (_name, code, field, input) => {
    spec.given(TWO_LINES).when(applyDiscount(discount(input))).thenThrows(code, { field });
  });

  it('rejects a missing discount with INVALID_REQUEST', () => {
    spec.given(TWO_LINES).when(applyDiscount(malformed(null))).thenThrows('INVALID_REQUEST', { field: 'discount' });
  });

  it('rejects an id already on the order with DISCOUNT_ALREADY_EXISTS', () => {
    spec.given([...TWO_LINES, fixedDiscountApplied(DSC_1)]).when(applyDiscount(discount())).thenThrows('DISCOUNT_ALREADY_EXISTS', { kind: 'conflict', field: 'discount.id' });
  });

  it('reports DISCOUNT_TARGET_NOT_FOUND as a business rule', () => {
    spec.given(TWO_LINES).when(applyDiscount(discount({ line_item_ids: [nthId('li_', 99)] }))).thenThrows('DISCOUNT_TARGET_NOT_FOUND', { kind: 'business' });
  });

  it('rejects a 21st discount with TOO_MANY_DISCOUNTS', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => fixedDiscountApplied(nthId('dsc_', i + 100)));
    spec.given([...TWO_LINES, ...twenty]).when(applyDiscount(discount({ id: DSC_2 }))).thenThrows('TOO_MANY_DISCOUNTS', { kind: 'business' });
  });
});
