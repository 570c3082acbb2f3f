/** The machine a run was measured on, for the head of BENCHMARKS.md. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the run started and ended: a busy machine inflates every figure. */
  readonly loadAverage: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() || 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1];
    if (pretty) return pretty;
  } catch {
    // Not Linux, or no os-release: os.type() below says enough.
  }
  return os.type();
}

export function currentLoad(): number {
  return os.loadavg()[0] ?? 0;
}
