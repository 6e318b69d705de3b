/**
 * Runs every benchmark one after the other (never two at once: they would measure each other).
 * Usage: npm run bench   (builds first)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = ['event-store/append-vs-raw.js', 'event-store/group-commit.js', 'event-store/postgres-append.js', 'http/post-orders.js', 'http/create-confirm.js', 'webhooks/delivery-throughput.js', 'http/orders-with-webhooks.js', 'scale-out/postgres-http.js', 'memory/mixed-load-rss.js', 'replay/replay-million.js'];

let failed = 0;
for (const script of scripts) {
  process.stdout.write(`\n######## ${script}\n`);
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
