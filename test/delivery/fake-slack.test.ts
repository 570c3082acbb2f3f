import { describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack/index.js';

describe('FakeSlack', () => {
  it('answers from its script in order, then 200 ok, recording every request', async () => {
    const fake = await FakeSlack.start();
    try {
      fake.respond([{ status: 429, retryAfterSeconds: 7 }, { status: 400, body: 'invalid_blocks' }]);
      const post = () => fetch(fake.url(), { method: 'POST', body: '{"text":"hi"}' });
      const first = await post();
      expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([429, '7', 'rate_limited']);
      const second = await post();
      expect([second.status, await second.text()]).toEqual([400, 'invalid_blocks']);
      const third = await post();
      expect([third.status, await third.text()]).toEqual([200, 'ok']);
      expect(fake.received.map((r) => r.outcome)).toEqual(['error', 'error', 'ok']);
      expect(fake.received[0]).toMatchObject({ path: '/services/T000/B000/XXXX', body: { text: 'hi' } });
    } finally {
      await fake.stop();
    }
  });

  it('stop() ends a hanging request instead of waiting for it', async () => {
    const fake = await FakeSlack.start();
    fake.respond([{ hang: true }]);
    const request = fetch(fake.url(), { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'dropped',
    );
    for (let i = 0; i < 100 && fake.count('hang') === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(fake.count('hang')).toBe(1);
    const started = Date.now();
    await fake.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await request).toBe('dropped');
  });
});
