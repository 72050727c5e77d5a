// `npm run bench`: how much the plugin's rules cost next to parsing, how that grows with the size of a
// schema, and whether one `eslint --fix` fixes a large schema. See bench/README.md.
//
//   node bench/run.mjs [--sizes=100,1000,10000] [--fix-sizes=100,1000] [--timeout=<s>] [--profile]
//                      [--project-repeats=3] [--no-project | --project-only]
//                      [--python-sizes=1000] [--python-fix-sizes=1000] [--no-python | --python-only]
//
// With the default sizes the report is written to bench/RESULTS.md (and printed); with other sizes it
// goes to bench/.out/RESULTS.md. Each measurement runs in its own process and is stopped after a time
// limit that grows with the size (or --timeout seconds): a rule that is quadratic shows up as a
// timeout instead of a run that never ends. `--profile` runs every measurement under
// `node --cpu-prof` and leaves the .cpuprofile files in bench/.out/profiles; summarise one with
// `node bench/profile-summary.mjs <file>`. The project benchmark (bench/project.mjs) lints generated
// multi-file projects with the ESLint CLI in fresh processes; `--project-only` runs only that (quick),
// `--no-project` skips it. The Python benchmark (bench/python.mjs) lints generated SQLModel models with the
// plugin's `python-all` preset; `--python-only` runs only that, `--no-python` skips it.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { DRIZZLE_PREFIX, NAMING_RULE, OUR_PREFIX, ourRuleIds } from './configs.mjs';
import { describeSource, generateSchema } from './generate.mjs';
import { renderProjectBench, runProjectBench } from './project.mjs';
import { PYTHON_SIZES, renderPythonBench, runPythonBench } from './python.mjs';

const run = promisify(execFile);
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const OUT_DIR = path.join(BENCH_DIR, '.out');
const VARIANTS = ['compliant', 'violating'];
const DEFAULT_SIZES = [100, 1000, 10000];
/** `--fix` at 10,000 tables takes minutes (every pass parses 5 MiB again); ask for it with --fix-sizes. */
const DEFAULT_FIX_SIZES = [100, 1000];
const WARMUP_SIZE = 1000;

/** Targets of the issue. */
const TARGET_PERCENT = 3;
const TARGET_SIZES = [1000, 10000];
const LINEAR_LIMIT = 15; // 10x the tables: 10 is linear; allow 50% for GC and cache effects
const FIX_TARGET_SIZE = 1000;

// ---------------------------------------------------------------------------------------------------

function option(name, fallback) {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : true;
}

function sizesOption(name, fallback) {
  const value = option(name, null);
  if (value === null) return fallback;
  return String(value)
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: not a table count: ${s}`);
      return n;
    });
}

const projectOnly = option('project-only', false) === true;
const pythonOnly = option('python-only', false) === true;
const withProject = !pythonOnly && (projectOnly || option('no-project', false) !== true);
const projectRepeats = Number(option('project-repeats', 3));
const sizes = projectOnly || pythonOnly ? [] : sizesOption('sizes', DEFAULT_SIZES);
const fixSizes = projectOnly || pythonOnly ? [] : sizesOption('fix-sizes', DEFAULT_FIX_SIZES);
const withPython = pythonOnly || (!projectOnly && option('no-python', false) !== true);
const pythonSizes = withPython ? sizesOption('python-sizes', PYTHON_SIZES) : [];
const pythonFixSizes = withPython ? sizesOption('python-fix-sizes', PYTHON_SIZES) : [];
const profile = option('profile', false) === true;
const timeoutOption = option('timeout', null);
const isDefaultRun =
  sizes.join() === DEFAULT_SIZES.join() &&
  fixSizes.join() === DEFAULT_FIX_SIZES.join() &&
  withProject &&
  projectRepeats === 3 &&
  pythonSizes.join() === PYTHON_SIZES.join() &&
  pythonFixSizes.join() === PYTHON_SIZES.join();
const resultsFile = isDefaultRun ? path.join(BENCH_DIR, 'RESULTS.md') : path.join(OUT_DIR, 'RESULTS.md');

/** Time limit of one measurement, in ms: generous for a linear plugin on a slow, shared machine. */
function limitFor(size) {
  if (timeoutOption !== null) return Number(timeoutOption) * 1000;
  return size <= 100 ? 60_000 : size <= 1000 ? 150_000 : 480_000;
}

/** Runs one measurement in a child process; `{ timedOut: limit }` when it took longer than the limit. */
async function measure(job, size) {
  const flags = ['--max-old-space-size=8192'];
  if (profile) {
    const dir = path.join(OUT_DIR, 'profiles');
    await mkdir(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${job.mode}-${path.basename(job.file, '.ts')}.cpuprofile`);
  }
  const limit = limitFor(size);
  try {
    const { stdout } = await run(process.execPath, [...flags, path.join(BENCH_DIR, 'lint-file.mjs'), JSON.stringify(job)], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      timeout: limit,
      killSignal: 'SIGKILL',
    });
    return JSON.parse(stdout.trim().split('\n').at(-1));
  } catch (error) {
    if (error.killed) return { timedOut: limit };
    throw error;
  }
}

