import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module.js';
import { ProjectionRunner } from '../apps/api/src/application/projections/projection-runner.js';
import { loadConfig } from '../apps/api/src/config/ordo-config.js';
import { MerchantsService } from '../apps/api/src/merchants/merchants.service.js';
import { MovableClock } from './support/movable-clock.js';
import { bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Issue 15.2: a key revoked by another process (the CLI) kept working on a running server that
 * had used it, because that server never projects the revocation (the CLI already did, in the
 * shared file). Here the "other process" is a second application context on the same database
 * file, exactly what the CLI builds; the server's clock is moved instead of waited on.
 */
describe('A key revoked by another process is refused by a running server within ORDO_API_KEY_RECHECK_MS (e2e)', () => {
  let t: TestApp;
  const clock = new MovableClock();

  beforeAll(async () => {
    t = await startTestApp({}, clock);
  });
  afterAll(() => t.close());

  async function otherProcess() {
    const config = loadConfig({ ORDO_DATA_DIR: t.dir, LOG_LEVEL: 'silent' }, { projectionPollMs: 0 });
    const cli = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: false });
    await cli.get(ProjectionRunner).start();
    return cli;
  }

  it('refuses the key once the recheck bound has passed, and keeps serving other keys', async () => {
    const cli = await otherProcess();
    let key: string;
    try {
      const created = await cli.get(MerchantsService).createApiKey(t.merchants.a, 'test');
      key = created.key;
      // The running server has used (and so cached) the key.
      await t.http.get('/v1/orders').set(bearer(key)).expect(200);
      await cli.get(MerchantsService).revokeApiKey(t.merchants.a, created.keyId);
    } finally {
      await cli.close();
    }
    clock.offsetMs += loadConfig({}).apiKeyRecheckMs;
    const refused = await t.http.get('/v1/orders').set(bearer(key)).expect(401);
    expect(refused.body.error.code).toBe('API_KEY_INVALID');
    // It stays refused, and the merchant's other keys still work.
    await t.http.get('/v1/orders').set(bearer(key)).expect(401);
    await t.http.get('/v1/orders').set(bearer(t.keys.aTest)).expect(200);
  });

  it('a key revoked through this process is refused at once (its own projection evicts it)', async () => {
    const merchants = t.app.get(MerchantsService);
    const { keyId, key } = await merchants.createApiKey(t.merchants.b, 'test');
    await t.http.get('/v1/orders').set(bearer(key)).expect(200);
    await merchants.revokeApiKey(t.merchants.b, keyId);
    await t.http.get('/v1/orders').set(bearer(key)).expect(401);
  });
});
