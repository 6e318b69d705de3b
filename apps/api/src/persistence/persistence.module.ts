import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#ordo/event-store';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config.js';
import { openEventStore, required } from './open-event-store.js';
import { createReadModelPool } from './postgres/read-model-pool.js';
import { openEmbeddedPersistence, type SqlitePersistence } from './sqlite-persistence.js';
import { PostgresReadDb, READ_DB, SqliteReadDb } from './read-db.js';
import { PostgresStateDb, SqliteStateDb, STATE_DB, ThreadedSqliteStateDb } from './state-db.js';
import { EVENT_STORE, POSTGRES_POOL, SQLITE } from './tokens.js';

/** What the module opened, closed on shutdown. */
const OPENED = Symbol('OPENED');
interface Opened {
  close(): Promise<void>;
}

/**
 * The embedded deployment: one SQLite file for events, read models and service state, written
 * through one group-committing writer. The scale-out deployment (ORDO_READ_MODELS=postgres): the
 * log on PostgreSQL or KurrentDB, read models (written by the projector process) and service state
 * on PostgreSQL, so any number of API processes can serve.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(OPENED) private readonly opened: Opened) {}

  static forRoot(config: OrdoConfig): DynamicModule {
    return { module: PersistenceModule, providers: config.readModels === 'postgres' ? postgres(config) : embedded(), exports: [EVENT_STORE, READ_DB, STATE_DB, ...(config.readModels === 'postgres' ? [POSTGRES_POOL] : [SQLITE])] };
  }

  async onApplicationShutdown(): Promise<void> {
    // The writer flushes its queue before the file is closed: nothing accepted is lost.
    await this.opened.close();
  }
}

function embedded() {
  return [
    { provide: SQLITE, inject: [ORDO_CONFIG], useFactory: (config: OrdoConfig) => openEmbeddedPersistence(config) },
    { provide: OPENED, useExisting: SQLITE },
    { provide: EVENT_STORE, inject: [SQLITE], useFactory: (sqlite: SqlitePersistence) => sqlite.store },
    // Queries read through this port, so the same query code serves PostgreSQL read models.
    { provide: READ_DB, inject: [SQLITE], useFactory: (sqlite: SqlitePersistence) => new SqliteReadDb(sqlite.db) },
    { provide: STATE_DB, inject: [SQLITE], useFactory: (sqlite: SqlitePersistence) => (sqlite.thread ? new ThreadedSqliteStateDb(sqlite, sqlite.thread) : new SqliteStateDb(sqlite)) },
  ];
}

function postgres(config: OrdoConfig) {
  if (config.events === 'sqlite') {
    throw new Error('ORDO_READ_MODELS=postgres serves several API processes: their log must be shared too (ORDO_EVENTS=postgres or kurrentdb)');
  }
  const url = required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_READ_MODELS=postgres');
  return [
    { provide: POSTGRES_POOL, useFactory: () => createReadModelPool(url, config.postgresPoolSize) },
    { provide: 'OPENED_EVENTS', useFactory: () => openEventStore(config) },
    { provide: EVENT_STORE, inject: ['OPENED_EVENTS'], useFactory: (events: { store: EventStore }) => events.store },
    {
      provide: OPENED,
      inject: ['OPENED_EVENTS', POSTGRES_POOL],
      useFactory: (events: Opened, pool: pg.Pool): Opened => ({ close: async () => (await events.close(), await pool.end()) }),
    },
    { provide: READ_DB, inject: [POSTGRES_POOL], useFactory: (pool: pg.Pool) => new PostgresReadDb(pool) },
    { provide: STATE_DB, inject: [POSTGRES_POOL], useFactory: (pool: pg.Pool) => new PostgresStateDb(pool) },
  ];
}
