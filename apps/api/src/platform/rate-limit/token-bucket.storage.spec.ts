import { Clock } from '../clock.js';
import { TokenBucketStorage } from './token-bucket.storage.js';

class ManualClock extends Clock {
  ms = 1_000_000;
  now(): Date {
    return new Date(this.ms);
  }
}

describe('TokenBucketStorage', () => {
  const setup = () => {
    const clock = new ManualClock();
    return { clock, bucket: new TokenBucketStorage(clock), hit: async (s: TokenBucketStorage, key = 'k') => s.take(key, 4, 1000) };
  };

  it('lets a full bucket burst to its capacity, then refuses with the time until one token is back', async () => {
    const { bucket, hit } = setup();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await hit(bucket));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, false]);
    expect(answers.map((a) => a.remaining)).toEqual([3, 2, 1, 0, 0]);
    expect(answers[4]).toMatchObject({ retryAfterSeconds: 1, resetSeconds: 1 });
  });

  it('refills at capacity per ttl: a client at the rate is never refused', async () => {
    const { clock, bucket, hit } = setup();
    for (let i = 0; i < 40; i++) {
      expect((await hit(bucket)).allowed).toBe(true);
      clock.ms += 250; // 4 per second
    }
  });

  it('never holds more than its capacity, however long it rested', async () => {
    const { clock, bucket, hit } = setup();
    await hit(bucket);
    clock.ms += 3_600_000;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await hit(bucket)).allowed);
    expect(answers).toEqual([true, true, true, true, false]);
  });

  it('keeps one bucket per key', async () => {
    const { bucket, hit } = setup();
    for (let i = 0; i < 4; i++) await hit(bucket, 'a');
    expect((await hit(bucket, 'a')).allowed).toBe(false);
    expect((await hit(bucket, 'b')).allowed).toBe(true);
  });

  it('a refused request does not use up a token', async () => {
    const { clock, bucket, hit } = setup();
    for (let i = 0; i < 4; i++) await hit(bucket);
    for (let i = 0; i < 10; i++) expect((await hit(bucket)).allowed).toBe(false);
    clock.ms += 250;
    expect((await hit(bucket)).allowed).toBe(true);
  });
});
