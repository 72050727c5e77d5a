/**
 * Integration-test support: lint and fix source text with the plugin through ESLint's Node API, the way
 * `eslint --fix` does (same config shape as a user's eslint.config.js).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import dataModeling from '../../../src/index.js';
import { PROJECT_ROOT } from './drizzle.js';

export type Preset = 'recommended' | 'strict' | 'all';

export interface LintOptions {
  preset?: Preset;
  /** `settings["data-modeling"]`. */
  settings?: Record<string, unknown>;
  /** Extra rule entries (`"data-modeling/require-rls": ["error", { adminRole: "admin" }]`). */
  rules?: Linter.RulesRecord;
  /** Run only these plugin rules of the preset (names without the prefix); the others are turned off. */
  only?: string[];
  /** Virtual file name, relative to the project root. */
  filePath?: string;
}

export function createESLint(options: LintOptions & { fix?: boolean; cwd?: string } = {}): ESLint {
  const config: Linter.Config[] = [
    dataModeling.configs[options.preset ?? 'recommended'] as Linter.Config,
    {
      ...(options.settings ? { settings: { 'data-modeling': options.settings } } : {}),
      ...(options.rules ? { rules: options.rules } : {}),
    },
    ...(options.only ? [{ rules: onlyRules(options.only) }] : []),
  ];
  return new ESLint({ cwd: options.cwd ?? PROJECT_ROOT, overrideConfigFile: true, overrideConfig: config, fix: options.fix ?? false });
}

function onlyRules(names: string[]): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const name of Object.keys(dataModeling.rules)) if (!names.includes(name)) out[`data-modeling/${name}`] = 'off';
  return out;
}

export interface FixResult {
  /** The fixed source (the input when nothing was fixed). */
  output: string;
  /** Problems left after fixing. */
  remaining: Linter.LintMessage[];
}

/** `eslint --fix` on one source text: returns the fixed text and what is left. */
export async function lintAndFix(source: string, options: LintOptions = {}): Promise<FixResult> {
  const eslint = createESLint({ ...options, fix: true });
  const [result] = await eslint.lintText(source, { filePath: path.join(PROJECT_ROOT, options.filePath ?? 'schema.ts') });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`Parsing failed: ${fatal.map((m) => m.message).join('; ')}`);
  return { output: result.output ?? source, remaining: result.messages };
}

/**
 * `eslint --fix` on files on disk, run in `dir` as in a project's root (so the project layer sees the
 * files' siblings, drizzle.config or alembic.ini): writes the fixes, and returns the problems left,
 * by path relative to `dir` (files with none are left out).
 */
export async function fixProject(dir: string, patterns: string[], options: LintOptions = {}): Promise<Record<string, Linter.LintMessage[]>> {
  const results = await createESLint({ ...options, fix: true, cwd: dir }).lintFiles(patterns);
  await ESLint.outputFixes(results);
  const remaining: Record<string, Linter.LintMessage[]> = {};
  for (const result of results) {
    if (result.messages.length > 0) remaining[path.relative(dir, result.filePath).split(path.sep).join('/')] = result.messages;
  }
  return remaining;
}

/** Lints without fixing. */
export async function lint(source: string, options: LintOptions = {}): Promise<Linter.LintMessage[]> {
  const eslint = createESLint(options);
  const [result] = await eslint.lintText(source, { filePath: path.join(PROJECT_ROOT, options.filePath ?? 'schema.ts') });
  return result?.messages ?? [];
}

/**
 * A schema module of `count` tables `t0`…, each with the given column lines, after the given
 * `drizzle-orm/pg-core` imports: the input of the "one --fix run fixes hundreds of tables" tests.
 */
export function manyTables(count: number, imports: string[], columns: string[]): string {
  const body = columns.map((c) => `  ${c},\n`).join('');
  const tables = Array.from({ length: count }, (_, i) => `export const t${i} = pgTable('t${i}', {\n${body}});\n`);
  return [`import { ${imports.join(', ')} } from 'drizzle-orm/pg-core';`, '', ...tables].join('\n');
}

/** Builds `dist/` when it is missing, for tests that load the plugin as a user installs it (by its name). */
export function ensureBuilt(): void {
  if (existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js'))) return;
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(PROJECT_ROOT, 'tsconfig.build.json')], {
    cwd: PROJECT_ROOT,
  });
}

/** One file of the ESLint CLI's `--format json` output. */
export interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string; fix?: unknown; fatal?: boolean }[];
}