/**
 * Runs per measurement. A lint of a large file spends its time among the garbage collector's pauses, and
 * one pause more or less in a rule moves its figure by several milliseconds: the median needs runs.
 */
function repeatsFor(size) {
  return size <= 100 ? 5 : size <= 1000 ? 7 : 3;
}

async function versionOf(pkg) {
  const json = JSON.parse(await readFile(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
  return json.version;
}

// ---------------------------------------------------------------------------------------------------
// formatting

const fmtInt = (n) => n.toLocaleString('en-US');
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtPct = (p) => (p >= 10 ? p.toFixed(1) : p.toFixed(2));
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(1)}×` : 'n/a');

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function sum(rules, predicate) {
  return Object.entries(rules)
    .filter(([id]) => predicate(id))
    .reduce((acc, [, t]) => acc + t, 0);
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  await mkdir(OUT_DIR, { recursive: true });
  const ours = ourRuleIds();

  // Generate every file up front. Before a measurement, ESLint lints the same file once (sizes up to
  // 1,000 tables) or a 1,000-table file (larger sizes), so that the JIT has optimised the parser, ESLint
  // and the rules for this kind of input.
  const files = {};
  const warmups = {};
  for (const variant of VARIANTS) {
    const warmup = path.join(OUT_DIR, `warmup-${variant}.ts`);
    if (sizes.some((size) => size > WARMUP_SIZE)) await writeFile(warmup, generateSchema(WARMUP_SIZE, variant));
    warmups[variant] = warmup;
    for (const size of new Set([...sizes, ...fixSizes])) {
      const file = path.join(OUT_DIR, `schema-${size}-${variant}.ts`);
      const source = generateSchema(size, variant);
      await writeFile(file, source);
      files[`${size}:${variant}`] = { file, ...describeSource(source) };
    }
  }

  const timings = {};
  for (const size of sizes) {
    for (const variant of VARIANTS) {
      const { file } = files[`${size}:${variant}`];
      process.stderr.write(`lint  ${fmtInt(size).padStart(6)} tables, ${variant}…`);
      const t = Date.now();
      const warmup = size > WARMUP_SIZE ? warmups[variant] : file;
      const result = await measure({ mode: 'timing', file, warmup, repeats: repeatsFor(size) }, size);
      timings[`${size}:${variant}`] = result;
      process.stderr.write(result.timedOut ? ` stopped after ${result.timedOut / 1000} s\n` : ` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    }
  }

  const fixes = {};
  for (const size of fixSizes) {
    const { file } = files[`${size}:violating`];
    process.stderr.write(`fix   ${fmtInt(size).padStart(6)} tables, violating…`);
    const t = Date.now();
    const result = await measure({ mode: 'fix', file }, size);
    fixes[size] = result;
    process.stderr.write(result.timedOut ? ` stopped after ${result.timedOut / 1000} s\n` : ` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }

  const project = withProject
    ? await runProjectBench({ root: ROOT, outDir: OUT_DIR, repeats: projectRepeats, log: (text) => process.stderr.write(text) })
    : null;

  const python = withPython
    ? await runPythonBench({ outDir: OUT_DIR, sizes: pythonSizes, fixSizes: pythonFixSizes, measure, repeatsFor, log: (text) => process.stderr.write(text) })
    : null;

  const report = await render({ ours, files, timings, fixes, project, python, seconds: (Date.now() - started) / 1000 });
  await writeFile(resultsFile, report);
  process.stdout.write(`${report}\n`);
  process.stderr.write(`\nWrote ${path.relative(ROOT, resultsFile)}\n`);
  if (!report.includes('| FAIL |')) return;
  process.stderr.write('Some targets were missed (see "Targets").\n');
  process.exitCode = 1;
}

async function render({ ours, files, timings, fixes, project, python, seconds }) {
  const cpus = os.cpus();
  const columns = sizes.flatMap((size) => VARIANTS.map((variant) => `${size}:${variant}`));
  const done = (key) => timings[key] && !timings[key].timedOut;
  const columnTitle = (key) => {
    const [size, variant] = key.split(':');
    return `${fmtInt(Number(size))} ${variant}`;
  };
  const stopped = (key) => `stopped after ${timings[key].timedOut / 1000} s`;
  const allRuleIds = new Set(columns.filter(done).flatMap((key) => Object.keys(timings[key].rules)));
  const drizzleIds = [...allRuleIds].filter((id) => id.startsWith(DRIZZLE_PREFIX)).sort();
  const ourTotal = (key) => sum(timings[key].rules, (id) => id.startsWith(OUR_PREFIX));
  const drizzleTotal = (key) => sum(timings[key].rules, (id) => id.startsWith(DRIZZLE_PREFIX));
  const cell = (key, pick) => {
    if (!done(key)) return stopped(key);
    const ms = pick(key);
    return `${fmtMs(ms)} ms (${fmtPct((100 * ms) / timings[key].parse)}%)`;
  };
  const ruleTime = (id) => (key) => timings[key].rules[id] ?? 0;

  const out = [];
  out.push(
    '# Benchmark results',
    '',
    '<!-- Generated by `npm run bench` (bench/run.mjs); do not edit by hand. See bench/README.md. -->',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${os.availableParallelism()} CPUs (\`nproc\`), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(1)} at the end`,
    `- Node ${process.version}, ESLint ${await versionOf('eslint')}, @typescript-eslint/parser ${await versionOf('@typescript-eslint/parser')}, eslint-plugin-drizzle ${await versionOf('eslint-plugin-drizzle')}`,
    pythonOnly
      ? "- Rules measured: the plugin's `python-all` preset"
      : `- Rules measured: the ${ours.length} rules of the plugin's \`all\` preset, eslint-plugin-drizzle's ${drizzleIds.length || 2}, and \`${NAMING_RULE}\` (object keys in snake_case, no type information)`,
    sizes.length === 0
      ? `- Whole run: ${seconds.toFixed(0)} s, ${pythonOnly ? 'the Python benchmark only (`--python-only`)' : 'the project benchmark only (`--project-only`)'}.`
      : `- Whole run: ${seconds.toFixed(0)} s. Times are ESLint's own (\`stats: true\`, as \`--stats\`), the median of ${sizes.map(repeatsFor).join('/')} runs for ${sizes.map(fmtInt).join('/')} tables, after a warm-up run (on a ${fmtInt(WARMUP_SIZE)}-table file for larger sizes).`,
    '',
  );
  const projectSection = project ? renderProjectBench(project) : null;
  const pythonSection = python ? renderPythonBench(python) : null;
  if (sizes.length === 0) {
    const targets = [...(projectSection?.targets ?? []), ...(pythonSection?.targets ?? [])];
    out.push(...(projectSection?.lines ?? []), ...(pythonSection?.lines ?? []), '## Targets', '', table(['target', 'measured', 'result'], targets), '');
    return out.join('\n');
  }
  out.push(
    '## Files',
    '',
    table(
      ['file', 'tables', 'lines', 'size', 'parse'],
      columns.map((key) => {
        const [size, variant] = key.split(':');
        const f = files[key];
        return [
          `schema-${size}-${variant}.ts`,
          fmtInt(Number(size) + 1),
          fmtInt(f.lines),
          `${(f.bytes / 2 ** 20).toFixed(2)} MiB`,
          done(key) ? `${fmtMs(timings[key].parse)} ms` : stopped(key),
        ];
      }),
    ),
    '',
    "## Rule time as a share of the file's parse time",
    '',
    "Each cell: the rule's time in ms (its `create()` and listeners, including the fixes and suggestions it computes when it reports, and building the shared schema model for the first of our rules that asks), and in brackets that time as a percentage of the time the parser took on the same file.",
    '',
  );
  const rows = [];
  for (const id of ours) rows.push([`\`${id}\``, ...columns.map((key) => cell(key, ruleTime(id)))]);
  rows.push([`**all ${ours.length} data-modeling rules**`, ...columns.map((key) => `**${cell(key, ourTotal)}**`)]);
  rows.push([
    "_ESLint's own reporting of the same problems (the floor)_",
    ...columns.map((key) => (done(key) && timings[key].floor !== null ? `_${cell(key, () => timings[key].floor)}_` : '—')),
  ]);
  for (const id of drizzleIds) rows.push([`\`${id}\``, ...columns.map((key) => cell(key, ruleTime(id)))]);
  rows.push(['**eslint-plugin-drizzle (both rules)**', ...columns.map((key) => `**${cell(key, drizzleTotal)}**`)]);
  rows.push([`\`${NAMING_RULE}\``, ...columns.map((key) => cell(key, ruleTime(NAMING_RULE)))]);
  out.push(
    table(['rule', ...columns.map(columnTitle)], rows),
    '',
    "The floor is what ESLint itself spends reporting the problems our rules reported, measured with rules that report the same messages at the same places with the same fixes and suggestions, all computed in advance (bench/lint-file.mjs, `reportingFloor`). Any rule that reports those problems pays it inside its own time, so on the violating files no implementation of these rules can cost less.",
    '',
  );

  // growth
  const growthSizes = [1000, 10000].every((s) => sizes.includes(s)) ? [1000, 10000] : sizes.length >= 2 ? sizes.slice(-2) : null;
  const growthOf = (variant, pick) => {
    const [small, large] = growthSizes;
    const a = `${small}:${variant}`;
    const b = `${large}:${variant}`;
    if (!done(a)) return null;
    if (!done(b)) return { ratio: timings[b].timedOut / pick(a), atLeast: true, perSmall: (1000 * pick(a)) / small };
    return { ratio: pick(b) / pick(a), atLeast: false, perSmall: (1000 * pick(a)) / small, perLarge: (1000 * pick(b)) / large };
  };
  if (growthSizes) {
    const [small, large] = growthSizes;
    const factor = large / small;
    out.push(
      `## Growth from ${fmtInt(small)} to ${fmtInt(large)} tables`,
      '',
      `Time at ${fmtInt(large)} tables divided by time at ${fmtInt(small)} (${factor}× the tables: ${factor}× is linear growth), and the time per table in µs.`,
      '',
    );
    const entries = [
      ['parse', (key) => timings[key].parse],
      ...ours.map((id) => [`\`${id}\``, ruleTime(id)]),
      ['**all data-modeling rules**', ourTotal],
      ['eslint-plugin-drizzle (both rules)', drizzleTotal],
      [`\`${NAMING_RULE}\``, ruleTime(NAMING_RULE)],
    ];
    const growthRows = entries.map(([label, pick]) => [
      label,
      ...VARIANTS.flatMap((variant) => {
        const g = growthOf(variant, pick);
        if (!g) return ['n/a', 'n/a'];
        if (g.atLeast) return [`> ${fmtRatio(g.ratio)} (stopped)`, `${g.perSmall.toFixed(1)} → ?`];
        return [fmtRatio(g.ratio), `${g.perSmall.toFixed(1)} → ${g.perLarge.toFixed(1)}`];
      }),
    ]);
    out.push(table(['', ...VARIANTS.flatMap((v) => [`${v}: growth`, `${v}: µs per table`])], growthRows), '');
  }

  // fix
  if (Object.keys(fixes).length > 0) {
    out.push(
      '## `eslint --fix` on the violating schemas',
      '',
      "The plugin's rules only (the other plugins fix nothing). ESLint re-lints after each pass that changed the file and stops after 10 passes; \"fix passes\" is `stats.fixPasses`, the passes that applied fixes.",
      '',
      table(
        ['tables', 'problems', 'fixable', 'fix passes', 'lint passes', 'fixable left', 'problems left (no fix: a human decides)', 'time'],
        Object.entries(fixes).map(([size, f]) => {
          if (f.timedOut) return [fmtInt(Number(size) + 1), '', '', '', '', '', '', `stopped after ${f.timedOut / 1000} s`];
          return [
            fmtInt(Number(size) + 1),
            fmtInt(f.problemsBefore),
            fmtInt(f.fixableBefore),
            String(f.fixPasses),
            String(f.lintPasses),
            f.remainingFixable === 0
              ? '0'
              : `**${fmtInt(f.remainingFixable)}** (${Object.entries(f.remainingFixableByRule)
                  .map(([id, n]) => `${id}: ${n}`)
                  .join(', ')})`,
            fmtInt(Object.values(f.remaining).reduce((a, b) => a + b, 0)),
            `${(f.wall / 1000).toFixed(1)} s`,
          ];
        }),
      ),
      '',
    );
  }

  // targets
  const targets = [];
  for (const size of TARGET_SIZES.filter((s) => sizes.includes(s))) {
    const keys = VARIANTS.map((v) => `${size}:${v}`);
    if (!keys.every(done)) {
      targets.push([`all our rules ≤ ${TARGET_PERCENT}% of parse time at ${fmtInt(size)} tables`, keys.filter((k) => !done(k)).map((k) => `${columnTitle(k)}: ${stopped(k)}`).join('; '), 'FAIL']);
      continue;
    }
    const percent = (key) => (100 * ourTotal(key)) / timings[key].parse;
    const worst = Math.max(...keys.map(percent));
    const floors = keys.filter((key) => timings[key].floor !== null).map((key) => `${fmtPct((100 * timings[key].floor) / timings[key].parse)}% on ${key.split(':')[1]}`);
    targets.push([
      `all our rules ≤ ${TARGET_PERCENT}% of parse time at ${fmtInt(size)} tables`,
      `${keys.map((key) => `${key.split(':')[1]} ${fmtPct(percent(key))}%`).join(', ')}${floors.length > 0 ? ` (ESLint's reporting alone: ${floors.join(', ')})` : ''}`,
      worst <= TARGET_PERCENT ? 'pass' : 'FAIL',
    ]);
  }
  if (growthSizes) {
    const [small, large] = growthSizes;
    const limit = (LINEAR_LIMIT * large) / small / 10;
    const growths = VARIANTS.map((v) => growthOf(v, ourTotal));
    const ok = growths.every((g) => g && !g.atLeast && g.ratio <= limit);
    targets.push([
      `linear growth ${fmtInt(small)} → ${fmtInt(large)} tables (≤ ${limit}×)`,
      VARIANTS.map((v, i) => `${v} ${growths[i] ? `${growths[i].atLeast ? '> ' : ''}${fmtRatio(growths[i].ratio)}` : 'n/a'}`).join(', '),
      ok ? 'pass' : 'FAIL',
    ]);
  }
  if (fixes[FIX_TARGET_SIZE]) {
    const f = fixes[FIX_TARGET_SIZE];
    targets.push([
      `one \`eslint --fix\` leaves no fixable problem at ${fmtInt(FIX_TARGET_SIZE)} tables`,
      f.timedOut ? `stopped after ${f.timedOut / 1000} s` : `${fmtInt(f.remainingFixable)} fixable left after ${f.fixPasses} fix passes`,
      !f.timedOut && f.remainingFixable === 0 ? 'pass' : 'FAIL',
    ]);
  }
  if (projectSection) {
    out.push(...projectSection.lines);
    targets.push(...projectSection.targets);
  }
  if (pythonSection) {
    out.push(...pythonSection.lines);
    targets.push(...pythonSection.targets);
  }
  out.push('## Targets', '', table(['target', 'measured', 'result'], targets), '');

  // what the rules found: shows each rule had work to do
  const measured = columns.filter(done);
  out.push(
    '## Problems reported',
    '',
    'Per rule and file, so that the timings above are known to include real work: every rule reports on the violating files, none of ours on the compliant ones.',
    '',
  );
  const reported = [...new Set([...ours, ...drizzleIds, NAMING_RULE, ...measured.flatMap((key) => Object.keys(timings[key].problems))])];
  out.push(
    table(
      ['rule', ...columns.map(columnTitle)],
      reported.map((id) => [`\`${id}\``, ...columns.map((key) => (done(key) ? fmtInt(timings[key].problems[id] ?? 0) : stopped(key)))]),
    ),
    '',
  );
  const notes = [];
  for (const id of ours) {
    const violating = measured.filter((k) => k.endsWith(':violating'));
    if (violating.length > 0 && violating.every((key) => !timings[key].problems[id])) {
      notes.push(`- \`${id}\` reported nothing on the violating schemas: bench/generate.mjs does not break it yet, so its time above is its idle cost.`);
    }
    const compliantHits = measured.filter((k) => k.endsWith(':compliant')).reduce((acc, key) => acc + (timings[key].problems[id] ?? 0), 0);
    if (compliantHits > 0) notes.push(`- \`${id}\` reported ${fmtInt(compliantHits)} problems on the compliant schemas: either the generator or the rule is wrong.`);
  }
  if (notes.length > 0) out.push('Notes:', '', ...notes, '');
  return out.join('\n');
}

await main();
