import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { generateCliFixture, type CliFixture } from './cli-fixture.js';
import { FakeSlack } from './fake-slack/index.js';
import { deliveryAnomalyDate } from './fixture-template.js';

/** What a delivery test file works with once its hooks have run. */
export interface DeliveryFixture {
  readonly fixture: CliFixture;
  readonly slack: FakeSlack;
  /** The day of gpu-cost's studio anomaly (deliveryAnomalyDate says why that one). */
  readonly date: string;
  /** The fixture's env with a fresh state folder and the fake Slack as the default webhook. */
  freshEnv(): Record<string, string>;
}

/**
 * Registers the hooks every delivery test file needs: a fixture warehouse with
 * `extraConfig`, a fake Slack reset before each test, both removed at the end. Call it
 * at the top of the file; read the fixture inside tests (after beforeAll has run).
 */
export function useDeliveryFixture(prefix: string, extraConfig = ''): () => DeliveryFixture {
  let current: DeliveryFixture | undefined;
  let homes = 0;
  beforeAll(async () => {
    const fixture = generateCliFixture(prefix, extraConfig);
    const slack = await FakeSlack.start();
    current = {
      fixture,
      slack,
      date: deliveryAnomalyDate(fixture.anomalies),
      freshEnv: () => {
        homes += 1;
        return { ...fixture.env, MONITOR_HOME: join(fixture.dir, `home-${homes}`), SLACK_WEBHOOK_URL: slack.url() };
      },
    };
  });
  beforeEach(() => current?.slack.reset());
  afterAll(async () => {
    await current?.slack.stop();
    current?.fixture.remove();
  });
  return () => {
    if (current === undefined) throw new Error('the delivery fixture is read before its beforeAll hook ran');
    return current;
  };
}
