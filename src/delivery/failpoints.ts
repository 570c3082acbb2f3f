/**
 * Test-only fault injection (like etcd's gofail): named points on the delivery path where
 * a test can make the process die as a crash would, to check that a re-run neither loses
 * nor doubles a digest. It does nothing unless MONITOR_FAILPOINT names the point, and the
 * variable reaches here only through the CLI's environment (io.env), never a global.
 *
 * SIGKILL, not process.exit: no finally blocks, no flushed state, no closed sockets —
 * exactly what an OOM kill or a power cut leaves behind.
 */
export const FAILPOINTS = [
  /** The digest is claimed (outbox row leased to this run), no POST started yet. */
  'after-claim',
  /** Slack answered 200, this run has not yet recorded the digest as sent. */
  'before-record',
] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

export const FAILPOINT_ENV = 'MONITOR_FAILPOINT';

export function failpoint(name: Failpoint, env: Readonly<Record<string, string | undefined>>): void {
  if (env[FAILPOINT_ENV] === name) process.kill(process.pid, 'SIGKILL');
}
