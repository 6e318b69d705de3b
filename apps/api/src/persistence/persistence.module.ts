import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config.js';
import { openSqlitePersistence, type SqlitePersistence } from './sqlite-persistence.js';
import { READ_DB, SqliteReadDb } from './read-db.js';
import { EVENT_STORE, SQLITE } from './tokens.js';

@Global()
@Module({
  providers: [
    { provide: SQLITE, inject: [ORDO_CONFIG], useFactory: (config: OrdoConfig) => openSqlitePersistence(config) },
    { provide: EVENT_STORE, inject: [SQLITE], useFactory: (sqlite: SqlitePersistence) => sqlite.store },
    // Queries read through this port, so the same query code can serve PostgreSQL read models.
    { provide: READ_DB, inject: [SQLITE], useFactory: (sqlite: SqlitePersistence) => new SqliteReadDb(sqlite.db) },
  ],
  exports: [SQLITE, EVENT_STORE, READ_DB],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(SQLITE) private readonly sqlite: SqlitePersistence) {}

  async onApplicationShutdown(): Promise<void> {
    // The writer flushes its queue before the file is closed: nothing accepted is lost.
    await this.sqlite.close();
  }
}
