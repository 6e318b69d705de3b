/** Injection tokens for the persistence ports. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SQLITE = Symbol('SQLITE');
