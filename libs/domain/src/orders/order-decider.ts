import { assertNever, type Decider } from '../core/decider.js';
import { decideAddLineItem } from './commands/add-line-item.js';
import { decideApplyDiscount } from './commands/apply-discount.js';
import { decideApplyTax } from './commands/apply-tax.js';
import { decideCloseOrder } from './commands/close-order.js';
import { decideCreateOrder } from './commands/create-order.js';
import { decideRemoveDiscount } from './commands/remove-discount.js';
import { decideRemoveLineItem } from './commands/remove-line-item.js';
import { decideRemoveTax } from './commands/remove-tax.js';
import { decideRemoveTip } from './commands/remove-tip.js';
import { decideSetTip } from './commands/set-tip.js';
import { decideUpdateLineItem } from './commands/update-line-item.js';
import { decideUpdateOrderDetails } from './commands/update-order-details.js';
import { decideCreatePaymentIntent } from '../payments/commands/create-payment-intent.js';
import { decideAttachPaymentMethod } from '../payments/commands/attach-payment-method.js';
import { decideStartPaymentConfirmation } from '../payments/commands/start-payment-confirmation.js';
import { decideRecordAuthorizationOutcome } from '../payments/commands/record-authorization-outcome.js';
import { decideStartPaymentAction } from '../payments/commands/start-payment-action.js';
import { decideStartCapture } from '../payments/commands/start-capture.js';
import { decideRecordCaptureOutcome } from '../payments/commands/record-capture-outcome.js';
import { decideStartCancel } from '../payments/commands/start-cancel.js';
import { decideRecordVoidOutcome } from '../payments/commands/record-void-outcome.js';
import { decideExpireAuthorization } from '../payments/commands/expire-authorization.js';
import { decideRequestRefund } from '../payments/commands/request-refund.js';
import { decideRecordRefundOutcome } from '../payments/commands/record-refund-outcome.js';
import { decideCreateInvoice } from '../collection/commands/create-invoice.js';
import { decideUpdateInvoiceDraft } from '../collection/commands/update-invoice-draft.js';
import { decideIssueInvoice } from '../collection/commands/issue-invoice.js';
import { decideVoidInvoice } from '../collection/commands/void-invoice.js';
import { decideMarkInvoiceUncollectible } from '../collection/commands/mark-invoice-uncollectible.js';
import { decideSendInvoiceReminder } from '../collection/commands/send-invoice-reminder.js';
import { decideMarkInvoiceOverdue } from '../collection/commands/mark-invoice-overdue.js';
import { decideRecordManualPayment } from '../collection/commands/record-manual-payment.js';
import { decideReverseManualPayment } from '../collection/commands/reverse-manual-payment.js';
import { decideRecordManualRefund } from '../collection/commands/record-manual-refund.js';
import type { OrderCommand } from './order-commands.js';
import type { OrderEvent } from './order-events.js';
import { evolveOrder } from './order-evolve.js';
import { initialOrderState, type OrderState } from './order-state.js';
import { computeOrderTotals } from './order-totals.js';

/**
 * Decides a command, then computes the totals of the order as it would be after the new
 * events: a decision that would push any amount past MAX_AMOUNT is refused as a whole
 * (AMOUNT_TOO_LARGE), so no stored order ever has totals the engine cannot produce.
 */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  const events = decideCommand(command, state);
  const after = events.reduce<OrderState>((current, event) => evolveOrder(current, event), state);
  if (after.status !== 'none') computeOrderTotals(after);
  return events;
}

function decideCommand(command: OrderCommand, state: OrderState): OrderEvent[] {
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
