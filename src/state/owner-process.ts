import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** The process that holds an outbox row: enough for a later run on the same host to tell whether it still lives. */
export interface OwnerProcess {
  /** hostname plus, on Linux, the PID namespace: a PID means something only within one. */
  readonly host: string;
  readonly pid: number;
}

/** How the store sees processes; tests inject one to play a dead or a live owner. */
export interface ProcessTable {
  readonly self: OwnerProcess;
  isAlive(pid: number): boolean;
}

export const localProcesses: ProcessTable = {
  self: { host: hostIdentity(), pid: process.pid },
  isAlive: isProcessAlive,
};

/**
 * Two containers can share a hostname (host networking, the same image's default name)
 * but not PIDs: their PID namespaces differ, so the namespace is part of "this host".
 * Where /proc is missing (macOS) the hostname alone has to do.
 */
function hostIdentity(): string {
  try {
    return `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return hostname();
  }
}

/**
 * Signal 0 checks existence without touching the process: ESRCH means no such process;
 * EPERM means it exists but belongs to another user. Anything else counts as alive, so a
 * doubt delays a digest (until the lease expires) rather than sending it twice. A PID
 * reused by an unrelated process also reads as alive, with the same safe outcome.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code !== 'ESRCH';
  }
}
