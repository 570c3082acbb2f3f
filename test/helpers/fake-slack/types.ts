/**
 * How the fake answers one request. Replies are consumed in order, one per request;
 * when the script runs out every request gets 200 "ok", as Slack answers a good post.
 */
export type Reply =
  | { readonly status: 200 }
  | { readonly status: 429; readonly retryAfterSeconds: number }
  | { readonly status: number; readonly body?: string }
  /** Read the request, never answer: the client's timeout must fire. */
  | { readonly hang: true }
  /** Read the request, then drop the connection without a response. */
  | { readonly destroy: true };

export type Outcome = 'ok' | 'error' | 'hang' | 'destroy';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
  /** Date.now() when the request body had arrived. */
  readonly at: number;
  /** What the fake did with it: 'ok' is a 200, 'error' any other status (429 included). */
  readonly outcome: Outcome;
  readonly status: number | undefined;
}
