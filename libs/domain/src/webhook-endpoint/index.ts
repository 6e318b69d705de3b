export * from './public-event-types.js';
export * from './delivery-policy.js';
export * from './webhook-errors.js';
export * from './webhook-url.js';
export * from './webhook-endpoint.js';
