// Module customization hooks registered by record-modules.mjs (they run on Node's loader
// thread): every resolved module URL is appended to the file given in `data.file`, marked
// "import " so that a test can tell an ES-module import from a require().
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const r = await nextResolve(specifier, context);
  appendFileSync(file, `import ${r.url}\n`);
  return r;
}
