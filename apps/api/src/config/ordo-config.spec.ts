import { loadConfig } from './ordo-config.js';

describe('loadConfig', () => {
  it('takes documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitWritesPerSecond: 100, rateLimitReadsPerSecond: 200, apiKeyRecheckMs: 5000 });
  });

  it.each([
    ['ORDO_RATE_LIMIT_WRITES', 'abc'],
    ['ORDO_RATE_LIMIT_READS', '0.5'],
    ['ORDO_API_KEY_RECHECK_MS', '-1'],
  ])('refuses %s=%s at start-up instead of running with a broken limit or bound', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('accepts 0 (off) and whole numbers', () => {
    expect(loadConfig({ ORDO_RATE_LIMIT_WRITES: '0', ORDO_API_KEY_RECHECK_MS: '250' })).toMatchObject({ rateLimitWritesPerSecond: 0, apiKeyRecheckMs: 250 });
  });
});
