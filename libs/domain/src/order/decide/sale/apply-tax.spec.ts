import { deciderSpec } from '../../../testing/decider-spec.js';
import { command, LI_1, LI_2, lineItemAdded, malformed, NOW, nthId, OPEN_ORDER_WITH_A_LINE, ORDER_ID, TAX_1, TAX_2, taxApplied } from '../../../testing/order-fixtures.js';
import type { TaxInput } from '../../model/order-commands.js';
import { orderDecider } from '../../order-decider.js';
import type { TaxApplied } from '../../model/order-events.js';

const spec = deciderSpec(orderDecider);
const TWO_LINES = [...OPEN_ORDER_WITH_A_LINE, lineItemAdded(LI_2)];
const tax = (overrides: Record<string, unknown> = {}) => malformed<TaxInput>({ id: TAX_1, name: 'Sales tax', percentage: '8.875', inclusion: 'additive', ...overrides });
const applyTax = (input: TaxInput) => command('ApplyTax', { order_id: ORDER_ID, tax: input });
const applied = (overrides: Partial<TaxApplied['data']> = {}): TaxApplied => ({
  type: 'TaxApplied',
  data: { order_id: ORDER_ID, tax_id: TAX_1, name: 'Sales tax', percentage: '8.875', inclusion: 'additive', scope: 'order', line_item_ids: [], occurred_at: NOW, ...overrides },
});

describe('ApplyTax', () => {
  it('applies an additive tax to the whole order', () => {
    spec.given(TWO_LINES).when(applyTax(tax())).then([applied()]);
  });

  it('applies an inclusive tax to chosen line items', () => {
    spec
      .given(TWO_LINES)
      .when(applyTax(tax({ inclusion: 'inclusive', percentage: '20', line_item_ids: [LI_1] })))
      .then([applied({ inclusion: 'inclusive', percentage: '20', scope: 'line_items', line_item_ids: [LI_1] })]);
  });

  it('accepts a 100 % tax', () => {
    spec.given(TWO_LINES).when(applyTax(tax({ percentage: '100' }))).then([applied({ percentage: '100' })]);
  });

  it.each([
    ['rejects a tax id with another prefix with INVALID_ID', 'INVALID_ID', 'tax.id', { id: nthId('dsc_', 1) }],
    ['rejects a malformed target id with INVALID_ID', 'INVALID_ID', 'tax.line_item_ids[0]', { line_item_ids: [42] }],
    ['rejects a target list that is not a list with INVALID_REQUEST', 'INVALID_REQUEST', 'tax.line_item_ids', { line_item_ids: { 0: LI_1 } }],
    ['rejects a 256-character name with INVALID_NAME', 'INVALID_NAME', 'tax.name', { name: 'x'.repeat(256) }],
    ['rejects a 0 % tax with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tax.percentage', { percentage: '0' }],
    ['rejects a tax over 100 % with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tax.percentage', { percentage: '100.0001' }],
    ['rejects a comma decimal with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tax.percentage', { percentage: '8,875' }],
    ['rejects a missing percentage with INVALID_PERCENTAGE', 'INVALID_PERCENTAGE', 'tax.percentage', { percentage: undefined }],
    ['rejects an unknown inclusion with INVALID_TAX_INCLUSION', 'INVALID_TAX_INCLUSION', 'tax.inclusion', { inclusion: 'exclusive' }],
    ['rejects a missing inclusion with INVALID_TAX_INCLUSION', 'INVALID_TAX_INCLUSION', 'tax.inclusion', { inclusion: undefined }],
    ['rejects a tax on a line not on the order with TAX_TARGET_NOT_FOUND', 'TAX_TARGET_NOT_FOUND', 'tax.line_item_ids[1]', { line_item_ids: [LI_1, nthId('li_', 99)] }],
  ])('%s', (_name, code, field, input) => {
    spec.given(TWO_LINES).when(applyTax(tax(input))).thenThrows(code, { field });
  });

  it('rejects an id already on the order with TAX_ALREADY_EXISTS', () => {
    spec.given([...TWO_LINES, taxApplied(TAX_1)]).when(applyTax(tax())).thenThrows('TAX_ALREADY_EXISTS', { kind: 'conflict', field: 'tax.id' });
  });

  it('rejects a 21st tax with TOO_MANY_TAXES', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => taxApplied(nthId('tax_', i + 100), '1'));
    spec.given([...TWO_LINES, ...twenty]).when(applyTax(tax({ id: TAX_2 }))).thenThrows('TOO_MANY_TAXES', { kind: 'business' });
  });
});
