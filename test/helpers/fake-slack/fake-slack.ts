import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Outcome, ReceivedRequest, Reply } from './types.js';

/** Webhook posts are a few KB; a bigger body is a bug in the caller. */
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_PATH = '/services/T000/B000/XXXX';

/** Slack's plain-text bodies for the statuses tests use, so error messages look real. */
const DEFAULT_BODIES: Readonly<Record<number, string>> = {
  200: 'ok',
  400: 'invalid_payload',
  403: 'action_prohibited',
  404: 'no_service',
  410: 'channel_is_archived',
  429: 'rate_limited',
  500: 'internal_error',
  503: 'service_unavailable',
};

/**
 * A Slack incoming-webhook endpoint on 127.0.0.1 for driving the real @slack/webhook
 * client: it records every request with what it did to it, and answers from a script
 * (statuses, 429 with Retry-After, a hang, a dropped connection), then 200 "ok".
 */
export class FakeSlack {
  readonly received: ReceivedRequest[] = [];
  private script: Reply[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly waiters: ((request: ReceivedRequest) => void)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly origin: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch(() => void req.socket.destroy());
    });
    return fake;
  }

  /** The webhook URL to give the client; any path is accepted and recorded. */
  url(path: string = DEFAULT_PATH): string {
    return `${this.origin}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** Replaces the script: the next requests get these replies in order, then 200 "ok". */
  respond(script: readonly Reply[]): void {
    this.script = [...script];
  }

  /** Forgets what was received and any script left over, for the next test. */
  reset(): void {
    this.received.length = 0;
    this.script = [];
  }

  /** Requests with the given outcome (all when omitted). */
  count(outcome?: Outcome): number {
    return outcome === undefined ? this.received.length : this.received.filter((r) => r.outcome === outcome).length;
  }

  /**
   * Resolves when the next request's body has arrived (before it is answered), so a test
   * can kill the client while its POST is in flight.
   */
  nextRequest(): Promise<ReceivedRequest> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops listening and ends every socket, hanging ones included, so the process can exit. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await closed;
  }

  private record(request: ReceivedRequest): void {
    this.received.push(request);
    for (const resolve of this.waiters.splice(0)) resolve(request);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const reply = this.script.shift() ?? { status: 200 };
    const base = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', this.origin).pathname,
      headers: { ...req.headers },
      body: parseJson(text),
      at: Date.now(),
    };
    if ('hang' in reply) {
      this.record({ ...base, outcome: 'hang', status: undefined });
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if ('destroy' in reply) {
      this.record({ ...base, outcome: 'destroy', status: undefined });
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html' };
    if ('retryAfterSeconds' in reply) headers['retry-after'] = String(reply.retryAfterSeconds);
    const body = ('body' in reply ? reply.body : undefined) ?? DEFAULT_BODIES[reply.status] ?? 'error';
    this.record({ ...base, outcome: reply.status === 200 ? 'ok' : 'error', status: reply.status });
    res.writeHead(reply.status, headers);
    res.end(body);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A loopback port with nothing listening: start a server, note its port, close it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
