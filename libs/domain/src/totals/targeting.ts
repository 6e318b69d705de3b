import type { Targeting } from './totals-types.js';

export function targetsLine(targeting: Targeting, lineItemId: string): boolean {
  return targeting.scope === 'order' || targeting.line_item_ids.includes(lineItemId);
}
