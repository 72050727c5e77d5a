/**
 * Issue 15, item 7: the Python side proved with the real libraries. SQLModel, Alembic and psycopg 3,
 * pinned in tests/python/requirements.txt, are installed by the tests into a virtual environment
 * (support/python.ts; ~25 s the first time, then reused while the pins stay the same). A machine
 * without Python fails here with a message saying what to install; nothing is skipped.
 *
 * Postgres is PGlite served over @electric-sql/pglite-socket, on 127.0.0.1 with a random port: psycopg 3,
 * psycopg2 and pg8000 all work over it (measured), no server binary is needed, and it is the database the
 * TypeScript tests use. PGlite is one backend, so it serves one connection at a time and the helpers reset
 * the session after each Python process (see support/python.ts).
 *
 * The fixtures are hand-written (tests/fixtures/python/proof/): a models file and an Alembic history that
 * meet the standard, proved to import, create their tables, isolate tenants and downgrade to nothing; and
 * negative proofs that the harness fails: a models file missing an import, a history without its
 * row-level-security migration, RLS without a policy, and downgrades that are `pass`.
 *
 * The plugin's fixes are proved the same way, in a few lines (the preset name is the Python one):
 *   const dir = await writeProject(alembicFiles(readProject(versionsDir), readProject(modelsDir)));
 *   expect(await fixProject(dir, ['**\/*.py'], { preset: 'python' })).toEqual({});   // support/eslint.ts
 *   await withPostgres((pg) => createAll(pg, { dir }, { modules: ['models'] }));
 *   const proof = await withPostgres((pg) => proveHistory(pg, readProject(path.join(dir, 'alembic/versions'))));
 *   expect(isolationProblems(proof.isolation)).toEqual([]);
 *   expect(proof.leftAfterDowngrade).toEqual([]);
 * (one database each: create_all and the history would make the same tables).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alembicFiles,
  createAll,
  ensureVenv,
  importModels,
  leftovers,
  proveHistory,
  proveStepwise,
  PythonError,
  readProject,
  removeProject,
  REQUIREMENTS,
  runPython,
  runPythonOn,
  syntaxErrors,
  VENV_TIMEOUT_MS,
  withPostgres,
  writeProject,
} from './support/python.js';
import { isolationProblems, TENANT_A, TENANT_B } from './support/tenant-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '../fixtures/python/proof');
const models = readProject(path.join(fixtures, 'models'));
const history = readProject(path.join(fixtures, 'alembic/compliant'));
const TABLES = ['posts', 'tenants', 'users'];
/** Each Python process costs ~0.6 s of CPU (imports); on a loaded machine a test of several takes longer than the default 60 s. */
const PYTHON_TESTS = { timeout: 300_000 };

/** `history` without the named migration files. */
function without(...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(history).filter(([name]) => !names.includes(name)));
}

/** Replaces the body of `downgrade()` with `pass` in the named migrations. */
function passDowngrade(...names: string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(history).map(([name, text]) => {
      if (!names.includes(name)) return [name, text];
      const start = text.indexOf('def downgrade() -> None:\n');
      expect(start, name).toBeGreaterThan(0);
      return [name, `${text.slice(0, start)}def downgrade() -> None:\n    pass\n`];
    }),
  );
}

beforeAll(async () => {
  const venv = await ensureVenv();
  console.info(`python venv: ${venv.created ? 'created' : 'reused'} in ${(venv.ms / 1000).toFixed(1)} s`);
}, VENV_TIMEOUT_MS);

describe('the Python environment', () => {
  it('a machine without Python fails with a message that says what to install', async () => {
    await expect(ensureVenv({ python: path.join(here, 'no-such-python3') })).rejects.toThrow(
      /need Python 3\.11\+ with the venv module, and ".*no-such-python3" cannot provide it .*apt-get install python3 python3-venv/su,
    );
  });

  it('has exactly the pinned versions', async () => {
    const pins = Object.fromEntries(
      readFileSync(REQUIREMENTS, 'utf8')
        .split('\n')
        .filter((line) => /^[A-Za-z]/u.test(line))
        .map((line) => line.replace(/\[.*\]/u, '').split('=='))
        .map(([name, version]) => [name!.toLowerCase().replace(/_/gu, '-'), version]),
    );
    const { stdout } = await runPython(
      'import json, sys, importlib.metadata as m\nprint(json.dumps({n: m.version(n) for n in sys.argv[1:]}))',
      { args: Object.keys(pins) },
    );
    expect(JSON.parse(stdout)).toEqual(pins);
  });
});

