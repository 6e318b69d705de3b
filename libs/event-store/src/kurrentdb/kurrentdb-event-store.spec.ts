import { describeEventStoreContract } from '../testing/event-store.contract.js';
import { KurrentDBEventStore } from './kurrentdb-event-store.js';

// No server can run on the CI machines: the suite runs against the one KURRENTDB_URL names
// (e.g. kurrentdb://localhost:2113?tls=false) and is reported as skipped otherwise. Nothing
// connects at import time, so this file loads without a server.
const url = process.env.KURRENTDB_URL;
const describeWithServer = url ? describe : describe.skip;

describeWithServer('KurrentDB adapter', () => {
  describeEventStoreContract('KurrentDB', async () => {
    const store = await KurrentDBEventStore.connect(url!);
    return { store, close: () => store.close(), isolated: false };
  });
});
