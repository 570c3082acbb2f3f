import type { CliIO } from './io.js';

export interface Progress {
  advance(label: string): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { advance: () => undefined, stop: () => undefined };

/**
 * A bar on stderr for long replays, only on a terminal: cli-progress redraws in place with
 * escape codes that would litter a log file, so anything else gets nothing at all (and
 * does not even load cli-progress: it is imported only when a bar is drawn).
 */
export async function startProgress(io: CliIO, total: number, unit: string): Promise<Progress> {
  const stream = io.progressStream?.();
  if (stream === undefined || total <= 0) return NO_PROGRESS;
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream,
    format: `{bar} {value}/{total} ${unit} · {label}`,
    hideCursor: true,
    clearOnComplete: true,
    // A non-TTY-looking test stream must still be drawn on: we decided above.
    noTTYOutput: true,
    notTTYSchedule: 200,
  });
  bar.start(total, 0, { label: '' });
  return {
    advance: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
