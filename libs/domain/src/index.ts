export * from './core/decider.js'; export * from './core/domain-error.js';
