/**
 * Issue 15, items 4 and 7: an Alembic history that lacks row-level security and downgrades (tables with
 * tenant_id, no RLS, `downgrade()` that is `pass` or `...`) is fixed by the plugin (ESLint's Node API,
 * the Python language, require-rls and require-downgrade on) in one `eslint --fix` run over the files on
 * disk; the fixed history then upgrades to head with real Alembic on Postgres (PGlite over a socket),
 * passes the tenant-isolation probe, and downgrades to base leaving no table; step by step, each
 * downgrade gives back the schema from before its upgrade. The unfixed history fails the same proof.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { alembicFiles, ensureVenv, proveHistory, proveStepwise, readProject, removeProject, VENV_TIMEOUT_MS, withPostgres, writeProject } from './support/python.js';
import { isolationProblems, TENANT_A } from './support/tenant-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const unfixed = readProject(path.join(here, '../fixtures/python/proof/alembic/unfixed'));
const TABLES = ['posts', 'tenants', 'users'];

/** `eslint --fix` with the two migration rules on, as a project's eslint.config.js would run it. */
async function fixMigrations(dir: string): Promise<Record<string, Linter.LintMessage[]>> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.py'],
        plugins: { 'data-modeling': dataModeling as never },
        language: 'data-modeling/python',
        rules: { 'data-modeling/require-rls': 'error', 'data-modeling/require-downgrade': 'error' },
      },
    ],
    fix: true,
  });
  const results = await eslint.lintFiles(['alembic/versions/*.py']);
  await ESLint.outputFixes(results);
  return Object.fromEntries(results.filter((r) => r.messages.length > 0).map((r) => [path.basename(r.filePath), r.messages]));
}

let dir: string;
let fixed: Record<string, string>;
let remaining: Record<string, Linter.LintMessage[]>;

beforeAll(async () => {
  await ensureVenv();
  dir = await writeProject(alembicFiles(unfixed));
  remaining = await fixMigrations(dir);
  fixed = readProject(path.join(dir, 'alembic/versions'));
}, VENV_TIMEOUT_MS);

afterAll(async () => {
  if (dir) await removeProject(dir);
});

describe('an unfixed Alembic history, fixed by the plugin', () => {
  it('the unfixed history leaks between tenants and leaves its tables behind (the proof can fail)', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, unfixed);
      expect(proof.tables).toEqual(TABLES);
      expect(isolationProblems(proof.isolation)).toContain('users: row-level security is not enabled');
      expect(proof.leftAfterDowngrade).toEqual(expect.arrayContaining(TABLES.map((t) => `table ${t}`)));
    });
  });

  it('one eslint --fix leaves no problem, and writes RLS and downgrades with the files\' indentation', () => {
    expect(remaining).toEqual({});
    const tenants = fixed['0001_tenants.py']!;
    expect(tenants).toContain(
      '        sa.UniqueConstraint("slug"),\n    )\n' +
        '    op.execute("ALTER TABLE tenants ENABLE ROW LEVEL SECURITY")\n' +
        `    op.execute("CREATE POLICY tenant_isolation ON tenants FOR ALL USING (id = current_setting('app.tenant_id')::uuid)")\n`,
    );
    // Both rules fix in ESLint's first pass (their edits do not overlap): require-downgrade writes the reverse
    // of the upgrade it read, and dropping the table drops its policies with it.
    expect(tenants).toMatch(/def downgrade\(\) -> None:\n {4}op\.drop_table\("tenants"\)\n$/u);
    const usersPosts = fixed['0002_users_posts.py']!;
    for (const table of ['users', 'posts']) {
      expect(usersPosts.split(`CREATE POLICY tenant_isolation ON ${table} FOR ALL USING (tenant_id = current_setting('app.tenant_id')::uuid)`)).toHaveLength(2);
    }
    expect(usersPosts.slice(usersPosts.indexOf('def downgrade()'))).toContain(
      '    op.drop_index(op.f("ix_posts_author_id"), table_name="posts")\n' +
        '    op.drop_index(op.f("ix_posts_tenant_id"), table_name="posts")\n',
    );
    expect(fixed['0003_posts_is_draft.py']).toMatch(/def downgrade\(\) -> None:\n {4}op\.drop_column\("posts", "is_draft"\)\n$/u);
    // The fixed files are what ESLint read back: a second run finds nothing and changes nothing.
    for (const [name, text] of Object.entries(fixed)) expect(readFileSync(path.join(dir, 'alembic/versions', name), 'utf8')).toBe(text);
  });

  it('the fixed history upgrades to head, isolates tenants, and downgrades to base leaving no table', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, fixed);
      expect(proof.tables).toEqual(TABLES);
      expect(proof.isolation.tables.posts).toMatchObject({ rls: true, visible: [TENANT_A], updateB: 0, deleteB: 0 });
      expect(isolationProblems(proof.isolation)).toEqual([]);
      expect(proof.downgradeError).toBeNull();
      expect(proof.leftAfterDowngrade).toEqual([]);
    });
  });

  it('step by step, each fixed downgrade gives back the schema from before its upgrade', async () => {
    const steps = await withPostgres((pg) => proveStepwise(pg, fixed));
    expect(steps).toEqual(['0003', '0002', '0001'].map((revision) => ({ revision, notUndone: [], error: null })));
  });
});
