// The Python part of `npm run bench`: the plugin's `python-all` rules on generated SQLModel models
// (bench/generate-python.mjs), timed as the TypeScript part is (ESLint's own `stats: true`, the median
// of several runs in a fresh process after a warm-up), with the rule time set against the time the
// Python language's parser (`@lezer/python` and the plain node tree) took on the same file; and one
// `eslint --fix` on the violating models. `node bench/run.mjs --python-only` runs only this.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { OUR_PREFIX, pythonRuleIds } from './configs.mjs';
import { describeSource } from './generate.mjs';
import { generateModels } from './generate-python.mjs';

export const PYTHON_SIZES = [1000];
const VARIANTS = ['compliant', 'violating'];

const fmtInt = (n) => n.toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtPct = (p) => (p >= 10 ? p.toFixed(1) : p.toFixed(2));

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/**
 * Generates the models files and measures them.
 * @param {{ outDir: string, sizes: number[], fixSizes: number[], measure: (job: object, size: number) => Promise<object>, repeatsFor: (size: number) => number, log: (text: string) => void }} options
 */
export async function runPythonBench({ outDir, sizes, fixSizes, measure, repeatsFor, log }) {
  const files = {};
  for (const variant of VARIANTS) {
    for (const size of new Set([...sizes, ...fixSizes])) {
      const file = path.join(outDir, `models-${size}-${variant}.py`);
      const source = generateModels(size, variant);
      await writeFile(file, source);
      files[`${size}:${variant}`] = { file, ...describeSource(source) };
    }
  }
  const timings = {};
  for (const size of sizes) {
    for (const variant of VARIANTS) {
      const { file } = files[`${size}:${variant}`];
      log(`lint  ${fmtInt(size).padStart(6)} Python classes, ${variant}…`);
      const t = Date.now();
      const result = await measure({ mode: 'timing', language: 'python', file, warmup: file, repeats: repeatsFor(size) }, size);
      timings[`${size}:${variant}`] = result;
      log(result.timedOut ? ` stopped after ${result.timedOut / 1000} s\n` : ` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    }
  }
  const fixes = {};
  for (const size of fixSizes) {
    const { file } = files[`${size}:violating`];
    log(`fix   ${fmtInt(size).padStart(6)} Python classes, violating…`);
    const t = Date.now();
    fixes[size] = await measure({ mode: 'fix', language: 'python', file }, size);
    log(fixes[size].timedOut ? ` stopped after ${fixes[size].timedOut / 1000} s\n` : ` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return { sizes, repeats: sizes.map(repeatsFor), files, timings, fixes, ruleIds: pythonRuleIds() };
}

/** The report section: `{ lines, targets }` as bench/project.mjs gives it. */
export function renderPythonBench({ sizes, repeats, files, timings, fixes, ruleIds }) {
  const columns = sizes.flatMap((size) => VARIANTS.map((variant) => `${size}:${variant}`));
  const done = (key) => timings[key] && !timings[key].timedOut;
  const stopped = (key) => `stopped after ${timings[key].timedOut / 1000} s`;
  const title = (key) => `${fmtInt(Number(key.split(':')[0]))} ${key.split(':')[1]}`;
  const total = (key) => Object.entries(timings[key].rules).filter(([id]) => id.startsWith(OUR_PREFIX)).reduce((a, [, t]) => a + t, 0);
  const cell = (key, pick) => {
    if (!done(key)) return stopped(key);
    const ms = pick(key);
    return `${fmtMs(ms)} ms (${fmtPct((100 * ms) / timings[key].parse)}%)`;
  };
  const out = [
    '## Python: SQLModel models',
    '',
    `Generated models files (bench/generate-python.mjs: a root \`tenants\` class and N table classes, compliant or rotating through violating shapes), linted with the plugin's \`python-all\` preset (${ruleIds.length} rules) through its \`data-modeling/python\` language. "parse" is ESLint's parse time of the file, which for this language is \`@lezer/python\` and the conversion of its tree into the plain node tree rules see. Same method as above (median of ${repeats.join('/')} runs after a warm-up).`,
    '',
    table(
      ['file', 'classes', 'lines', 'size', 'parse'],
      columns.map((key) => {
        const f = files[key];
        return [path.basename(f.file), fmtInt(Number(key.split(':')[0]) + 1), fmtInt(f.lines), `${(f.bytes / 2 ** 20).toFixed(2)} MiB`, done(key) ? `${fmtMs(timings[key].parse)} ms` : stopped(key)];
      }),
    ),
    '',
    table(
      ['rule', ...columns.map(title)],
      [
        ...ruleIds.map((id) => [`\`${id}\``, ...columns.map((key) => cell(key, (k) => timings[k].rules[id] ?? 0))]),
        [`**all ${ruleIds.length} Python rules**`, ...columns.map((key) => `**${cell(key, total)}**`)],
        [
          "_ESLint's own reporting of the same problems (the floor)_",
          ...columns.map((key) => (done(key) && timings[key].floor !== null ? `_${cell(key, () => timings[key].floor)}_` : '—')),
        ],
      ],
    ),
    '',
    'Problems reported (every rule should report on the violating models, none on the compliant ones):',
    '',
    table(
      ['rule', ...columns.map(title)],
      [...new Set([...ruleIds, ...columns.filter(done).flatMap((key) => Object.keys(timings[key].problems))])].map((id) => [
        `\`${id}\``,
        ...columns.map((key) => (done(key) ? fmtInt(timings[key].problems[id] ?? 0) : stopped(key))),
      ]),
    ),
    '',
  ];
  if (Object.keys(fixes).length > 0) {
    out.push(
      '`eslint --fix` on the violating models (the `python-all` rules):',
      '',
      table(
        ['classes', 'problems', 'fixable', 'fix passes', 'fixable left', 'problems left', 'still parses', 'time'],
        Object.entries(fixes).map(([size, f]) =>
          f.timedOut
            ? [fmtInt(Number(size) + 1), '', '', '', '', '', '', `stopped after ${f.timedOut / 1000} s`]
            : [
                fmtInt(Number(size) + 1),
                fmtInt(f.problemsBefore),
                fmtInt(f.fixableBefore),
                String(f.fixPasses),
                fmtInt(f.remainingFixable),
                fmtInt(Object.values(f.remaining).reduce((a, b) => a + b, 0)),
                f.parses ? 'yes' : '**no**',
                `${(f.wall / 1000).toFixed(1)} s`,
              ],
        ),
      ),
      '',
    );
  }
  const targets = [];
  for (const [size, f] of Object.entries(fixes)) {
    targets.push([
      `Python: \`eslint --fix\` on ${fmtInt(Number(size))} violating classes leaves a file that parses`,
      f.timedOut ? `stopped after ${f.timedOut / 1000} s` : f.parses ? 'parses' : 'does not parse',
      !f.timedOut && f.parses ? 'pass' : 'FAIL',
    ]);
  }
  return { lines: out, targets };
}
