export type { PaymentProcessor, ProcessorRecord } from './processor.port.js';
export * from './processor-requests.js';
export * from './processor-results.js';
export * from './processor-errors.js';

export type { CardBehaviour } from './cards/card-behaviour.js';
export { TEST_CARDS, TEST_TOKENS, TEST_TOKEN_EXPIRY, type TestCard, type TestToken } from './cards/test-cards.js';
export { passesLuhn } from './cards/luhn.js';

export { createProcessor, type CreateProcessorOptions } from './create-processor.js';
export { canRunSandboxThread } from './sandbox/threaded/threaded-sandbox-processor.js';
export { NotConfiguredProcessor } from './live/not-configured-processor.js';
export { SandboxProcessor, type SandboxProcessorOptions } from './sandbox/sandbox-processor.js';
export { SandboxInspector, type SandboxAuthorization, type SandboxCharge, type ChargeFilter } from './sandbox/sandbox-inspector.js';
export type { AuthorizationStatus } from './sandbox/sandbox-rows.js';
