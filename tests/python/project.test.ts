import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPyModel, type PyModel } from '../../src/python/model.js';
import { parsePython } from '../../src/python/parse.js';
import { PythonProject, summarizePython } from '../../src/python/project.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { code } from '../support/python-tester.js';

const root = mkdtempSync(path.join(tmpdir(), 'dm-python-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function modelOf(file: string): PyModel {
  const parsed = parsePython(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return buildPyModel(parsed.ast, DEFAULT_SETTINGS, file);
}

write('backend/app/__init__.py', '');
write('backend/app/models/__init__.py', 'from .base import TimestampMixin\n');
write(
  'backend/app/models/base.py',
  code`
    from datetime import datetime
    from uuid import UUID, uuid4
    from sqlmodel import Field, SQLModel
    from .tenancy import TenantMixin

    class TimestampMixin(SQLModel):
        created_at: datetime = Field(default_factory=datetime.utcnow)
        updated_at: datetime = Field(default_factory=datetime.utcnow)

    class BaseTable(TenantMixin, TimestampMixin):
        id: UUID = Field(default_factory=uuid4, primary_key=True)
  `,
);
write(
  'backend/app/models/tenancy.py',
  code`
    from uuid import UUID
    from sqlmodel import Field, SQLModel

    class TenantMixin(SQLModel):
        tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
  `,
);

describe('bases imported from other Python files', () => {
  it('resolves relative and package-root imports, re-exports through __init__.py, and bases of bases', () => {
    const file = write(
      'backend/app/models/user.py',
      code`
        from sqlmodel import Field, SQLModel
        from app.models.base import BaseTable
        from app.models import TimestampMixin
        from .tenancy import TenantMixin
        from . import base

        class User(BaseTable, table=True):
            email: str

        class Audit(TimestampMixin, TenantMixin, table=True):
            id: int = Field(primary_key=True)

        class Post(base.TimestampMixin, table=True):
            id: int = Field(primary_key=True)
      `,
    );
    const [user, audit, post] = modelOf(file).tables;
    expect(user!.columns.map((c) => [c.key, c.origin, c.module && path.basename(c.module)])).toEqual([
      ['created_at', 'imported', 'base.py'],
      ['updated_at', 'imported', 'base.py'],
      ['tenant_id', 'imported', 'tenancy.py'],
      ['id', 'imported', 'base.py'],
      ['email', 'local', null],
    ]);
    expect(user!.columnsComplete).toBe(true);
    expect(user!.column('tenant_id')).toMatchObject({ builder: 'uuid', modifiers: [{ name: 'notNull' }, { name: 'references' }], indexed: true, field: null });
    expect(audit!.columns.map((c) => c.key)).toEqual(['tenant_id', 'created_at', 'updated_at', 'id']);
    expect(post!.columns.map((c) => c.key)).toEqual(['created_at', 'updated_at', 'id']);
    expect(user!.lacks('deleted_at')).toBe(true);
  });

  it('keeps a base it cannot find unknown', () => {
    const file = write(
      'backend/app/models/other.py',
      code`
        from sqlmodel import Field
        from app.models.missing import Mixin
        from fastapi_utils import Base
        class A(Mixin, table=True):
            id: int = Field(primary_key=True)
        class B(Base, table=True):
            id: int = Field(primary_key=True)
      `,
    );
    const tables = modelOf(file).tables;
    expect(tables.map((t) => [t.columnsComplete, t.unresolvedBases])).toEqual([
      [false, ['Mixin']],
      [false, ['Base']],
    ]);
  });

  it('reads a changed file again on its next lint (cached by path, mtime and size)', () => {
    const mixin = write('backend/app/mixins.py', 'from sqlmodel import SQLModel\nclass M(SQLModel):\n    a: int\n');
    const file = write('backend/app/uses.py', 'from sqlmodel import SQLModel\nfrom app.mixins import M\nclass T(M, table=True):\n    id: int\n');
    expect(modelOf(file).tables[0]!.columns.map((c) => c.key)).toEqual(['a', 'id']);
    expect(summarizePython(mixin)).toBe(summarizePython(mixin));
    writeFileSync(mixin, 'from sqlmodel import SQLModel\nclass M(SQLModel):\n    a: int\n    bb: int\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(mixin, later, later);
    expect(modelOf(file).tables[0]!.columns.map((c) => c.key)).toEqual(['a', 'bb', 'id']);
  });

  it('treats a file that does not parse as unknown', () => {
    write('backend/app/broken.py', 'class M(:\n');
    const file = write('backend/app/uses_broken.py', 'from app.broken import M\nclass T(M, table=True):\n    id: int\n');
    expect(modelOf(file).tables[0]!.columnsComplete).toBe(false);
    expect(summarizePython(path.join(root, 'backend/app/broken.py'))).toBeNull();
  });

  it('resolves module names from the importing file', () => {
    const project = new PythonProject(path.join(root, 'backend/app/models/user.py'));
    expect(project.resolveModule('.base')).toBe(path.join(root, 'backend/app/models/base.py'));
    expect(project.resolveModule('..mixins')).toBe(path.join(root, 'backend/app/mixins.py'));
    expect(project.resolveModule('.')).toBe(path.join(root, 'backend/app/models/__init__.py'));
    expect(project.resolveModule('app.models')).toBe(path.join(root, 'backend/app/models/__init__.py'));
    expect(project.resolveModule('sqlmodel')).toBeNull();
  });
});
