// One measurement, in its own process (a fresh heap, so that one size's garbage does not slow the
// next): `node bench/lint-file.mjs '<job json>'` prints one JSON line with ESLint's own statistics.
//
// job.mode = 'timing': lint `job.file` with timingConfig() and `stats: true`, after linting
//   `job.warmup` once so that the JIT has compiled the parser, ESLint and the rules; repeat
//   `job.repeats` times and keep the median of each figure.
// job.mode = 'fix': `eslint --fix` on `job.file` with the plugin's rules only (the other rules fix
//   nothing), with `stats: true` for the number of fix passes; writes the fixed text next to it.
// job.language = 'python': `job.file` is a SQLModel models file, linted with the plugin's
//   `python-all` preset (there is no other ESLint plugin for SQLModel to compare with).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ESLint } from 'eslint';

import tsParser from '@typescript-eslint/parser';

import { parsePython } from '../dist/python/parse.js';
import { OUR_PREFIX, dataModeling, ourConfig, pythonConfig, timingConfig } from './configs.mjs';

const job = JSON.parse(process.argv[2] ?? '{}');
const isPython = job.language === 'python';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function countByRule(messages) {
  const counts = {};
  for (const message of messages) {
    const key = message.ruleId ?? (message.fatal ? '(fatal)' : '(none)');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function lintOnce(eslint, source, filePath) {
  const [result] = await eslint.lintText(source, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${filePath}: ${fatal.map((m) => `${m.line}:${m.column} ${m.message}`).join('; ')}`);
  return result;
}

async function timing() {
  const eslint = new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: isPython ? pythonConfig() : timingConfig(), stats: true });
  if (job.warmup) {
    const warm = await readFile(job.warmup, 'utf8');
    await lintOnce(eslint, warm, job.warmup);
  }
  const source = await readFile(job.file, 'utf8');
  const parse = [];
  const total = [];
  const rules = {};
  let result;
  for (let i = 0; i < (job.repeats ?? 1); i++) {
    result = await lintOnce(eslint, source, job.file);
    const [pass] = result.stats.times.passes;
    parse.push(pass.parse.total);
    total.push(pass.total);
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) (rules[ruleId] ??= []).push(time.total);
  }
  return {
    parse: median(parse),
    total: median(total),
    floor: await reportingFloor(result.messages.filter((m) => m.ruleId?.startsWith(OUR_PREFIX)), source),
    rules: Object.fromEntries(Object.entries(rules).map(([ruleId, times]) => [ruleId, median(times)])),
    samples: parse.length,
    problems: countByRule(result.messages),
    fixable: result.fixableErrorCount + result.fixableWarningCount,
  };
}

/**
 * ESLint's own cost of reporting the problems our rules reported: a rule per rule id that reports the
 * same messages, at the same places, with the same fixes and suggestions, all computed in advance, so
 * that its time is only what ESLint spends in `context.report()` (building each message, its fix and
 * its suggestions). No rule that reports these problems can cost less. Null when there are none.
 */
async function reportingFloor(messages, source) {
  if (messages.length === 0) return null;
  const byRule = new Map();
  for (const m of messages) {
    const name = m.ruleId.slice(OUR_PREFIX.length);
    if (!byRule.has(name)) byRule.set(name, []);
    byRule.get(name).push(m);
  }
  const rules = {};
  for (const [name, list] of byRule) {
    rules[name] = {
      meta: { type: 'problem', fixable: 'code', hasSuggestions: true, schema: [] },
      create(context) {
        return {
          [isPython ? 'Script:exit' : 'Program:exit']() {
            for (const m of list) {
              context.report({
                loc: { start: { line: m.line, column: m.column - 1 }, end: { line: m.endLine ?? m.line, column: (m.endColumn ?? m.column) - 1 } },
                message: m.message,
                fix: m.fix ? (fixer) => fixer.replaceTextRange(m.fix.range, m.fix.text) : null,
                suggest: m.suggestions?.map((s) => ({ desc: s.desc, fix: (fixer) => fixer.replaceTextRange(s.fix.range, s.fix.text) })),
              });
            }
          },
        };
      },
    };
  }
  const replay = Object.fromEntries(Object.keys(rules).map((name) => [`replay/${name}`, 'error']));
  const config = isPython
    ? [{ files: ['**/*.py'], language: 'data-modeling/python', plugins: { 'data-modeling': dataModeling, replay: { rules } }, rules: replay }]
    : [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { replay: { rules } }, rules: replay }];
  const eslint = new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: config, stats: true });
  const times = [];
  for (let i = 0; i <= (job.repeats ?? 1); i++) {
    const result = await lintOnce(eslint, source, job.file);
    if (result.messages.length !== messages.length) throw new Error(`replay reported ${result.messages.length} problems, not ${messages.length}`);
    const [pass] = result.stats.times.passes;
    if (i > 0) times.push(Object.values(pass.rules ?? {}).reduce((acc, time) => acc + time.total, 0)); // the first run warms up
  }
  return median(times);
}

async function fix() {
  const config = isPython ? pythonConfig() : ourConfig();
  const eslint = new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: config, stats: true, fix: true });
  const source = await readFile(job.file, 'utf8');
  const before = await new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: config }).lintText(source, {
    filePath: job.file,
  });
  const start = performance.now();
  const result = await lintOnce(eslint, source, job.file);
  const wall = performance.now() - start;
  const output = result.output ?? source;
  await writeFile(job.file.replace(/\.(ts|py)$/u, '.fixed.$1'), output);
  return {
    wall,
    fixPasses: result.stats.fixPasses,
    lintPasses: result.stats.times.passes.length,
    fixableBefore: before[0].fixableErrorCount + before[0].fixableWarningCount,
    problemsBefore: before[0].messages.length,
    remainingFixable: result.fixableErrorCount + result.fixableWarningCount,
    remaining: countByRule(result.messages),
    remainingFixableByRule: countByRule(result.messages.filter((m) => m.fix)),
    // A fixed Python file must still parse (ESLint re-parses it after every pass; this is the last text).
    ...(isPython ? { parses: parsePython(output).ok } : {}),
  };
}

const output = job.mode === 'fix' ? await fix() : await timing();
output.rss = process.memoryUsage().rss;
process.stdout.write(`${JSON.stringify(output)}\n`);
