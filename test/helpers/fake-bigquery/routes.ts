import type { FaultRoute } from './types.js';

export interface MatchedRoute {
  readonly route: FaultRoute | 'unknown';
  readonly projectId?: string;
  readonly jobId?: string;
}

/**
 * The REST v2 paths the client uses. With `apiEndpoint` the client prefixes
 * /bigquery/v2; with BIGQUERY_EMULATOR_HOST it does not, so the prefix is optional.
 */
const ROUTES: readonly { method: string; pattern: RegExp; route: FaultRoute }[] = [
  { method: 'POST', pattern: /^\/projects\/([^/]+)\/jobs$/, route: 'insert' },
  { method: 'GET', pattern: /^\/projects\/([^/]+)\/queries\/([^/]+)$/, route: 'getQueryResults' },
  { method: 'POST', pattern: /^\/projects\/([^/]+)\/jobs\/([^/]+)\/cancel$/, route: 'cancel' },
  { method: 'GET', pattern: /^\/projects\/([^/]+)\/jobs\/([^/]+)$/, route: 'get' },
  { method: 'POST', pattern: /^\/projects\/([^/]+)\/queries$/, route: 'query' },
];

export function matchRoute(method: string, path: string): MatchedRoute {
  const bare = path.startsWith('/bigquery/v2/') ? path.slice('/bigquery/v2'.length) : path;
  for (const { method: expected, pattern, route } of ROUTES) {
    if (method !== expected) continue;
    const match = pattern.exec(bare);
    if (match === null) continue;
    const [, projectId, jobId] = match;
    return {
      route,
      ...(projectId === undefined ? {} : { projectId: decodeURIComponent(projectId) }),
      ...(jobId === undefined ? {} : { jobId: decodeURIComponent(jobId) }),
    };
  }
  return { route: 'unknown' };
}
