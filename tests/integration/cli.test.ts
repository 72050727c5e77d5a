/**
 * Large repositories run ESLint with `--cache` and `--concurrency`: the real `eslint` CLI (ESLint 10)
 * over a directory of schema files must give the same results from the cache as from linting, and the
 * same results (and the same `--fix` output) on worker threads as on one thread. The plugin keeps no
 * state across files (its model is cached per Program), which is what makes both safe.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type JsonResult } from './support/eslint.js';

import { PROJECT_ROOT } from './support/drizzle.js';

const run = promisify(execFile);
const ESLINT_BIN = path.join(PROJECT_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const FILE_COUNT = 6;

/** A schema file with problems of several rules; `i` varies names and shapes so files differ. */
function schemaFile(i: number): string {
  return `import { boolean, index, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const projects${i} = pgTable('projects_${i}', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id').references(() => tenants.id),
  name: text('name').notNull(),
  ${i % 2 === 0 ? "archived: boolean('archived').default(false).notNull()," : "is_archived: boolean('is_archived').default(false).notNull(),"}
  created_at: timestamp('created_at').defaultNow().notNull(),
});

export const tasks${i} = pgTable(
  'tasks${i}',
  {
    id: ${i % 3 === 0 ? "serial('id').primaryKey()" : "uuid('id').primaryKey()"},
    tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
    project_id: uuid('project_id').notNull().references(() => projects${i}.id),
    title: text('title').notNull(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updated_at: timestamp('updated_at').defaultNow().notNull(),
  },
  (t) => [index('tasks${i}_tenant_id_idx').on(t.tenant_id)],
);
`;
}

const TENANTS = `import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  created_at: timestamp('created_at').defaultNow().notNull(),
  updated_at: timestamp('updated_at').defaultNow().notNull(),
});
`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}


let root: string;
let project: string;

/** Runs the ESLint CLI in `cwd`; exit code 1 (problems found) is a normal outcome. */
async function eslint(cwd: string, args: readonly string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.DEBUG;
  try {
    const { stdout, stderr } = await run(process.execPath, [ESLINT_BIN, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The JSON formatter's results, by file name relative to `cwd`, without timing-dependent fields. */
function parse(result: CliResult, cwd: string): { file: string; messages: JsonResult['messages'] }[] {
  expect(result.code, result.stderr).toBe(1);
  const results = JSON.parse(result.stdout) as JsonResult[];
  return results
    .map((r) => ({
      file: path.relative(cwd, r.filePath).split(path.sep).join('/'),
      messages: r.messages.map(({ ruleId, line, column, endLine, endColumn, message, fix }) => ({ ruleId, line, column, endLine, endColumn, message, fix })),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

function skipped(stderr: string): string[] {
  return [...stderr.matchAll(/Skipping file since it hasn't changed: (.+)$/gmu)].map((m) => path.basename(m[1]!.trim()));
}

async function makeProject(dir: string): Promise<void> {
  await writeFile(path.join(dir, 'eslint.config.js'), "import dataModeling from 'eslint-plugin-data-modeling';\n\nexport default [dataModeling.configs.recommended];\n");
  await writeFile(path.join(dir, 'tenants.ts'), TENANTS);
  for (let i = 0; i < FILE_COUNT; i++) await writeFile(path.join(dir, `schema-${i}.ts`), schemaFile(i));
}

beforeAll(async () => {
  ensureBuilt();
  // Inside the project, so that `eslint-plugin-data-modeling` resolves to this package (self-reference).
  root = await mkdtemp(path.join(PROJECT_ROOT, 'tests', '.tmp-cli-'));
  project = path.join(root, 'project');
  await mkdir(project);
  await makeProject(project);
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('eslint CLI (ESLint 10) with the plugin', () => {
  it('--cache: the second run reads every result from the cache, unchanged; an edited file is linted again', async () => {
    const cacheLocation = path.join(root, 'cache', '.eslintcache');
    const args = ['--format', 'json', '--cache', '--cache-location', cacheLocation, '--debug', '.'];

    const first = await eslint(project, args);
    const linted = parse(first, project);
    expect(linted.map((r) => r.file)).toEqual(['eslint.config.js', 'schema-0.ts', 'schema-1.ts', 'schema-2.ts', 'schema-3.ts', 'schema-4.ts', 'schema-5.ts', 'tenants.ts']);
    expect(linted.flatMap((r) => r.messages).length).toBeGreaterThan(FILE_COUNT * 3);
    expect(linted.flatMap((r) => r.messages).every((m) => m.ruleId?.startsWith('data-modeling/'))).toBe(true);
    expect(skipped(first.stderr)).toEqual([]);
    expect(existsSync(cacheLocation)).toBe(true);

    const second = await eslint(project, args);
    expect(parse(second, project)).toEqual(linted);
    expect(skipped(second.stderr).sort()).toEqual(linted.map((r) => r.file).sort());

    // Edit one file: it alone is linted again, and its new result is what a run without cache gives.
    const edited = path.join(project, 'schema-1.ts');
    await writeFile(edited, (await readFile(edited, 'utf8')).replace("tenant_id: uuid('tenant_id').references", "tenant_id: uuid('tenant_id').notNull().references"));
    const third = await eslint(project, args);
    expect(skipped(third.stderr)).not.toContain('schema-1.ts');
    expect(skipped(third.stderr)).toHaveLength(linted.length - 1);
    const fresh = parse(await eslint(project, ['--format', 'json', '.']), project);
    expect(parse(third, project)).toEqual(fresh);
    expect(fresh).not.toEqual(linted);
  });

  it('--concurrency 2: worker threads give the same results and the same --fix output as one thread', async () => {
    const parallel = await eslint(project, ['--format', 'json', '--concurrency', '2', '--debug', '.']);
    expect(parallel.stderr).toMatch(/Linting using 2 worker thread\(s\)/u);
    const serial = await eslint(project, ['--format', 'json', '--concurrency', 'off', '.']);
    expect(parse(parallel, project)).toEqual(parse(serial, project));

    const fixSerial = path.join(root, 'fix-serial');
    const fixParallel = path.join(root, 'fix-parallel');
    await cp(project, fixSerial, { recursive: true });
    await cp(project, fixParallel, { recursive: true });
    const a = await eslint(fixSerial, ['--format', 'json', '--fix', '--concurrency', 'off', '.']);
    const b = await eslint(fixParallel, ['--format', 'json', '--fix', '--concurrency', '2', '.']);
    expect(parse(b, fixParallel)).toEqual(parse(a, fixSerial));
    const changed: string[] = [];
    for (const file of await readdir(fixSerial)) {
      const serialText = await readFile(path.join(fixSerial, file), 'utf8');
      expect(await readFile(path.join(fixParallel, file), 'utf8'), file).toBe(serialText);
      if (serialText !== (await readFile(path.join(project, file), 'utf8'))) changed.push(file);
    }
    expect(changed).toEqual(expect.arrayContaining(Array.from({ length: FILE_COUNT }, (_, i) => `schema-${i}.ts`)));
  });
});
