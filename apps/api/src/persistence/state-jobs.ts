/**
 * Every module that defines state jobs (sql/state-job.ts), imported for its registrations: the
 * writer thread imports this file so a job described in the API's thread has its factory there.
 * A job defined in a module missing here fails loudly with "unknown state job" on the first call.
 */
import './sql/state-job.js';
import '../platform/server-secrets.js';
import '../webhooks/delivery/record-attempt.js';
