import { ConfigError } from '../errors.js';

const VARIABLE = 'BIGQUERY_EMULATOR_HOST';

/**
 * BIGQUERY_EMULATOR_HOST as a URL. Emulators document it as host:port and serve plain
 * HTTP, but @google-cloud/bigquery passes the raw value to `new URL()` ("Invalid URL"):
 * `127.0.0.1:9050` becomes `http://127.0.0.1:9050`; a value with a scheme is kept.
 */
export function emulatorEndpoint(value: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  if (!URL.canParse(url) || new URL(url).host === '') {
    throw new ConfigError(`${VARIABLE} ${JSON.stringify(value)}: not host:port or a URL`, `set it like ${VARIABLE}=127.0.0.1:9050, or unset it to use BigQuery itself`);
  }
  return url;
}

/**
 * The client library reads BIGQUERY_EMULATOR_HOST from process.env on its own, whatever
 * we pass it: normalise the variable there too, before any client is constructed, so both
 * see the same URL. Returns the endpoint from `env` (the CLI's environment), if set.
 */
export function emulatorFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const own = process.env[VARIABLE];
  if (own) process.env[VARIABLE] = emulatorEndpoint(own);
  const value = env[VARIABLE];
  return value ? emulatorEndpoint(value) : undefined;
}
