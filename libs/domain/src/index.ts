export * from './core/decider.js';
export * from './core/domain-error.js';
export * from './core/iso-time.js';

export * from './ids.js';

export * from './money/currencies.js';
export * from './money/money.js';
export * from './money/money-errors.js';
export * from './money/percentage.js';
export * from './money/rounding.js';

export * from './orders/totals/totals-types.js';
export { computeTotals } from './orders/totals/compute-totals.js';
export * from './orders/balance.js';
export * from './orders/order-state.js';
export * from './orders/order-events.js';
export * from './orders/order-commands.js';
export * from './orders/order-errors.js';
export * from './orders/order-limits.js';
export { evolveOrder } from './orders/order-evolve.js';
export { decideOrder, orderDecider } from './orders/order-decider.js';
export { computeOrderTotals } from './orders/order-totals.js';

export * from './payments/payment-state.js';
export * from './payments/payment-events.js';
export * from './payments/payment-commands.js';
export { PAYMENT_ERROR_KINDS } from './payments/payment-errors.js';
export { heldAmount, hasPaymentInFlight } from './payments/payment-guards.js';
export { lineRefunds, refundableOf, type LineRefundFigures } from './payments/refund-lines.js';

export * from './collection/invoice-state.js';
export * from './collection/collection-events.js';
export * from './collection/collection-commands.js';
export { COLLECTION_ERROR_KINDS } from './collection/collection-errors.js';
export { activeInvoice, issuedInvoice, dueAt } from './collection/collection-guards.js';
export { invoiceStatus } from './collection/invoice-status.js';
export { DEFAULT_DAYS_UNTIL_DUE } from './collection/commands/create-invoice.js';
export * from './collection/invoice-numbering.js';

export * from './merchants/index.js';

// Test support (decider specs, fixtures, sequences) lives in ./testing: specs import it directly;
// it is not part of this entry point, so nothing in production can reach it (.dependency-cruiser.cjs).
