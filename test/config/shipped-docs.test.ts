import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

// The shipped config is read by users, who have the README but not the team's product
// spec (../shared/DOMAINS.md): its comments must not send them to a file they lack.
describe('shipped config files', () => {
  const dirs = ['config', 'config/domains'];
  const files = dirs.flatMap((d) => readdirSync(join(REPO_ROOT, d)).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));

  it.each(files)('%s does not point at DOMAINS.md', (file) => {
    expect(readFileSync(join(REPO_ROOT, file), 'utf8')).not.toMatch(/DOMAINS\.md/);
  });
});
