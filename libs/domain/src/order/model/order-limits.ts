/** How much one order may hold; generous for real sales, bounded so totals stay cheap. */
export const MAX_LINE_ITEMS = 250;
export const MAX_DISCOUNTS = 20;
export const MAX_TAXES = 20;
