export * from './checkout-model.js';
export { openSession, requirePayableSession } from './checkout-guards.js';
export { MIN_SESSION_MINUTES, MAX_SESSION_HOURS } from './open-checkout-session.js';