describe('Postgres for Python (PGlite over a socket)', PYTHON_TESTS, () => {
  it('each Python process starts from a fresh session: no role, setting or prepared statement leaks', async () => {
    // psycopg prepares a query on its 5th run (as `_pg3_0`, …); PGlite is one session for every connection.
    const session = [
      'import os, psycopg',
      'with psycopg.connect(os.environ["DATABASE_URL"].replace("+psycopg", ""), autocommit=True) as conn:',
      '    for _ in range(6):',
      '        row = conn.execute("SELECT current_user::text, nullif(current_setting(%s, true), %s)", ["app.tenant_id", ""]).fetchone()',
      '    print(*row)',
      '    conn.execute("SET ROLE app_user")',
      '    conn.execute("SET app.tenant_id = \'a\'")',
    ].join('\n');
    await withPostgres(async (pg) => {
      expect((await runPythonOn(pg, session)).stdout).toBe('postgres None\n');
      expect((await runPythonOn(pg, session)).stdout).toBe('postgres None\n');
    });
  });
});

describe('SQLModel models against real SQLModel and Postgres', PYTHON_TESTS, () => {
  it('the compliant models import, and create_all makes their tables', async () => {
    expect(await importModels(models)).toEqual({
      tenants: ['created_at', 'deleted_at', 'id', 'is_active', 'name', 'slug', 'updated_at'],
      users: ['created_at', 'deleted_at', 'email_address', 'full_name', 'id', 'is_active', 'tenant_id', 'updated_at'],
      posts: ['author_id', 'created_at', 'deleted_at', 'id', 'is_published', 'tenant_id', 'title', 'updated_at'],
    });
    await withPostgres(async (pg) => {
      expect(Object.keys(await createAll(pg, models))).toEqual(['tenants', 'users', 'posts']);
      expect(await leftovers(pg.db)).toEqual(TABLES.map((table) => `table ${table}`));
      const { rows } = await pg.db.query<{ column_name: string; data_type: string; is_nullable: string }>(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'posts' AND column_name IN ('tenant_id', 'created_at') ORDER BY 1",
      );
      expect(rows).toEqual([
        { column_name: 'created_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
        { column_name: 'tenant_id', data_type: 'uuid', is_nullable: 'NO' },
      ]);
    });
  });

  it('CPython parses the fixtures, and names the file, line and column of a syntax error', async () => {
    expect(await syntaxErrors({ ...models, ...history })).toEqual({});
    const broken = { ...models, 'pkg/bad.py': 'class A(SQLModel, table=True):\n    id: UUID = Field(\n' };
    expect(await syntaxErrors(broken)).toEqual({ 'pkg/bad.py': "'(' was never closed (line 2, column 21)" });
  });

  it('NEGATIVE: a models file that lost an import fails to import, with Python\'s error', async () => {
    const broken = { 'models.py': models['models.py']!.replace('from uuid import UUID, uuid4\n', 'from uuid import UUID\n') };
    const error = await importModels(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PythonError);
    expect((error as PythonError).result.stderr).toMatch(/NameError: name 'uuid4' is not defined/u);
  });
});

describe('Alembic histories against real Alembic and Postgres', PYTHON_TESTS, () => {
  it('the compliant history upgrades, isolates tenants, and downgrades to nothing', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, history);
      expect(proof.tables).toEqual(TABLES);
      expect(Object.keys(proof.isolation.tables)).toEqual(['tenants', 'users', 'posts']);
      expect(proof.isolation.tables.posts).toEqual({
        rls: true,
        visible: [TENANT_A],
        insertB: { error: 'new row violates row-level security policy for table "posts"' },
        updateB: 0,
        deleteB: 0,
        moveAToB: { error: 'new row violates row-level security policy for table "posts"' },
        updateOwn: 1,
      });
      expect(isolationProblems(proof.isolation)).toEqual([]);
      expect(proof.downgradeError).toBeNull();
      expect(proof.leftAfterDowngrade).toEqual([]);
    });
  });

  it('a project folder on disk (what fixProject leaves) proves the same way', async () => {
    const dir = await writeProject(alembicFiles(history, models));
    try {
      expect(readdirSync(dir).sort()).toEqual(['alembic', 'alembic.ini', 'models.py']);
      expect(Object.keys(await withPostgres((pg) => createAll(pg, { dir }, { modules: ['models'] })))).toEqual(['tenants', 'users', 'posts']);
      const proof = await withPostgres((pg) => proveHistory(pg, readProject(path.join(dir, 'alembic/versions'))));
      expect(proof.tables).toEqual(TABLES);
      expect(isolationProblems(proof.isolation)).toEqual([]);
      expect(proof.leftAfterDowngrade).toEqual([]);
    } finally {
      await removeProject(dir);
    }
  });

  it('step by step: each downgrade gives back the schema from before its upgrade', async () => {
    const steps = await withPostgres((pg) => proveStepwise(pg, history));
    expect(steps).toEqual(['0003', '0002', '0001'].map((revision) => ({ revision, notUndone: [], error: null })));
  });

  it('NEGATIVE: a downgrade that forgets a policy and RLS is caught at its step; the later steps down to base come out clean', async () => {
    const forgetful = history['0003_tenant_isolation.py']!.replace(
      '    op.execute("DROP POLICY tenant_isolation ON posts")\n    op.execute("ALTER TABLE posts DISABLE ROW LEVEL SECURITY")\n',
      '',
    );
    expect(forgetful).not.toContain('ON posts")\n    op.execute("ALTER TABLE posts DISABLE');
    const versions = { ...history, '0003_tenant_isolation.py': forgetful };
    const steps = await withPostgres((pg) => proveStepwise(pg, versions));
    expect(steps).toEqual([
      {
        revision: '0003',
        notUndone: [
          "left: policy posts tenant_isolation * true using (tenant_id = (current_setting('app.tenant_id'::text))::uuid)",
          'left: table posts rls=true force=false',
          'lost: table posts rls=false force=false',
        ],
        error: null,
      },
      { revision: '0002', notUndone: [], error: null },
      { revision: '0001', notUndone: [], error: null },
    ]);
  });

  it('NEGATIVE: without its row-level-security migration, the probe shows the leak', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, without('0003_tenant_isolation.py'));
      expect(proof.isolation.tables.users?.visible).toEqual([TENANT_A, TENANT_B]);
      expect(isolationProblems(proof.isolation)).toEqual(
        ['users', 'posts'].flatMap((table) => [
          `${table}: row-level security is not enabled`,
          `${table}: tenant A sees the rows of ${TENANT_A}, ${TENANT_B}`,
          `${table}: tenant A inserting a row of another tenant affected 1 row(s)`,
          `${table}: tenant A updating tenant B's rows affected 1 row(s)`,
          table === 'users'
            ? `users: tenant A deleting tenant B's rows raised: update or delete on table "users" violates foreign key constraint "posts_author_id_fkey" on table "posts"`
            : `${table}: tenant A deleting tenant B's rows affected 1 row(s)`,
          `${table}: tenant A moving its row to tenant B affected 1 row(s)`,
        ]),
      );
      expect(proof.leftAfterDowngrade).toEqual([]);
    });
  });

  it('NEGATIVE: row-level security without a policy hides even the tenant\'s own rows', async () => {
    const noPolicy = {
      ...without('0003_tenant_isolation.py'),
      '0003_rls_only.py': [
        'from alembic import op',
        'revision = "0003"',
        'down_revision = "0002"',
        'def upgrade() -> None:',
        '    op.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY")',
        '    op.execute("ALTER TABLE posts ENABLE ROW LEVEL SECURITY")',
        'def downgrade() -> None:',
        '    op.execute("ALTER TABLE posts DISABLE ROW LEVEL SECURITY")',
        '    op.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")',
        '',
      ].join('\n'),
    };
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, noPolicy);
      expect(isolationProblems(proof.isolation)).toEqual(
        ['users', 'posts'].flatMap((table) => [
          `${table}: tenant A sees the rows of no tenant`,
          `${table}: tenant A updating its own row affected 0 row(s) (expected 1)`,
        ]),
      );
      expect(proof.leftAfterDowngrade).toEqual([]);
    });
  });

  it('NEGATIVE: downgrades that are `pass` leave the tables behind', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, passDowngrade('0001_tenants.py', '0002_users_posts.py'));
      expect(isolationProblems(proof.isolation)).toEqual([]);
      expect(proof.downgradeError).toBeNull();
      expect(proof.leftAfterDowngrade).toEqual(TABLES.map((table) => `table ${table}`));
    });
  });

  it('NEGATIVE: one `pass` downgrade makes the next one fail, and Alembic rolls back', async () => {
    await withPostgres(async (pg) => {
      const proof = await proveHistory(pg, passDowngrade('0002_users_posts.py'));
      expect(proof.downgradeError).toMatch(/cannot drop table tenants because other objects depend on it/u);
      expect(proof.leftAfterDowngrade).toEqual(TABLES.map((table) => `table ${table}`));
    });
  });
});
