/**
 * Policy conditions from other files (tests/fixtures/projects/xfile-app): `sql` fragments and helpers
 * that db/rls.ts exports, used in extra-config policies and in policies.ts's `.link()` policies, are
 * judged as same-file conditions are; a condition that cannot be read keeps the rule silent.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { projectOf } from '../../src/project/project.js';
import { clearSummaries } from '../../src/project/summary.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { projectCopies, PROJECTS } from '../support/projects.js';

const FIXTURE = path.join(PROJECTS, 'xfile-app');

function eslint(cwd: string, fix = false): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [dataModeling.configs.recommended as Linter.Config], fix });
}

/** `file:line:column rule: message` of each require-rls problem. */
async function rlsProblems(cwd: string, files = ['src/**/*.ts']): Promise<string[]> {
  const results = await eslint(cwd).lintFiles(files);
  return results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === 'data-modeling/require-rls').map((m) => `${path.relative(cwd, r.filePath)}:${m.line}:${m.column} ${m.message}`),
  );
}

const copyProject = projectCopies('dm-xfile-');
const copy = () => copyProject(FIXTURE);
beforeEach(() => clearSummaries());

describe('imported policy conditions', () => {
  it('summarises exported fragments and condition helpers as plain data', () => {
    const file = projectOf(path.join(FIXTURE, 'src/db/schema/notes.ts'), FIXTURE, DEFAULT_SETTINGS, null)!;
    const summary = file.summary(path.join(FIXTURE, 'src/db/rls.ts'))!;
    const fact = (name: string) => {
      const found = summary.exports.get(name);
      return found?.kind === 'sql' ? found.sql : found?.kind;
    };
    const text = (name: string) => {
      const sql = fact(name);
      if (typeof sql !== 'object') return sql;
      return [sql.params, sql.parts.map((p) => (p.type === 'param' ? `<${p.index}${p.key === null ? '' : `.${p.key}`}>` : p.value)).join(' ')];
    };
    // The fragment `currentTenant`, imported from tenancy.ts and interpolated, is inlined.
    expect(text('tenantIsolation')).toEqual([null, 'tenant_id = current_setting ( app.tenant_id ) :: uuid']);
    expect(text('everyRow')).toEqual([null, 'true']);
    expect(text('isolate')).toEqual([1, '<0.tenantId> = current_setting ( app.tenant_id ) :: uuid']);
    expect(text('sameTenant')).toEqual([1, '<0> = current_setting ( app.tenant_id ) :: uuid']);
    // A parameter used as the setting's name: its calls read only when given a column (then not a setting).
    expect(text('tenantOf')).toEqual([1, 'tenant_id = current_setting ( <0> ) :: uuid']);
    expect(JSON.parse(JSON.stringify(fact('isolate')))).toEqual(fact('isolate'));
  });

  it('judges extra-config and linked policies built from imported conditions as same-file ones', async () => {
    expect(await rlsProblems(FIXTURE)).toEqual([
      // comments' linked policy (policies.ts) limits rows to their owner, not to the tenant.
      "src/db/schema/comments.ts:8:3 Table \"comments\" has no permissive policy that limits select, insert, update and delete to the current tenant; add one whose condition compares \"tenant_id\" with current_setting('app.tenant_id').",
      // notes' only policy is the imported always-true `rls.everyRow`.
      "src/db/schema/notes.ts:8:3 Table \"notes\" has no permissive policy that limits select, insert, update and delete to the current tenant; add one whose condition compares \"tenant_id\" with current_setting('app.tenant_id').",
      'src/db/schema/notes.ts:15:65 Policy "notes_read" on table "notes" applies to every role and its `using` is always true, so any tenant can read, update and delete rows of every tenant; compare "tenant_id" with current_setting(\'app.tenant_id\') or restrict the policy to a role.',
    ]);
    // projects (`isolate(t)`), tasks (linked `sameTenant(tasks.tenantId)`) and files (unreadable `tenantOf(...)`) are silent.
  });

  it('fixes neither the table with a linked policy nor the one whose policy is open (a human must choose)', async () => {
    const dir = copy();
    const results = await eslint(dir, true).lintFiles(['src/db/schema/comments.ts']);
    expect(results[0]!.output).toBeUndefined();
  });

  it('reports a helper whose column is not the tenant column, and is silent when the argument is not the table', async () => {
    const dir = copy();
    const projects = path.join(dir, 'src/db/schema/projects.ts');
    const text = readFileSync(projects, 'utf8');
    // `sameTenant(t.id)` compares the id, not the tenant column.
    writeFileSync(projects, text.replace('using: isolate(t)', 'using: sameTenant(t.id)').replace("import { isolate } from '~/db/rls';", "import { sameTenant } from '~/db/rls';"));
    expect(await rlsProblems(dir, ['src/db/schema/projects.ts'])).toEqual([
      "src/db/schema/projects.ts:8:3 Table \"projects\" has no permissive policy that limits select, insert, update and delete to the current tenant; add one whose condition compares \"tenant_id\" with current_setting('app.tenant_id').",
    ]);
    // An argument that is not a column of the table: unknown, silent.
    writeFileSync(projects, text.replace('using: isolate(t)', 'using: isolate(other)').replace('export const projects', 'const other = { tenantId: null };\nexport const projects'));
    expect(await rlsProblems(dir, ['src/db/schema/projects.ts'])).toEqual([]);
  });

  it('stays silent when the condition module cannot be read', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'src/db/rls.ts'));
    expect(await rlsProblems(dir)).toEqual([]);
  });
});
