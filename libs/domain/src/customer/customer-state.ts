import type { Metadata } from '../order/model/order-state.js';
import type { CardSummary } from '../order/model/payment-state.js';

/** A billing address; `country` is an ISO 3166-1 alpha-2 code. */
export interface Address {
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string;
}

/** What a saved method may be used for: with the buyer present only, or also without (off-session). */
export type PaymentMethodUsage = 'on_session' | 'off_session';

/** A card saved for a customer: the processor's token and what can be shown (brand, last4, expiry). */
export interface SavedPaymentMethod {
  id: string;
  card: CardSummary;
  usage: PaymentMethodUsage;
  saved_at: string;
  removed_at: string | null;
}

export interface CustomerDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  metadata: Metadata;
}

export type CustomerChanges = Partial<CustomerDetails>;

export interface ExistingCustomer extends CustomerDetails {
  status: 'active';
  id: string;
  /** The test clock whose time bills this customer (test mode); null = real time. */
  test_clock_id: string | null;
  created_at: string;
  updated_at: string;
  /** Oldest first, removed ones included (they stay visible in the history). */
  payment_methods: SavedPaymentMethod[];
  default_payment_method_id: string | null;
}

export type CustomerState = { status: 'none' } | ExistingCustomer;

export const initialCustomerState = (): CustomerState => ({ status: 'none' });
