import type { DiscountInput, LineItemInput, TaxInput, TipInput } from '#ordo/domain';
import { ApiError } from '../../platform/api-error.js';
import type { IdMinter } from '../../platform/ids.js';
import type { DiscountInputDto, LineItemInputDto, TaxInputDto, TipInputDto } from './order-inputs.dto.js';

/**
 * Request DTOs → domain command inputs. Ids are minted here (the domain never makes ids);
 * `line_item_refs` of a create request are resolved to the ids minted for those lines.
 */
export function toLineItem(dto: LineItemInputDto, ids: IdMinter): LineItemInput {
  return {
    id: ids.next('li_'),
    name: dto.name,
    quantity: dto.quantity,
    unit_price_money: { amount: dto.unit_price_money.amount, currency: dto.unit_price_money.currency },
    ...(dto.sku !== undefined ? { sku: dto.sku } : {}),
    ...(dto.metadata !== undefined ? { metadata: dto.metadata } : {}),
  };
}

export type RefMap = ReadonlyMap<string, string>;

function targets(dto: { line_item_ids?: string[]; line_item_refs?: string[] }, refs: RefMap | undefined, field: string): string[] | undefined {
  if (dto.line_item_refs !== undefined) {
    if (!refs) throw new ApiError(400, 'UNKNOWN_FIELD', 'line_item_refs is only accepted when creating an order', `${field}.line_item_refs`);
    return dto.line_item_refs.map((ref, i) => {
      const id = refs.get(ref);
      if (!id) throw new ApiError(400, 'UNKNOWN_LINE_ITEM_REF', `no line item with ref "${ref}" in this request`, `${field}.line_item_refs[${i}]`);
      return id;
    });
  }
  return dto.line_item_ids;
}

export function toDiscount(dto: DiscountInputDto, ids: IdMinter, field: string, refs?: RefMap): DiscountInput {
  const lineItemIds = targets(dto, refs, field);
  return {
    id: ids.next('dsc_'),
    name: dto.name,
    // Exactly one of amount_money/percentage decides the type; both or neither is refused by the domain.
    type: dto.amount_money ? 'fixed' : 'percentage',
    ...(dto.amount_money ? { amount_money: { ...dto.amount_money } } : {}),
    ...(dto.percentage !== undefined ? { percentage: dto.percentage } : {}),
    ...(lineItemIds ? { line_item_ids: lineItemIds } : {}),
  };
}

export function toTax(dto: TaxInputDto, ids: IdMinter, field: string, refs?: RefMap): TaxInput {
  const lineItemIds = targets(dto, refs, field);
  return {
    id: ids.next('tax_'),
    name: dto.name,
    percentage: dto.percentage,
    inclusion: dto.inclusion ?? 'additive',
    ...(lineItemIds ? { line_item_ids: lineItemIds } : {}),
  };
}

export function toTip(dto: TipInputDto): TipInput {
  return dto.amount_money
    ? { type: 'fixed', amount_money: { ...dto.amount_money }, ...(dto.percentage !== undefined ? { percentage: dto.percentage } : {}) }
    : { type: 'percentage', ...(dto.percentage !== undefined ? { percentage: dto.percentage } : {}) };
}
