// Where the plugin allocates while it lints one file: V8's sampling heap profiler over a few lints,
// counting every sampled allocation (those the garbage collector has freed since included), by the
// innermost function of this project's dist/ on the stack.
//
//   node bench/alloc-summary.mjs bench/.out/schema-1000-compliant.ts [--lints=3] [--top=25]
//
// Why it matters: the parser leaves the young generation full of the tree it built, and the scavenge
// that copies it out runs in whatever code allocates next. Every megabyte the rules allocate makes it
// likelier that this pause (tens of milliseconds on a 1,000-table file) falls into a rule's time. The
// figures are per lint, estimates from samples (one per 1 KiB allocated, on average).
import { readFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

import { ourConfig } from './configs.mjs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/alloc-summary.mjs <file.ts> [--lints=3] [--top=25]\n');
  process.exit(2);
}
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const lints = Number(arg('lints', '3'));
const top = Number(arg('top', '25'));
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = `${pathToFileURL(path.join(ROOT, 'dist')).href}/`;
// The presets' parser wrapper is the parse, not the rules.
const ours = (frame) => frame.url.startsWith(DIST) && !frame.url.endsWith('/project/parse.js');

const filePath = path.resolve(file);
const eslint = new ESLint({ cwd: path.dirname(filePath), overrideConfigFile: true, overrideConfig: ourConfig() });
const source = await readFile(filePath, 'utf8');
await eslint.lintText(source, { filePath }); // warm-up: compiled code allocates less than the interpreter

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let i = 0; i < lints; i++) await eslint.lintText(source, { filePath });
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

let total = 0;
let underOurs = 0;
const byFunction = new Map();
const walk = (node, innermost) => {
  const here = ours(node.callFrame) ? node.callFrame : innermost;
  total += node.selfSize;
  if (here && node.selfSize > 0) {
    underOurs += node.selfSize;
    const key = `${here.functionName || '(anonymous)'} ${path.relative(ROOT, fileURLToPath(here.url))}:${here.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, here);
};
walk(profile.head, null);

const mb = (bytes) => (bytes / lints / 1e6).toFixed(2);
process.stdout.write(`${path.basename(file)}: ${mb(total)} MB allocated per lint, ${mb(underOurs)} MB with the plugin's code innermost\n\n`);
for (const [key, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${mb(bytes).padStart(8)} MB  ${key}\n`);
}
