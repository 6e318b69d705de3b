import { loadConfig } from './config/ordo-config.js';
import { createApp } from './create-app.js';
import { ensureFirstMerchant } from './merchants/first-start.js';

const config = loadConfig();
const app = await createApp({ config });
const firstKey = await ensureFirstMerchant(app);
await app.listen(config.port, config.host);
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
// One write: whoever waits for "listening" (scripts, the crash test) also gets the first key.
const data = config.readModels === 'postgres' ? `PostgreSQL, events on ${config.events}` : config.databaseFile;
let banner = `\nOrdo is listening on ${base}  (API reference: ${base}/docs, data: ${data})\n`;
if (firstKey) {
  banner +=
    [
      '',
      'First start: created a test-mode merchant. Its API key is shown ONCE — keep it:',
      `  ${firstKey.key}`,
      '',
      'Try it:',
      `  curl -s ${base}/v1/orders -H "Authorization: Bearer ${firstKey.key}" -H 'Content-Type: application/json' \\`,
      `    -d '{"currency":"USD","line_items":[{"name":"T-shirt","quantity":2,"unit_price_money":{"amount":2500,"currency":"USD"}}]}'`,
      '',
    ].join('\n') + '\n';
}
process.stdout.write(banner);
