import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { buildPyModel, type PyModel } from '../../src/python/model.js';
import { parsePython } from '../../src/python/parse.js';
import { PythonProject, sourceRoot, summarizePython } from '../../src/python/project.js';
import { forgetVersions } from '../../src/project/file-version.js';
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

  it("holds __table_args__ a base of another file defines as unknown, and writes none over it; a base of another file without them changes nothing", () => {
    write(
      'backend/app/models/indexed.py',
      code`
        from sqlalchemy import Index
        from sqlmodel import SQLModel

        class Indexed(SQLModel):
            __table_args__ = (Index("ix_owner_id", "owner_id"),)

        class Plain(SQLModel):
            note: str
      `,
    );
    const file = write(
      'backend/app/models/orders.py',
      code`
        from uuid import UUID
        from sqlmodel import Field
        from .indexed import Indexed, Plain
        class Order(Indexed, table=True):
            id: UUID = Field(primary_key=True)
            owner_id: UUID = Field(foreign_key="users.id")
        class Invoice(Plain, table=True):
            id: UUID = Field(primary_key=True)
      `,
    );
    const [order, invoice] = modelOf(file).tables;
    expect([order!.tableArgsComplete, order!.tableArgsInherited, order!.tableArgsOwner]).toEqual([false, true, null]);
    expect([invoice!.columnsComplete, invoice!.tableArgsComplete, invoice!.tableArgsInherited]).toEqual([true, true, false]);
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

describe('rules across files', () => {
  const rules = { 'data-modeling/require-tenant-id': 'error' as const, 'data-modeling/require-timestamps': 'error' as const };
  const config: Linter.Config[] = [{ files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules }];

  it('sees an imported mixin\'s fields, and writes the foreign key to a root table imported by name', () => {
    write(
      'backend/app/models/tenant.py',
      code`
        from uuid import UUID, uuid4
        from sqlmodel import Field, SQLModel
        class Tenant(SQLModel, table=True):
            __tablename__ = "tenants"
            id: UUID = Field(default_factory=uuid4, primary_key=True)
      `,
    );
    const file = write(
      'backend/app/models/project.py',
      code`
        from sqlmodel import Field
        from .base import TimestampMixin
        from .tenancy import TenantMixin
        from .tenant import Tenant

        class Scoped(TenantMixin, TimestampMixin, table=True):
            id: int = Field(primary_key=True)

        class Project(TimestampMixin, table=True):
            id: int = Field(primary_key=True)
      `,
    );
    const text = readFileSync(file, 'utf8');
    const linter = new Linter({ cwd: root });
    expect(linter.verify(text, config, file).map((m) => [m.messageId, m.line])).toEqual([['missing', 9]]);
    expect(linter.verifyAndFix(text, config, file).output).toBe(
      text
        .replace('from .tenant import Tenant\n', 'from .tenant import Tenant\nfrom uuid import UUID\n')
        .replace('class Project(TimestampMixin, table=True):\n    id: int = Field(primary_key=True)\n', 'class Project(TimestampMixin, table=True):\n    id: int = Field(primary_key=True)\n    tenant_id: UUID = Field(foreign_key="tenants.id", index=True)\n'),
    );
  });

  it('reads the root table imported under if TYPE_CHECKING (for a relationship), and imports nothing from there', () => {
    const file = write(
      'backend/app/models/task.py',
      code`
        from typing import TYPE_CHECKING, Optional
        from sqlmodel import Field, Relationship, SQLModel

        if TYPE_CHECKING:
            from app.models.tenant import Tenant

        class Task(SQLModel, table=True):
            id: int = Field(primary_key=True)
            tenant: Optional["Tenant"] = Relationship()
      `,
    );
    const text = readFileSync(file, 'utf8');
    const linter = new Linter({ cwd: root });
    const only: Linter.Config[] = [{ ...config[0], rules: { 'data-modeling/require-tenant-id': 'error' } }];
    expect(linter.verifyAndFix(text, only, file).output).toBe(
      text
        .replace('from sqlmodel import Field, Relationship, SQLModel\n', 'from sqlmodel import Field, Relationship, SQLModel\nfrom uuid import UUID\n')
        .replace('    id: int = Field(primary_key=True)\n', '    id: int = Field(primary_key=True)\n    tenant_id: UUID = Field(foreign_key="tenants.id", index=True)\n'),
    );
  });
});

describe('mixins of tables in other files', () => {
  const rules = {
    'data-modeling/snake-case': 'error' as const,
    'data-modeling/boolean-prefix': 'error' as const,
    'data-modeling/prefer-timestamptz': 'error' as const,
  };
  const config: Linter.Config[] = [{ files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules }];
  write('shop/app/__init__.py', '');
  write('shop/app/models/__init__.py', 'from ..mixins import Audited\n');
  const mixins = write(
    'shop/app/mixins.py',
    code`
      from datetime import datetime
      from uuid import UUID
      from sqlmodel import Field, SQLModel

      class Stamped(SQLModel):
          createdAt: datetime = Field(default_factory=datetime.utcnow)

      class Audited(Stamped):
          active: bool = True
          audited_by: UUID

      class UserCreate(SQLModel):
          isAdmin: bool
          signedUpAt: datetime
    `,
  );
  const orders = write(
    'shop/app/models/orders.py',
    code`
      from uuid import UUID, uuid4
      from sqlmodel import Field
      from . import Audited

      class Order(Audited, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
    `,
  );
  // A virtual environment (any name; it holds pyvenv.cfg) is not the project: its tables do not count.
  write('shop/py311/pyvenv.cfg', '');
  write('shop/py311/lib/vendor.py', 'from app.mixins import Audited\n\nclass Vendor(Audited, table=True):\n    id: int\n');

  const problems = (file: string): (string | number | null | undefined)[][] =>
    new Linter({ cwd: root }).verify(readFileSync(file, 'utf8'), config, file).map((m) => [m.ruleId, m.line, m.message.match(/of (class|table) "\w+"/u)?.[0], m.fix ? 'fix' : null, m.suggestions?.length ?? 0]);

  it('finds the source root: the folder above the top package', () => {
    expect(sourceRoot(mixins)).toBe(path.join(root, 'shop'));
    expect(sourceRoot(path.join(root, 'loose/script.py'))).toBe(path.join(root, 'loose'));
  });

  it("checks a mixin's fields in its own file, once, when a table of another file inherits it (through a re-export and a base of the mixin); not an API model no table inherits", () => {
    forgetVersions();
    expect(problems(mixins)).toEqual([
      ['data-modeling/snake-case', 6, 'of class "Stamped"', null, 0],
      ['data-modeling/prefer-timestamptz', 6, 'of class "Stamped"', 'fix', 0],
      ['data-modeling/boolean-prefix', 9, 'of class "Audited"', null, 0],
    ]);
    // The table's file reports nothing of the mixin's fields: they are fixed where they are written.
    expect(problems(orders)).toEqual([]);
  });

  it('sees on the next lint that no table inherits the mixin any more', () => {
    forgetVersions();
    expect(problems(mixins)).toHaveLength(3);
    writeFileSync(orders, readFileSync(orders, 'utf8').replace('class Order(Audited, table=True)', 'class Order(table=True)'));
    forgetVersions();
    expect(problems(mixins)).toEqual([]);
  });

  describe('the column-level problems of the standard columns', () => {
    const standard = {
      'data-modeling/require-timestamps': 'error' as const,
      'data-modeling/require-soft-delete': 'error' as const,
      'data-modeling/require-tenant-id': 'error' as const,
      'data-modeling/require-uuid-primary-key': 'error' as const,
      'data-modeling/email-address-name': 'error' as const,
    };
    const configOf = (extra: Linter.RulesRecord = {}): Linter.Config[] => [
      { files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules: { ...standard, ...extra } },
    ];
    const tenancy = write(
      'shop/app/tenancy.py',
      code`
        from typing import Optional
        from uuid import UUID
        from sqlmodel import SQLModel

        class Tenanted(SQLModel):
            tenant_id: Optional[UUID] = None
      `,
    );
    const owned = write(
      'shop/app/owned.py',
      code`
        from datetime import datetime
        from typing import Optional
        from uuid import UUID
        from sqlalchemy import DateTime
        from sqlmodel import Field, SQLModel
        from .tenancy import Tenanted

        class Owned(Tenanted):
            id: UUID
            email: str
            created_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))
            updated_at: str
            deleted_at: datetime = Field(sa_type=DateTime(timezone=True))

        class OwnedCreate(SQLModel):
            id: int
            email: str
            tenant_id: Optional[UUID] = None
            created_at: str
      `,
    );
    const accounts = write(
      'shop/app/models/accounts.py',
      code`
        from ..owned import Owned

        class Account(Owned, table=True):
            __tablename__ = "accounts"

        class Team(Owned, table=True):
            __tablename__ = "teams"
      `,
    );
    const lint = (file: string, extra?: Linter.RulesRecord): (string | number | null | undefined)[][] =>
      new Linter({ cwd: root }).verify(readFileSync(file, 'utf8'), configOf(extra), file).map((m) => [m.ruleId, m.line, m.message, m.fix ? 'fix' : null, m.suggestions?.length ?? 0]);

    it("reports a mixin's present standard columns that are wrong, once, in its file, of its class; never a missing one, nor an API model's", () => {
      forgetVersions();
      expect(lint(owned)).toEqual([
        ['data-modeling/require-uuid-primary-key', 9, 'Column "id" of class "Owned" has no generated default; add `default_factory=uuid4` so that inserts get a random uuid.', 'fix', 0],
        ['data-modeling/email-address-name', 10, 'Column "email" of class "Owned" holds an email address; the standard names it "email_address".', null, 0],
        ['data-modeling/require-timestamps', 11, 'Column "created_at" of class "Owned" lacks `default_factory=datetime.utcnow` and a non-Optional type.', 'fix', 0],
        [
          'data-modeling/require-timestamps',
          12,
          'Column "updated_at" of class "Owned" is typed str; it must be datetime (changing it is a data migration, so there is no automatic fix).',
          null,
          0,
        ],
        [
          'data-modeling/require-soft-delete',
          13,
          'Column "deleted_at" of class "Owned" is NOT NULL; it must be nullable, because NULL is what marks a row that is not deleted.',
          'fix',
          0,
        ],
      ]);
      // A field of a mixin in another file is reported in that file (Tenanted is a mixin of the tables too).
      expect(lint(tenancy)).toEqual([
        ['data-modeling/require-tenant-id', 6, 'Tenant column "tenant_id" of class "Tenanted" is nullable; make it non-Optional so that every row belongs to a tenant.', 'fix', 0],
      ]);
      // The tables' file reports none of the mixins' fields, and no column as missing.
      expect(lint(accounts)).toEqual([]);
    });

    it("leaves a mixin's deleted_at alone when require-soft-delete applies to some tables only (which of them inherit it is unknown)", () => {
      forgetVersions();
      const softDelete = (rules: Linter.RulesRecord) => lint(owned, rules).filter(([rule]) => rule === 'data-modeling/require-soft-delete');
      expect(softDelete({ 'data-modeling/require-soft-delete': ['error', { tables: ['accounts', 'teams'] }] })).toEqual([]);
      expect(softDelete({})).toHaveLength(1);
    });

    it("fixes the mixin's own fields in one pass, into code that parses", () => {
      forgetVersions();
      const fixed = new Linter({ cwd: root }).verifyAndFix(readFileSync(owned, 'utf8'), configOf(), owned);
      expect(fixed.output).toBe(code`
        from datetime import datetime
        from typing import Optional
        from uuid import UUID, uuid4
        from sqlalchemy import DateTime
        from sqlmodel import Field, SQLModel
        from .tenancy import Tenanted

        class Owned(Tenanted):
            id: UUID = Field(default_factory=uuid4)
            email: str
            created_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
            updated_at: str
            deleted_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))

        class OwnedCreate(SQLModel):
            id: int
            email: str
            tenant_id: Optional[UUID] = None
            created_at: str
      `);
      expect(parsePython(fixed.output).ok).toBe(true);
      const tenant = new Linter({ cwd: root }).verifyAndFix(readFileSync(tenancy, 'utf8'), configOf(), tenancy);
      expect(tenant.output).toContain('    tenant_id: UUID\n');
      expect(parsePython(tenant.output).ok).toBe(true);
      expect(tenant.messages).toEqual([]);
      expect(fixed.messages.map((m) => [m.ruleId, m.line])).toEqual([
        ['data-modeling/email-address-name', 10],
        ['data-modeling/require-timestamps', 12],
      ]);
    });
  });
});

