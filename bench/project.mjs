// The project benchmark of `npm run bench` (see bench/README.md, "Projects"): whole-project lints of
// generated multi-file projects (bench/generate-project.mjs) with the ESLint CLI, each in a fresh
// process as in CI, once with the plugin's `recommended` preset and once with the same config and the
// plugin's rules off. The ratio of the two is what the plugin costs a project, its own start-up
// included. A run under bench/count-parses.mjs counts how many times each file is parsed.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { generateProject } from './generate-project.mjs';

const run = promisify(execFile);

/** The large project, and the small ones whose sum the target is about (20 to 70 files each). */
export const LARGE_TABLES = 1000;
export const SMALL_TABLES = [60, 100, 160, 240];
export const TARGET_RATIO = 1.2;

const CONFIGS = {
  on: (plugin) =>
    `import dataModeling from ${JSON.stringify(plugin)};\n\nexport default [{ ignores: ['eslint.*.config.mjs'] }, dataModeling.configs.recommended];\n`,
  off: (plugin) =>
    [
      `import dataModeling from ${JSON.stringify(plugin)};`,
      '',
      'const off = Object.fromEntries(Object.keys(dataModeling.configs.recommended.rules).map((id) => [id, "off"]));',
      '',
      "export default [{ ignores: ['eslint.*.config.mjs'] }, { ...dataModeling.configs.recommended, rules: off }];",
      '',
    ].join('\n'),
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sha1 = (text) => createHash('sha1').update(text).digest('hex');

async function writeProject(dir, tables) {
  await rm(dir, { recursive: true, force: true });
  const files = generateProject({ tables });
  for (const [name, text] of files) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return files;
}

/** One `eslint .` in a fresh Node process: its CPU and wall time, and the problems it found by rule. */
async function lintOnce(root, dir, config, { countParses = false } = {}) {
  const report = path.join(dir, `.eslint-${config}.json`);
  const counts = path.join(dir, `.parses-${config}.json`);
  const cpu = path.join(dir, `.cpu-${config}.json`);
  const preload = (name) => ['--import', pathToFileURL(path.join(root, 'bench', name)).href];
  const flags = countParses ? preload('count-parses.mjs') : preload('cpu-time.mjs');
  const args = [...flags, path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', `eslint.${config}.config.mjs`, '-f', 'json', '-o', report, '.'];
  const started = process.hrtime.bigint();
  try {
    await run(process.execPath, args, { cwd: dir, env: { ...process.env, BENCH_PARSE_COUNTS: counts, BENCH_CPU_TIME: cpu }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if (error.code !== 1) throw error; // 1: problems found
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const problems = {};
  for (const result of JSON.parse(await readFile(report, 'utf8'))) {
    for (const message of result.messages) problems[message.ruleId ?? 'fatal'] = (problems[message.ruleId ?? 'fatal'] ?? 0) + 1;
  }
  return {
    wall: ms,
    cpu: countParses ? null : JSON.parse(await readFile(cpu, 'utf8')).ms,
    problems,
    parses: countParses ? JSON.parse(await readFile(counts, 'utf8')) : null,
  };
}

/**
 * Parses per file: with the rules on, and how many of them the plugin added to ESLint's own (the same
 * lint with the rules off parses each linted file once).
 */
function parsesOf(files, on, off) {
  const byHash = new Map([...files].filter(([name]) => /\.[cm]?ts$/u.test(name)).map(([name, text]) => [sha1(text), name]));
  const extra = {};
  let unattributed = 0;
  for (const [hash, count] of Object.entries(on)) {
    const added = count - (off[hash] ?? 0);
    if (!byHash.has(hash)) unattributed += added;
    else if (added > 0) extra[byHash.get(hash)] = added;
  }
  const values = Object.values(extra);
  return {
    files: byHash.size,
    eslintParses: Object.values(off).reduce((a, b) => a + b, 0),
    pluginParsedFiles: values.length,
    pluginParses: values.reduce((a, b) => a + b, 0),
    maxPerFile: values.length ? Math.max(...values) : 0,
    worst: Object.entries(extra).filter(([, n]) => n > 1).map(([name]) => name).slice(0, 5),
    unattributed,
  };
}

/**
 * @param {{ root: string, outDir: string, repeats: number, log: (text: string) => void }} options
 */
export async function runProjectBench({ root, outDir, repeats, log }) {
  const plugin = pathToFileURL(path.join(root, 'dist', 'index.js')).href;
  const projects = [
    { kind: 'large', tables: LARGE_TABLES },
    ...SMALL_TABLES.map((tables) => ({ kind: 'small', tables })),
  ];
  const results = [];
  for (const project of projects) {
    const dir = path.join(outDir, 'projects', `project-${project.tables}`);
    const files = await writeProject(dir, project.tables);
    for (const [config, text] of Object.entries(CONFIGS)) await writeFile(path.join(dir, `eslint.${config}.config.mjs`), text(plugin));
    const tsFiles = [...files.keys()].filter((name) => name.endsWith('.ts')).length;
    log(`project ${project.tables} tables, ${tsFiles} files…`);
    const t = Date.now();
    // The counting runs come first and warm the disk cache up; they are not timed.
    const counted = { on: await lintOnce(root, dir, 'on', { countParses: true }), off: await lintOnce(root, dir, 'off', { countParses: true }) };
    const times = { on: [], off: [], wallOn: [], wallOff: [] };
    for (let i = 0; i < repeats; i++) {
      // Alternate, so that a slow moment of a shared machine falls on both.
      for (const config of i % 2 ? ['off', 'on'] : ['on', 'off']) {
        const { cpu, wall } = await lintOnce(root, dir, config);
        times[config].push(cpu);
        times[config === 'on' ? 'wallOn' : 'wallOff'].push(wall);
      }
    }
    results.push({
      ...project,
      files: tsFiles,
      bytes: [...files.values()].reduce((a, text) => a + Buffer.byteLength(text), 0),
      on: median(times.on),
      off: median(times.off),
      wallOn: median(times.wallOn),
      wallOff: median(times.wallOff),
      problems: counted.on.problems,
      parses: parsesOf(files, counted.on.parses, counted.off.parses),
    });
    log(` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return { repeats, results };
}

const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtInt = (n) => n.toLocaleString('en-US');

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** The "Projects" section of RESULTS.md, and its rows of the "Targets" table. */
export function renderProjectBench({ repeats, results }) {
  const large = results.filter((r) => r.kind === 'large');
  const small = results.filter((r) => r.kind === 'small');
  const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
  const smallRatio = sum(small, 'on') / sum(small, 'off');
  const out = [
    '## Projects: a whole-project lint in a fresh process',
    '',
    `Generated projects split across files (bench/generate-project.mjs: a drizzle.config.ts, helpers spread into every table, barrels, a relations file, a policies file with \`.link()\`, queries through the barrel). Each figure is the median of ${repeats} runs of the ESLint CLI (\`eslint .\`), each in a new Node process, as in CI: with the plugin's \`recommended\` preset, and with the same config and the plugin's rules off (so the parser and the loading of the plugin are in both). The ratio is of CPU time (user and system, every thread of the process, from bench/cpu-time.mjs), which a busy machine disturbs far less than wall time; the wall times are shown too. The small projects are added up, as the target is about such projects.`,
    '',
    table(
      ['project', 'files', 'tables', 'size', 'CPU, rules off', 'CPU, recommended', 'ratio', 'wall, rules off', 'wall, recommended', 'wall ratio'],
      [
        ...results.map((r) => [
          `${r.kind} (${fmtInt(r.tables)} tables)`,
          fmtInt(r.files),
          fmtInt(r.tables + 1),
          `${(r.bytes / 2 ** 20).toFixed(2)} MiB`,
          fmtS(r.off),
          fmtS(r.on),
          `${(r.on / r.off).toFixed(3)}×`,
          fmtS(r.wallOff),
          fmtS(r.wallOn),
          `${(r.wallOn / r.wallOff).toFixed(3)}×`,
        ]),
        [
          `**the ${small.length} small projects together**`,
          fmtInt(sum(small, 'files')),
          fmtInt(sum(small, 'tables') + small.length),
          '',
          `**${fmtS(sum(small, 'off'))}**`,
          `**${fmtS(sum(small, 'on'))}**`,
          `**${smallRatio.toFixed(3)}×**`,
          fmtS(sum(small, 'wallOff')),
          fmtS(sum(small, 'wallOn')),
          `${(sum(small, 'wallOn') / sum(small, 'wallOff')).toFixed(3)}×`,
        ],
      ],
    ),
    '',
    'Parses per file, counted by bench/count-parses.mjs in one more run of each config: "by the plugin" is what the run with the rules on parsed beyond the run with the rules off (ESLint parses each linted file once in both); "unattributed" counts parses of texts that are not files of the project.',
    '',
    table(
      ['project', 'files', 'parsed by ESLint', 'files the plugin parsed', 'parses by the plugin', 'most parses of one file by the plugin', 'unattributed'],
      results.map((r) => [
        `${r.kind} (${fmtInt(r.tables)} tables)`,
        fmtInt(r.parses.files),
        fmtInt(r.parses.eslintParses),
        fmtInt(r.parses.pluginParsedFiles),
        fmtInt(r.parses.pluginParses),
        `${r.parses.maxPerFile}${r.parses.worst.length ? ` (${r.parses.worst.join(', ')})` : ''}`,
        fmtInt(r.parses.unattributed),
      ]),
    ),
    '',
    'Problems the plugin reported (the projects follow the standard once their files are read together, so every problem here is a false report):',
    '',
    table(
      ['project', 'problems', 'by rule'],
      results.map((r) => [
        `${r.kind} (${fmtInt(r.tables)} tables)`,
        fmtInt(Object.values(r.problems).reduce((a, b) => a + b, 0)),
        Object.entries(r.problems)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([id, n]) => `${id}: ${fmtInt(n)}`)
          .join(', ') || '—',
      ]),
    ),
    '',
  ];
  const targets = [
    [
      `whole-project lint of the small projects (20–70 files) with \`recommended\` ≤ ${TARGET_RATIO}× the rules off`,
      `${smallRatio.toFixed(3)}× (CPU ${fmtS(sum(small, 'on'))} against ${fmtS(sum(small, 'off'))})`,
      smallRatio <= TARGET_RATIO ? 'pass' : 'FAIL',
    ],
    ...large.map((r) => [
      `whole-project lint of ${fmtInt(r.files)} files, ${fmtInt(r.tables)} tables with \`recommended\` ≤ ${TARGET_RATIO}× the rules off`,
      `${(r.on / r.off).toFixed(3)}× (CPU ${fmtS(r.on)} against ${fmtS(r.off)})`,
      r.on / r.off <= TARGET_RATIO ? 'pass' : 'FAIL',
    ]),
    [
      'every file parsed by the plugin at most once per process',
      results.map((r) => `${r.kind} ${fmtInt(r.tables)}: at most ${r.parses.maxPerFile}`).join(', '),
      results.every((r) => r.parses.maxPerFile <= 1) ? 'pass' : 'FAIL',
    ],
    [
      'no false report on the projects',
      results.map((r) => `${r.kind} ${fmtInt(r.tables)}: ${fmtInt(Object.values(r.problems).reduce((a, b) => a + b, 0))}`).join(', '),
      results.every((r) => Object.keys(r.problems).length === 0) ? 'pass' : 'FAIL',
    ],
  ];
  return { lines: out, targets };
}
