import { createSqliteEventStore, KurrentDBEventStore, PostgresEventStore, type EventStore } from '#ordo/event-store';
import type { OrdoConfig } from '../config/ordo-config.js';

/** A connection string the configuration needs, or a start-up error that names the variable. */
export function required(value: string | undefined, variable: string, why: string): string {
  if (!value) throw new Error(`${variable} is required ${why}`);
  return value;
}

export interface OpenedEventStore {
  store: EventStore;
  /** Closes the store and whatever it opened for it (the SQLite file and its writer). */
  close(): Promise<void>;
}

const opened = (store: EventStore): OpenedEventStore => ({ store, close: () => store.close() });

/** The log as the configuration chooses it, for processes outside the API (the projector, workers). */
export async function openEventStore(config: OrdoConfig): Promise<OpenedEventStore> {
  switch (config.events) {
    case 'postgres':
      return opened(await PostgresEventStore.connect(required(config.postgresUrl, 'ORDO_POSTGRES_URL', 'with ORDO_EVENTS=postgres')));
    case 'kurrentdb':
      return opened(await KurrentDBEventStore.connect(required(config.kurrentdbUrl, 'KURRENTDB_URL', 'with ORDO_EVENTS=kurrentdb')));
    case 'sqlite':
      return createSqliteEventStore({ path: config.databaseFile, synchronous: config.synchronous, groupCommit: config.groupCommit });
  }
}
