// One measurement, in its own process (a fresh heap, so that one size's garbage does not slow the
// next): `node bench/lint-file.mjs '<job json>'` prints one JSON line with ESLint's own statistics.
//
// job.mode = 'timing': lint `job.file` with timingConfig() and `stats: true`, after linting
//   `job.warmup` once so that the JIT has compiled the parser, ESLint and the rules; repeat
//   `job.repeats` times and keep the median of each figure.
// job.mode = 'fix': `eslint --fix` on `job.file` with the plugin's rules only (the other rules fix
//   nothing), with `stats: true` for the number of fix passes; writes the fixed text next to it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { ESLint } from 'eslint';

import { ourConfig, timingConfig } from './configs.mjs';

const job = JSON.parse(process.argv[2] ?? '{}');

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
  const eslint = new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: timingConfig(), stats: true });
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
    rules: Object.fromEntries(Object.entries(rules).map(([ruleId, times]) => [ruleId, median(times)])),
    samples: parse.length,
    problems: countByRule(result.messages),
    fixable: result.fixableErrorCount + result.fixableWarningCount,
  };
}

async function fix() {
  const eslint = new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: ourConfig(), stats: true, fix: true });
  const source = await readFile(job.file, 'utf8');
  const before = await new ESLint({ cwd: path.dirname(job.file), overrideConfigFile: true, overrideConfig: ourConfig() }).lintText(source, {
    filePath: job.file,
  });
  const start = performance.now();
  const result = await lintOnce(eslint, source, job.file);
  const wall = performance.now() - start;
  const output = result.output ?? source;
  await writeFile(job.file.replace(/\.ts$/u, '.fixed.ts'), output);
  return {
    wall,
    fixPasses: result.stats.fixPasses,
    lintPasses: result.stats.times.passes.length,
    fixableBefore: before[0].fixableErrorCount + before[0].fixableWarningCount,
    problemsBefore: before[0].messages.length,
    remainingFixable: result.fixableErrorCount + result.fixableWarningCount,
    remaining: countByRule(result.messages),
    remainingFixableByRule: countByRule(result.messages.filter((m) => m.fix)),
  };
}

const output = job.mode === 'fix' ? await fix() : await timing();
output.rss = process.memoryUsage().rss;
process.stdout.write(`${JSON.stringify(output)}\n`);
