export { FakeSlack, closedPort } from './fake-slack.js';
export type { Outcome, ReceivedRequest, Reply } from './types.js';
