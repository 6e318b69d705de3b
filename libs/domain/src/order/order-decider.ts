import { assertNever, type Decider } from '../core/decider.js';
import { decideAddLineItem } from './decide/sale/add-line-item.js';
import { decideApplyDiscount } from './decide/sale/apply-discount.js';
import { decideApplyTax } from './decide/sale/apply-tax.js';
import { decideCloseOrder } from './decide/sale/close-order.js';
import { decideWriteOffBalance } from './decide/sale/write-off-balance.js';
import { decideCreateOrder } from './decide/sale/create-order.js';
import { decideRemoveDiscount } from './decide/sale/remove-discount.js';
import { decideRemoveLineItem } from './decide/sale/remove-line-item.js';
import { decideRemoveTax } from './decide/sale/remove-tax.js';
import { decideRemoveTip } from './decide/sale/remove-tip.js';
import { decideSetTip } from './decide/sale/set-tip.js';
import { decideUpdateLineItem } from './decide/sale/update-line-item.js';
import { decideUpdateOrderDetails } from './decide/sale/update-order-details.js';
import { decideCreatePaymentIntent } from './decide/payments/create-payment-intent.js';
import { decideAttachPaymentMethod } from './decide/payments/attach-payment-method.js';
import { decideStartPaymentConfirmation } from './decide/payments/start-payment-confirmation.js';
import { decideRecordAuthorizationOutcome } from './decide/payments/record-authorization-outcome.js';
import { decideStartPaymentAction } from './decide/payments/start-payment-action.js';
import { decideStartCapture } from './decide/payments/start-capture.js';
import { decideRecordCaptureOutcome } from './decide/payments/record-capture-outcome.js';
import { decideStartCancel } from './decide/payments/start-cancel.js';
import { decideRecordVoidOutcome } from './decide/payments/record-void-outcome.js';
import { decideExpireAuthorization } from './decide/payments/expire-authorization.js';
import { decideRequestRefund } from './decide/payments/request-refund.js';
import { decideRecordRefundOutcome } from './decide/payments/record-refund-outcome.js';
import { decideCreateInvoice } from './decide/collection/create-invoice.js';
import { decideUpdateInvoiceDraft } from './decide/collection/update-invoice-draft.js';
import { decideIssueInvoice } from './decide/collection/issue-invoice.js';
import { decideVoidInvoice } from './decide/collection/void-invoice.js';
import { decideMarkInvoiceUncollectible } from './decide/collection/mark-invoice-uncollectible.js';
import { decideSendInvoiceReminder } from './decide/collection/send-invoice-reminder.js';
import { decideMarkInvoiceOverdue } from './decide/collection/mark-invoice-overdue.js';
import { decideRecordManualPayment } from './decide/collection/record-manual-payment.js';
import { decideReverseManualPayment } from './decide/collection/reverse-manual-payment.js';
import { decideRecordManualRefund } from './decide/collection/record-manual-refund.js';
import type { OrderCommand } from './model/order-commands.js';
import type { OrderEvent } from './model/order-events.js';
import { evolveOrder } from './evolve/order-evolve.js';
import { initialOrderState, type OrderState } from './model/order-state.js';
import { computeOrderTotals } from './rules/order-totals.js';
import { isCheckoutCommand } from './checkout/checkout-model.js';
import { decideCheckout } from './checkout/checkout-decider.js';
import { checkoutFollowUps } from './checkout/complete-on-payment.js';

/**
 * Decides a command, then computes the totals of the order as it would be after the new
 * events: a decision that would push any amount past MAX_AMOUNT is refused as a whole
 * (AMOUNT_TOO_LARGE), so no stored order ever has totals the engine cannot produce. What the
 * decision means for an open checkout session (completed, closed) is appended with it.
 */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  const decided = decideCommand(command, state);
  const settled = decided.reduce<OrderState>((current, event) => evolveOrder(current, event), state);
  const followUps = checkoutFollowUps(settled, decided, command.now);
  const after = followUps.reduce<OrderState>((current, event) => evolveOrder(current, event), settled);
  if (after.status !== 'none') computeOrderTotals(after);
  return [...decided, ...followUps];
}

function decideCommand(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (isCheckoutCommand(command)) return decideCheckout(command, state);
  switch (command.type) {
    case 'CreateOrder':
      return decideCreateOrder(command, state);
    case 'AddLineItem':
      return decideAddLineItem(command, state);
    case 'UpdateLineItem':
      return decideUpdateLineItem(command, state);
    case 'RemoveLineItem':
      return decideRemoveLineItem(command, state);
    case 'ApplyDiscount':
      return decideApplyDiscount(command, state);
    case 'RemoveDiscount':
      return decideRemoveDiscount(command, state);
    case 'ApplyTax':
      return decideApplyTax(command, state);
    case 'RemoveTax':
      return decideRemoveTax(command, state);
    case 'SetTip':
      return decideSetTip(command, state);
    case 'RemoveTip':
      return decideRemoveTip(command, state);
    case 'UpdateOrderDetails':
      return decideUpdateOrderDetails(command, state);
    case 'CloseOrder':
      return decideCloseOrder(command, state);
    case 'WriteOffBalance':
      return decideWriteOffBalance(command, state);
    case 'CreatePaymentIntent':
      return decideCreatePaymentIntent(command, state);
    case 'AttachPaymentMethod':
      return decideAttachPaymentMethod(command, state);
    case 'StartPaymentConfirmation':
      return decideStartPaymentConfirmation(command, state);
    case 'RecordAuthorizationOutcome':
      return decideRecordAuthorizationOutcome(command, state);
    case 'StartPaymentAction':
      return decideStartPaymentAction(command, state);
    case 'StartCapture':
      return decideStartCapture(command, state);
    case 'RecordCaptureOutcome':
      return decideRecordCaptureOutcome(command, state);
    case 'StartCancel':
      return decideStartCancel(command, state);
    case 'RecordVoidOutcome':
      return decideRecordVoidOutcome(command, state);
    case 'ExpireAuthorization':
      return decideExpireAuthorization(command, state);
    case 'RequestRefund':
      return decideRequestRefund(command, state);
    case 'RecordRefundOutcome':
      return decideRecordRefundOutcome(command, state);
    case 'CreateInvoice':
      return decideCreateInvoice(command, state);
    case 'UpdateInvoiceDraft':
      return decideUpdateInvoiceDraft(command, state);
    case 'IssueInvoice':
      return decideIssueInvoice(command, state);
    case 'VoidInvoice':
      return decideVoidInvoice(command, state);
    case 'MarkInvoiceUncollectible':
      return decideMarkInvoiceUncollectible(command, state);
    case 'SendInvoiceReminder':
      return decideSendInvoiceReminder(command, state);
    case 'MarkInvoiceOverdue':
      return decideMarkInvoiceOverdue(command, state);
    case 'RecordManualPayment':
      return decideRecordManualPayment(command, state);
    case 'ReverseManualPayment':
      return decideReverseManualPayment(command, state);
    case 'RecordManualRefund':
      return decideRecordManualRefund(command, state);
    default:
      return assertNever(command);
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  decide: decideOrder,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
