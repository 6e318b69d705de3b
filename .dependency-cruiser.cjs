/**
 * Import rules that keep the layers honest (issue 16.4), checked by `npm test` (npm run lint:deps).
 * The domain is pure TypeScript: no Nest, no I/O, no adapters, nothing of the app. Inside it the
 * shared kernel (core, money) never reaches up into an aggregate. Test helpers never reach
 * production code.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-no-framework-or-io',
      comment: 'libs/domain decides from commands and state only: no Nest, no database, no network, no file system',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: {
        path: 'node_modules/(@nestjs|better-sqlite3|kysely|pino|pino-http|@kurrent|express|fastify|rxjs|class-validator|class-transformer|reflect-metadata)/',
      },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: ['\\.spec\\.ts$', '/testing/'] },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|cluster|dgram|dns|os|tls|crypto)$' },
    },
    {
      name: 'domain-no-outer-layers',
      comment: 'the domain depends on nothing of the app or the adapters; they depend on it',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: { path: '^(apps/|libs/(event-store|processor)/)' },
    },
    {
      name: 'kernel-no-upward',
      comment: 'core, money and the totals engine are below every aggregate: they never import one',
      severity: 'error',
      from: { path: '^libs/domain/src/(core|money|totals)/' },
      to: { path: '^libs/domain/src/(order|customer|billing|merchants|invoice-numbering)/' },
    },
    {
      name: 'order-not-on-customer',
      comment: 'the order aggregate decides alone: a customer rule is asked by the application, never imported by an order decider',
      severity: 'error',
      from: { path: '^libs/domain/src/order/' },
      to: { path: '^libs/domain/src/customer/' },
    },
    {
      name: 'order-model-no-upward',
      comment: 'inside the order aggregate: model (state, events, commands, errors) → rules → decide, evolve → decider; never upwards',
      severity: 'error',
      from: { path: '^libs/domain/src/order/model/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/order/(rules|decide|evolve)/|^libs/domain/src/order/order-decider' },
    },
    {
      name: 'order-rules-no-upward',
      severity: 'error',
      from: { path: '^libs/domain/src/order/rules/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/order/(decide|evolve)/|^libs/domain/src/order/order-decider' },
    },
    {
      name: 'order-decide-and-evolve-apart',
      comment: 'commands and evolve sit below the decider that composes them (a compound command may fold its own events with evolve)',
      severity: 'error',
      from: { path: '^libs/domain/src/order/(decide|evolve)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/order/order-decider' },
    },
    {
      name: 'order-evolve-no-decide',
      comment: 'evolve only applies facts: it never reaches for a decision',
      severity: 'error',
      from: { path: '^libs/domain/src/order/evolve/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/domain/src/order/decide/' },
    },

    {
      name: 'libs-no-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-test-helpers-in-production',
      comment: 'testing/ folders serve specs only and are not in the build output',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.spec\\.ts$', '/testing/'] },
      to: { path: '/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
