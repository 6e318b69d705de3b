/** Injection tokens for the persistence ports. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SQLITE = Symbol('SQLITE');
/** The PostgreSQL pool for read models and service state (ORDO_READ_MODELS=postgres only). */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');
