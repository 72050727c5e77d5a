/**
 * The project layer under typed linting (`parserOptions.projectService` or `project`): on fixture
 * projects of imported helpers, tables, barrels, policies, conditions and relations, every rule gives the
 * same reports as without types (the Program only resolves module specifiers), none twice, and
 * no-hard-delete still sees the tables queries import through the barrel and `import * as schema`.
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { clearSummaries } from '../../src/project/summary.js';

const PROJECTS = path.resolve(import.meta.dirname, '../fixtures/projects');
/** Type-checking a project against drizzle-orm takes a while on a busy machine. */
const HEAVY = 120_000;

/**
 * `project` is typescript-eslint's watch Programs (an editor's case); `project-single-run` is its single
 * run, which it infers under `CI=true` and in a CLI run without `--fix`: one Program made ahead for the
 * whole project, and for a file parsed again in the same process (a pass of `--fix` through the API, a
 * second lint) an isolated Program of that file alone, which resolves no import.
 */
type Typed = 'untyped' | 'projectService' | 'project' | 'project-single-run';

/** Files linted with a TypeScript Program (typed linting in effect), recorded by a probe rule. */
const typedFiles = new Set<string>();
const probe = {
  rules: {
    typed: {
      meta: { type: 'problem' as const, schema: [] },
      create(context: { filename: string; sourceCode: { parserServices?: { program?: unknown } } }) {
        if (context.sourceCode.parserServices?.program) typedFiles.add(context.filename);
        return {};
      },
    },
  },
};

function eslint(cwd: string, typed: Typed, fix = false): ESLint {
  const config: Linter.Config[] = [
    dataModeling.configs.all as Linter.Config,
    { rules: { 'data-modeling/require-foreign-keys': ['error', { requireRelations: true }] } },
    { plugins: { probe: probe as never }, rules: { 'probe/typed': 'error' } },
  ];
  if (typed === 'projectService') config.push({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } });
  // The mode is pinned (see `lint`), so that each means the same on a laptop and in CI.
  if (typed === 'project')
    config.push({ languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: cwd, disallowAutomaticSingleRunInference: true } } });
  if (typed === 'project-single-run') config.push({ languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: cwd } } });
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, fix });
}

/** Lints the fixture project's sources; a single run is asked of typescript-eslint as CI=true would. */
async function lint(cwd: string, typed: Typed, fix = false): Promise<ESLint.LintResult[]> {
  clearSummaries();
  const before = process.env.TSESTREE_SINGLE_RUN;
  process.env.TSESTREE_SINGLE_RUN = typed === 'project-single-run' ? 'true' : 'false';
  try {
    return await eslint(cwd, typed, fix).lintFiles(['src/**/*.ts']);
  } finally {
    if (before === undefined) delete process.env.TSESTREE_SINGLE_RUN;
    else process.env.TSESTREE_SINGLE_RUN = before;
  }
}

/** `file:line:column rule message` of every problem, in order. */
async function problems(cwd: string, typed: Typed): Promise<string[]> {
  typedFiles.clear();
  const results = await lint(cwd, typed);
  // Typed linting is in effect for every file, or for none.
  expect(typedFiles.size).toBe(typed === 'untyped' ? 0 : results.length);
  const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal));
  expect(fatal).toEqual([]);
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))
    .sort();
}

/** file -> the text `--fix` would write (nothing is written). */
async function fixed(cwd: string, typed: Typed): Promise<Record<string, string | undefined>> {
  const results = await lint(cwd, typed, true);
  return Object.fromEntries(results.map((r) => [path.relative(cwd, r.filePath), r.output]));
}

beforeEach(() => clearSummaries());

describe.each(['tenant-app', 'split-app', 'xfile-app'])('%s with typed linting', (name) => {
  const root = path.join(PROJECTS, name);

  it(
    'reports what it reports without types, once each, with projectService and with project',
    async () => {
      const untyped = await problems(root, 'untyped');
      expect(untyped.length).toBeGreaterThan(0);
      expect(new Set(untyped).size).toBe(untyped.length);
      expect(await problems(root, 'projectService')).toEqual(untyped);
      expect(await problems(root, 'project')).toEqual(untyped);
      // The single run's Program made ahead, then (every file parsed again) isolated Programs.
      expect(await problems(root, 'project-single-run')).toEqual(untyped);
      expect(await problems(root, 'project-single-run')).toEqual(untyped);
    },
    HEAVY,
  );
});

describe('--fix under typed linting', () => {
  it(
    'writes what it writes without types',
    async () => {
      const root = path.join(PROJECTS, 'tenant-app');
      const untyped = await fixed(root, 'untyped');
      expect(Object.values(untyped).filter((output) => output !== undefined).length).toBeGreaterThan(0);
      expect(await fixed(root, 'projectService')).toEqual(untyped);
      expect(await fixed(root, 'project')).toEqual(untyped);
      // Each pass of --fix after the first parses the file again: an isolated Program in a single run.
      expect(await fixed(root, 'project-single-run')).toEqual(untyped);
    },
    HEAVY,
  );
});

describe('no-hard-delete on imported tables under typed linting', () => {
  it(
    'reports db.delete of a soft-deleting table imported through the barrel and through import * as schema',
    async () => {
      const root = path.join(PROJECTS, 'split-app');
      const found = (await problems(root, 'projectService')).filter((p) => p.includes('data-modeling/no-hard-delete'));
      expect(found.map((p) => p.split(' ')[0])).toEqual(['src/queries.ts:13:12', 'src/queries.ts:9:12']);
      const tenant = path.join(PROJECTS, 'tenant-app');
      const removed = (await problems(tenant, 'project')).filter((p) => p.includes('data-modeling/no-hard-delete'));
      expect(removed.map((p) => p.split(' ')[0])).toEqual(['src/db/queries.ts:11:12']);
    },
    HEAVY,
  );
});
