import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { CliIO } from '../../src/cli/io.js';
import { buildProgram } from '../../src/cli/program.js';

function captureIO(): CliIO & { stdout: string } {
  const io = { stdout: '', out: (text: string) => void (io.stdout += text), err: () => undefined, env: {}, now: () => new Date('2026-04-01T08:00:00Z') };
  return io;
}

/** Every command path: [], ['usage'], ['silence', 'add'], … */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return [prefix, ...command.commands.flatMap((child) => commandPaths(child, [...prefix, child.name()]))];
}

/** Shell-like words: double quotes group, as a user's shell would. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** Checks a command line against the real command tree: subcommands, flags, values, arguments. */
function parseProblem(program: Command, line: string): string | undefined {
  const [tool, ...rest] = words(line);
  if (tool !== 'monitor') return 'does not start with monitor';
  let command = program;
  for (let sub = command.commands.find((c) => c.name() === rest[0]); sub !== undefined; sub = command.commands.find((c) => c.name() === rest[0])) {
    command = sub;
    rest.shift();
  }
  if (command === program) return 'names no command';
  const given = new Set<string>();
  const positional: string[] = [];
  while (rest.length > 0) {
    const word = rest.shift() as string;
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const option = command.options.find((o) => o.long === word);
    if (option === undefined) return `unknown option ${word}`;
    given.add(option.attributeName());
    if (option.required && (rest.length === 0 || rest.shift()?.startsWith('--'))) return `${word} needs a value`;
  }
  const missing = command.options.filter((o) => o.mandatory && !given.has(o.attributeName()));
  if (missing.length > 0) return `missing ${missing.map((o) => o.long).join(', ')}`;
  const args = command.registeredArguments;
  if (positional.length > args.length || positional.length < args.filter((a) => a.required).length) return `takes ${args.length} argument(s), got ${positional.length}`;
  return undefined;
}

describe('--help examples', () => {
  const program = buildProgram(captureIO());
  const paths = commandPaths(program);

  it('covers every command, domains included', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['', 'usage', 'api-runtime', 'run', 'explain', 'silence add', 'silence list', 'silence remove', 'demo generate', 'demo anomalies']));
  });

  it.each(paths.map((p) => [p.join(' ') || '(monitor)', p] as const))('%s --help has 1–3 examples that parse', async (_name, path) => {
    const io = captureIO();
    expect(await main(['node', 'monitor', ...path, '--help'], io)).toBe(0);
    const section = io.stdout.split('\nExamples:\n')[1];
    expect(section, io.stdout).toBeDefined();
    const examples = (section ?? '').split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+# .*$/, '').trim());
    expect(examples.length).toBeGreaterThanOrEqual(1);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const example of examples) expect(parseProblem(program, example), example).toBeUndefined();
  });

  it('the checker catches a broken example', () => {
    expect(parseProblem(program, 'monitor usage --dte 2026-03-10')).toBe('unknown option --dte');
    expect(parseProblem(program, 'monitor explain usage --series free')).toBe('missing --metric');
    expect(parseProblem(program, 'monitor silence remove')).toMatch(/takes 1 argument/);
  });
});
