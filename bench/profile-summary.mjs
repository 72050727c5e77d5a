// Summarises a V8 .cpuprofile (from `node bench/run.mjs --profile`): where the time under the
// plugin's code goes, by function, with file and line.
//
//   node bench/profile-summary.mjs bench/.out/profiles/timing-schema-1000-compliant.cpuprofile [--match=<url part>] [--top=25]
//
// - "inclusive": time of samples with the function anywhere on the stack (counted once per sample);
// - "self": time of samples where the function itself was running.
// Only functions whose script URL contains --match (default: this project's dist/, the built plugin) are listed; the
// "leaves" table lists what ran (any script, ESLint and Node included) while plugin code was on the stack.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs <file.cpuprofile> [--match=<url part>] [--top=25]\n');
  process.exit(2);
}
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const match = arg('match', `${pathToFileURL(path.join(ROOT, 'dist')).href}/`);
const top = Number(arg('top', '25'));

const profile = JSON.parse(await readFile(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.relative(process.cwd(), url.replace(/^file:\/\//u, ''))}:${lineNumber + 1}` : '(native)';
  return `${functionName || '(anonymous)'} ${where}`;
};
const ours = (node) => node.callFrame.url.includes(match);

const self = new Map();
const inclusive = new Map();
const leaves = new Map();
let total = 0;
let underOurs = 0;
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) {
  const dt = (timeDeltas[i + 1] ?? 0) / 1000; // ms; the delta after a sample is the time it stood for
  total += dt;
  const leaf = byId.get(samples[i]);
  const seen = new Set();
  let anyOurs = false;
  for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id);
    if (!ours(node)) continue;
    anyOurs = true;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
  if (ours(leaf)) self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  if (anyOurs) {
    underOurs += dt;
    leaves.set(label(leaf), (leaves.get(label(leaf)) ?? 0) + dt);
  }
}

const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${ms.toFixed(1).padStart(10)} ms  ${key}\n`);
  }
};
process.stdout.write(`${path.basename(file)}: ${total.toFixed(0)} ms sampled, ${underOurs.toFixed(1)} ms with ${match} on the stack\n`);
print(`inclusive (${match})`, inclusive);
print(`self (${match})`, self);
print(`leaves while ${match} is on the stack`, leaves);
