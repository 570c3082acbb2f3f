import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BigQueryApiError, errorBody, notFound } from './api-error.js';
import { FaultBook } from './faults.js';
import { JobStore } from './jobs.js';
import { QueryService } from './query-service.js';
import { matchRoute, type MatchedRoute } from './routes.js';
import { SqlEngine } from './sql-engine.js';
import type { Fault, FakeBigQueryOptions, JobSummary, RecordedRequest } from './types.js';

/** Request bodies are small JSON documents; anything bigger is a bug in the caller. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A local stand-in for the BigQuery REST v2 API, for driving the real
 * @google-cloud/bigquery client in tests: it runs the received SQL on DuckDB and answers
 * in BigQuery's JSON. Point the client at it with `apiEndpoint: server.url` (paths under
 * /bigquery/v2) or BIGQUERY_EMULATOR_HOST=server.url (paths without the prefix).
 */
export class FakeBigQuery {
  readonly requests: RecordedRequest[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    readonly url: string,
    private readonly server: Server,
    private readonly engine: SqlEngine,
    private readonly service: QueryService,
    private readonly store: JobStore,
    private readonly faults: FaultBook,
  ) {}

  static async start(options: FakeBigQueryOptions): Promise<FakeBigQuery> {
    const pendingPolls = options.pendingPolls ?? 1;
    if (!Number.isInteger(pendingPolls) || pendingPolls < 0) throw new RangeError(`pendingPolls must be a whole number ≥ 0, got ${pendingPolls}`);
    const engine = await SqlEngine.open(options.duckdbPath, options.tableMap ?? lastDottedPart, options.writable ?? false);
    const store = new JobStore();
    const faults = new FaultBook();
    const service = new QueryService(engine, store, faults, pendingPolls);
    // Google's front ends keep idle connections open for minutes; Node's default of 5 s
    // closes a pooled socket between two tests the client then reuses (ECONNRESET).
    const server = createServer({ keepAliveTimeout: 120_000 });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    } catch (error) {
      engine.close();
      throw error;
    }
    const { port } = server.address() as AddressInfo;
    const fake = new FakeBigQuery(`http://127.0.0.1:${port}`, server, engine, service, store, faults);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // handle() answers every error it expects; anything else ends the socket, never the process.
      fake.track(fake.handle(req, res).catch((error: unknown) => void res.destroy(error instanceof Error ? error : undefined)));
    });
    return fake;
  }

  inject(fault: Fault): void {
    this.faults.inject(fault);
  }

  jobs(): JobSummary[] {
    return this.store.summaries();
  }

  /** Stops listening, drops the client's keep-alive sockets, then closes DuckDB. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await Promise.allSettled([...this.inFlight]);
    await closed;
    this.engine.close();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const matched = matchRoute(req.method ?? 'GET', url.pathname);
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      req.socket.destroy();
      return;
    }
    const body = parseJson(text);
    this.requests.push({
      method: req.method ?? 'GET',
      route: matched.route,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: { ...req.headers },
    });
    const fault = matched.route === 'unknown' ? undefined : this.faults.take(matched.route);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    try {
      if (fault?.kind === 'error') throw fault.error;
      if (body instanceof SyntaxError) throw new BigQueryApiError(400, 'parseError', 'Parse Error');
      send(res, 200, await this.dispatch(matched, body, Object.fromEntries(url.searchParams)));
    } catch (error) {
      // Anything unexpected is a fake-server bug: answer 500 so the failing test shows it.
      const apiError = error instanceof BigQueryApiError ? error : new BigQueryApiError(500, 'internalError', `fake BigQuery: ${String(error)}`);
      send(res, apiError.status, errorBody(apiError));
    }
  }

  private async dispatch(matched: MatchedRoute, body: unknown, query: Record<string, string>): Promise<unknown> {
    const { route, projectId = '', jobId = '' } = matched;
    switch (route) {
      case 'insert':
        return this.service.insert(projectId, body);
      case 'query':
        return this.service.query(projectId, body);
      case 'getQueryResults':
        return this.service.getQueryResults(projectId, jobId, query);
      case 'cancel':
        return this.service.cancel(projectId, jobId);
      case 'get':
        return this.service.get(projectId, jobId);
      case 'unknown':
        throw notFound('Not found: the fake BigQuery does not serve this URL');
    }
  }
}

function lastDottedPart(bigQueryName: string): string {
  return bigQueryName.split('.').pop() ?? bigQueryName;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new RangeError('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Undefined for an empty body; a SyntaxError (recorded as-is) for malformed JSON. */
function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
