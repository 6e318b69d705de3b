/** A public event about to be recorded: its type, the object it is about and that object's snapshot. */
export interface PublicEventDraft {
  type: string;
  object_id: string;
  /** The order it belongs to (payments, refunds, invoices, sessions), so the feed can filter by order. */
  order_id: string | null;
  object: Record<string, unknown>;
}

/** URLs a resource gets at read time (hosted pages), added to snapshots too, so a payload equals what GET shows. */
export interface ResourceLinks {
  invoice(payToken: string | null): string | null;
  checkoutSession(payToken: string): string;
  challenge(paymentIntentId: string): string;
}

/** The facts of one append (one command's outcome), in order: what a derivation compares before and after. */
export type AppendedFacts = readonly { type: string; data: Record<string, unknown> }[];

/** Whether one of the facts has this type and names this id in `field`. */
export function named(facts: AppendedFacts, type: string, field: string, id: string): boolean {
  return facts.some((f) => f.type === type && f.data[field] === id);
}
