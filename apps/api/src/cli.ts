import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DomainError } from '#ordo/domain';
import { AppModule } from './app.module.js';
import { ProjectionRunner } from './application/projections/projection-runner.js';
import { ProjectionProgress } from './application/projections/projection-progress.js';
import { loadConfig } from './config/ordo-config.js';
import { MerchantsService } from './merchants/merchants.service.js';
import { exportJournal } from './finance/journal-export.js';
import { runReconcile } from './finance/reconcile-command.js';
import { runPostgresReplay, runReplay } from './application/projections/replay-command.js';
import { ServerSecrets } from './platform/server-secrets.js';
import type { SqlitePersistence } from './persistence/sqlite-persistence.js';
import { EVENT_STORE, SQLITE } from './persistence/tokens.js';
import { READ_DB, type ReadDb } from './persistence/read-db.js';
import type { EventStore } from '#ordo/event-store';

const USAGE = `Ordo administration (works on the same database file as the server: ORDO_DATA_DIR / ORDO_DATABASE_FILE)

  npm run cli -- merchant:create <name>             create a merchant and a test-mode key
  npm run cli -- merchant:list                      merchants and their keys (hints only)
  npm run cli -- key:create <merchant_id> <test|live>  create an API key (shown once)
  npm run cli -- key:revoke <merchant_id> <key_id>  revoke a key
  npm run cli -- projections:rebuild                rebuild every read model from the log, in place
  npm run cli -- replay                             rebuild every read model from the log into fresh tables
                                                    and swap them in (safe while the server runs)
  npm run cli -- reconcile [--format=json|csv] [--out=FILE]
                                                    recompute orders, invoices, payments and refunds from the
                                                    log and list every difference with the read models
                                                    (exit 2 when there is one)
  npm run cli -- journal:export [--out=FILE]        the double-entry journal as CSV (every line, in log order)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  // Commands never run the scheduled jobs: a serving process does.
  // (Nor do they take payments: no sandbox thread, which also kept a failing command's exit code from reaching the shell.)
  const config = loadConfig(process.env, { projectionPollMs: 0, workers: false, sandboxThread: false, sqliteWriterThread: false });
  // The PostgreSQL read models need none of the embedded service.
  if (command === 'replay' && config.readModels === 'postgres') return runPostgresReplay(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: false });
  try {
    await app.get(ProjectionProgress).start();
    const merchants = app.get(MerchantsService);
    switch (command) {
      case 'merchant:create': {
        const name = args.join(' ').trim();
        if (!name) throw new Error('merchant:create needs a name');
        const { merchantId } = await merchants.createMerchant(name);
        const { keyId, key } = await merchants.createApiKey(merchantId, 'test');
        process.stdout.write(`merchant ${merchantId}\ntest key ${keyId} (shown once): ${key}\n`);
        return 0;
      }
      case 'merchant:list':
        process.stdout.write(JSON.stringify(await merchants.list(), null, 2) + '\n');
        return 0;
      case 'key:create': {
        const [merchantId, mode] = args;
        if (!merchantId || (mode !== 'test' && mode !== 'live')) throw new Error('key:create <merchant_id> <test|live>');
        const { keyId, key } = await merchants.createApiKey(merchantId, mode);
        process.stdout.write(`${mode} key ${keyId} (shown once): ${key}\n`);
        return 0;
      }
      case 'key:revoke': {
        const [merchantId, keyId] = args;
        if (!merchantId || !keyId) throw new Error('key:revoke <merchant_id> <key_id>');
        await merchants.revokeApiKey(merchantId, keyId);
        process.stdout.write(`revoked ${keyId}\n`);
        return 0;
      }
      case 'journal:export':
        return await exportJournal(app.get<SqlitePersistence>(SQLITE), args);
      case 'reconcile':
        return await runReconcile(app.get<ReadDb>(READ_DB), app.get<EventStore>(EVENT_STORE), args);
      case 'replay':
        // Awaited here: a bare `return promise` would let `finally` close the app while it runs.
        return await runReplay(app.get<SqlitePersistence>(SQLITE), config, app.get(ServerSecrets).idSecret);
      case 'projections:rebuild':
        if (config.readModels === 'postgres') throw new Error('projections:rebuild is for the embedded file; on PostgreSQL use replay');
        await app.get(ProjectionRunner).rebuild();
        process.stdout.write('read models rebuilt from position 0\n');
        return 0;
      default:
        process.stderr.write(`unknown command ${command}\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await app.close();
  }
}

// A reader that stops early (`| head`) closes the pipe: that ends the command, successfully.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (process.env.ORDO_DEBUG) console.error(error);
    process.stderr.write(`${error instanceof DomainError ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
