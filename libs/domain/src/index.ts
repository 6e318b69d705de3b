export * from './core/decider.js';
export * from './core/decider-of.js';
export * from './core/domain-error.js';
export * from './core/iso-time.js';

export * from './ids.js';

export * from './money/currencies.js';
export * from './money/money.js';
export * from './money/money-errors.js';
export * from './money/percentage.js';
export * from './money/rounding.js';

export * from './totals/totals-types.js';
export { computeTotals } from './totals/compute-totals.js';
export * from './order/model/balance.js';
export * from './order/model/order-state.js';
export * from './order/model/order-events.js';
export * from './order/model/order-commands.js';
export * from './order/model/order-errors.js';
export * from './order/model/order-limits.js';
export { evolveOrder } from './order/evolve/order-evolve.js';
export { decideOrder, orderDecider } from './order/order-decider.js';
export { computeOrderTotals } from './order/rules/order-totals.js';

export * from './order/model/payment-state.js';
export * from './order/model/payment-events.js';
export * from './order/model/payment-commands.js';
export { PAYMENT_ERROR_KINDS } from './order/model/payment-errors.js';
export { heldAmount, hasPaymentInFlight } from './order/rules/payment-guards.js';
export { lineRefunds, refundableOf, type LineRefundFigures } from './order/rules/refund-lines.js';

export * from './order/model/invoice-state.js';
export * from './order/model/collection-events.js';
export * from './order/model/collection-commands.js';
export { COLLECTION_ERROR_KINDS } from './order/model/collection-errors.js';
export { activeInvoice, issuedInvoice, dueAt, collectibleNow, onlinePaymentResolving } from './order/rules/collection-guards.js';
export { invoiceStatus } from './order/rules/invoice-status.js';
export { DEFAULT_DAYS_UNTIL_DUE } from './order/decide/collection/create-invoice.js';
export * from './invoice-numbering/invoice-numbering.js';
export * from './order/checkout/index.js';

export * from './merchants/index.js';

// Test support (decider specs, fixtures, sequences) lives in ./testing: specs import it directly;
// it is not part of this entry point, so nothing in production can reach it (.dependency-cruiser.cjs).

export * from './customer/index.js';
export * from './billing/index.js';
export * from './payment-link/payment-link.js';
export * from './webhook-endpoint/index.js';
export * from './ledger/journal.js';
