import { describe, expect, it } from 'vitest';
import { emulatorEndpoint } from '../../src/warehouse/emulator-host.js';
import { ConfigError } from '../../src/errors.js';

describe('emulatorEndpoint', () => {
  it.each([
    ['127.0.0.1:9050', 'http://127.0.0.1:9050'],
    ['localhost:9050', 'http://localhost:9050'],
    ['http://127.0.0.1:9050', 'http://127.0.0.1:9050'],
    ['https://bq.example.test', 'https://bq.example.test'],
  ])('%s → %s', (value, url) => {
    expect(emulatorEndpoint(value)).toBe(url);
  });

  it('refuses a value that is no host at all as a config error', () => {
    expect(() => emulatorEndpoint('not a host')).toThrow(ConfigError);
  });
});
