import { deciderOf } from '../core/decider-of.js';
import { decideCreateCustomer, evolveCustomerCreated, type CreateCustomer, type CustomerCreated } from './commands/create-customer.js';
import { decideRemovePaymentMethod, evolvePaymentMethodRemoved, type PaymentMethodRemoved, type RemovePaymentMethod } from './commands/remove-payment-method.js';
import { decideSavePaymentMethod, evolvePaymentMethodSaved, type PaymentMethodSaved, type SavePaymentMethod } from './commands/save-payment-method.js';
import { decideSetDefaultPaymentMethod, evolveDefaultPaymentMethodSet, type DefaultPaymentMethodSet, type SetDefaultPaymentMethod } from './commands/set-default-payment-method.js';
import { decideUpdateCustomer, evolveCustomerUpdated, type CustomerUpdated, type UpdateCustomer } from './commands/update-customer.js';
import { initialCustomerState, type CustomerState } from './customer-state.js';

/*
 * The customer aggregate, one stream per customer: contact details and saved payment methods.
 * Each command lives in ./commands with its events, its decide and its evolve; a new command is
 * a new file there plus a line in each union and table below.
 */
export type CustomerCommand = CreateCustomer | UpdateCustomer | SavePaymentMethod | SetDefaultPaymentMethod | RemovePaymentMethod;
export type CustomerEvent = CustomerCreated | CustomerUpdated | PaymentMethodSaved | DefaultPaymentMethodSet | PaymentMethodRemoved;
export type CustomerEventType = CustomerEvent['type'];

const EVENT_TYPES: { [T in CustomerEventType]: T } = {
  CustomerCreated: 'CustomerCreated',
  CustomerUpdated: 'CustomerUpdated',
  PaymentMethodSaved: 'PaymentMethodSaved',
  DefaultPaymentMethodSet: 'DefaultPaymentMethodSet',
  PaymentMethodRemoved: 'PaymentMethodRemoved',
};

/** The stable wire names of every customer event. */
export const CUSTOMER_EVENT_TYPES: readonly CustomerEventType[] = Object.freeze(Object.values(EVENT_TYPES));

export const customerDecider = deciderOf<CustomerCommand, CustomerEvent, CustomerState>(
  {
    CreateCustomer: decideCreateCustomer,
    UpdateCustomer: decideUpdateCustomer,
    SavePaymentMethod: decideSavePaymentMethod,
    SetDefaultPaymentMethod: decideSetDefaultPaymentMethod,
    RemovePaymentMethod: decideRemovePaymentMethod,
  },
  {
    CustomerCreated: evolveCustomerCreated,
    CustomerUpdated: evolveCustomerUpdated,
    PaymentMethodSaved: evolvePaymentMethodSaved,
    DefaultPaymentMethodSet: evolveDefaultPaymentMethodSet,
    PaymentMethodRemoved: evolvePaymentMethodRemoved,
  },
  initialCustomerState,
);
