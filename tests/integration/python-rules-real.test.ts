/**
 * Issue 15, items 3 and 5 with the real libraries: the file that every Python rule fixes in one run
 * (renames included, tests/python/compose-all.test.ts) imports in the pinned SQLModel, and
 * `SQLModel.metadata.create_all` makes its tables in Postgres (PGlite over a socket), with the indexes
 * require-indexes added (support/python.ts; the venv is made on first use).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixAll, MESSY, RULES } from '../support/python-compose.js';
import { createAll, ensureVenv, runPythonOn, VENV_TIMEOUT_MS, withPostgres } from './support/python.js';

beforeAll(async () => {
  await ensureVenv();
}, VENV_TIMEOUT_MS);

describe('the Python rules fixed file in real SQLModel and Postgres', { timeout: 300_000 }, () => {
  it('imports, creates its tables, and has the indexes the fix wrote', async () => {
    const { output } = fixAll(MESSY, RULES);
    await withPostgres(async (pg) => {
      expect(Object.keys(await createAll(pg, { 'models.py': output }, { modules: ['models'] }))).toEqual(['tenants', 'users', 'memberships']);
      const indexes = await runPythonOn(
        pg,
        [
          'import os, psycopg',
          'with psycopg.connect(os.environ["DATABASE_URL"].replace("+psycopg", ""), autocommit=True) as conn:',
          '    rows = conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = \'public\' ORDER BY indexname").fetchall()',
          '    print(" ".join(r[0] for r in rows))',
        ].join('\n'),
      );
      expect(indexes.stdout.trim().split(' ')).toEqual(
        expect.arrayContaining(['ix_memberships_tenant_id', 'ix_memberships_user_id', 'ix_users_tenant_id', 'users_full_name_idx']),
      );
    });
  });
});
