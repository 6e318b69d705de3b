export * from './merchant.decider.js';
