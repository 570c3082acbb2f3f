// Preloaded with `node --import ./test/helpers/record-modules.mjs bin/monitor.js ...`: records
// the URL of every module the process resolves, one per line, in the file named by
// $MONITOR_RECORD_MODULES (nothing is recorded when it is unset); ES-module imports are marked "import ". test/cli/lazy-modules.test.ts
// reads the list to check that heavy packages load only on the paths that use them.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env['MONITOR_RECORD_MODULES'];
if (file !== undefined && file !== '') {
  // ESM (import and import()): the resolve hook runs on the loader thread and appends each URL.
  register('./record-modules-hooks.mjs', import.meta.url, { data: { file } });
  // CommonJS (require() inside packages, and createRequire): the hook above does not see those.
  const Module = createRequire(import.meta.url)('module');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (...args) {
    const resolved = resolveFilename.apply(this, args);
    appendFileSync(file, `${resolved.startsWith('/') ? pathToFileURL(resolved).href : resolved}\n`);
    return resolved;
  };
}
