// `npm run demo`: lints the example project in this folder (a Drizzle schema split across files in db/, and the
// SQLModel models and Alembic history of a FastAPI back end in python/) with examples/eslint.config.js (the plugin's recommended
// and python presets), prints the problems in ESLint's stylish format, then prints the diff
// `eslint --fix` would make. Nothing in examples/ is written.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const EXAMPLES = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(EXAMPLES);
const CONFIG = path.join(EXAMPLES, 'eslint.config.js');
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\u001B[${code}m${text}\u001B[0m` : text);

/** The config imports the plugin by its package name, which resolves to dist/: build it if needed. */
function ensureBuilt() {
  const entry = path.join(ROOT, 'dist', 'index.js');
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const newest = newestMtime(path.join(ROOT, 'src'));
  if (built >= newest) return;
  process.stderr.write(`Building the plugin (dist/ is ${built ? 'older than src/' : 'missing'})…\n`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------------
// A unified diff of two texts (longest common subsequence of lines; the example files are small).

function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i, j) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[i] === b[j] ? lcs[at(i + 1, j + 1)] + 1 : Math.max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ op: ' ', text: a[i++], j: j++ });
    else if (j >= m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)])) ops.push({ op: '-', text: a[i++] });
    else ops.push({ op: '+', text: b[j++] });
  }
  return ops;
}

function unifiedDiff(oldText, newText, oldName, newName, context = 3) {
  const split = (text) => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const ops = diffLines(split(oldText), split(newText));
  const out = [paint(1, `--- ${oldName}`), paint(1, `+++ ${newName}`)];
  // Line numbers (1-based) of each op in the old and new text.
  let oldLine = 1;
  let newLine = 1;
  const numbered = ops.map((o) => {
    const entry = { ...o, oldLine, newLine };
    if (o.op !== '+') oldLine++;
    if (o.op !== '-') newLine++;
    return entry;
  });
  let k = 0;
  while (k < numbered.length) {
    if (numbered[k].op === ' ') {
      k++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change that
    // is at most 2 * context lines away from the previous one.
    const start = Math.max(0, k - context);
    let end = k;
    for (let scan = k; scan < numbered.length; scan++) {
      if (numbered[scan].op !== ' ') end = scan;
      else if (scan - end > 2 * context) break;
    }
    const stop = Math.min(numbered.length, end + context + 1);
    const hunk = numbered.slice(start, stop);
    const oldCount = hunk.filter((o) => o.op !== '+').length;
    const newCount = hunk.filter((o) => o.op !== '-').length;
    const oldStart = oldCount === 0 ? hunk[0].oldLine - 1 : hunk[0].oldLine;
    const newStart = newCount === 0 ? hunk[0].newLine - 1 : hunk[0].newLine;
    out.push(paint(36, `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`));
    for (const o of hunk) {
      const line = `${o.op}${o.text}`;
      out.push(o.op === '-' ? paint(31, line) : o.op === '+' ? paint(32, line) : line);
    }
    k = stop;
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  ensureBuilt();
  const options = { cwd: EXAMPLES, overrideConfigFile: CONFIG };
  const display = (file) => path.relative(ROOT, file).split(path.sep).join('/');

  const results = await new ESLint(options).lintFiles(['.']);
  const stylish = await new ESLint(options).loadFormatter('stylish');
  process.stdout.write(`${paint(1, '$ eslint examples/')}\n`);
  // Paths relative to the project, as a reader of the README sees them (ESLint prints absolute ones).
  const shown = results.map((result) => ({ ...result, filePath: display(result.filePath) }));
  process.stdout.write(stylish.format(shown, { cwd: ROOT, rulesMeta: {} }) || 'No problems.\n');

  // The same lint with `fix: true`, kept in memory (ESLint.outputFixes is what would write it).
  const fixed = await new ESLint({ ...options, fix: true }).lintFiles(['.']);
  process.stdout.write(`\n${paint(1, '$ eslint --fix examples/')}  ${paint(2, '(shown as a diff; examples/ is not changed)')}\n\n`);
  let changed = 0;
  for (const result of fixed) {
    if (result.output === undefined) continue;
    const original = await readFile(result.filePath, 'utf8');
    if (original === result.output) continue;
    changed++;
    const name = display(result.filePath);
    process.stdout.write(`${unifiedDiff(original, result.output, `a/${name}`, `b/${name}`)}\n\n`);
  }
  const count = (list) => list.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
  const after = count(fixed);
  process.stdout.write(
    `After --fix (${changed} file${changed === 1 ? '' : 's'} changed), ${after} problem${after === 1 ? '' : 's'} would be left: ` +
      'they need a decision (a new name, a reference target, a data migration); editors offer suggestions for most of them.\n',
  );
}

await main();
