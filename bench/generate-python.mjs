// Generates SQLModel model files of any size for the benchmark: the Python side of bench/generate.mjs.
//
// A file holds a root `tenants` table and `count` tenant-scoped table classes, in the two variants:
//
// - `compliant`: every table follows the standard (uuid primary key with `default_factory=uuid4`,
//   `tenant_id` with a foreign key to tenants and an index, timestamptz timestamps with defaults (and
//   `onupdate` for updated_at), a
//   nullable deleted_at, an indexed foreign key, a boolean with a prefix, `email_address`, a
//   tenant-scoped unique in `__table_args__`);
// - `violating`: the classes rotate through shapes that together break what the standard asks
//   (missing and Optional tenant_id, an int primary key, naive datetimes, missing timestamps, a
//   camelCase field, `email`, a boolean without prefix, an unindexed foreign key, a global unique, no
//   deleted_at), in the forms real models take (`Optional[...]`, `X | None`, `sa_column=Column(...)`,
//   mixins, `__table_args__`).
//
// The generator knows the standard, not the plugin's rule list: the benchmark lints with whatever
// rules the plugin's `python-all` preset holds.

/** @typedef {'compliant' | 'violating'} Variant */

/**
 * @param {number} count number of tenant-scoped table classes (the root `tenants` class comes on top)
 * @param {Variant} variant
 * @returns {string} the source of one models module
 */
export function generateModels(count, variant) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`generateModels: count must be a positive integer, got ${count}`);
  return variant === 'compliant' ? compliant(count) : violating(count);
}

const HEADER = [
  'from datetime import datetime, timezone',
  'from typing import Optional',
  'from uuid import UUID, uuid4',
  '',
  'from sqlalchemy import Column, DateTime, Index, UniqueConstraint',
  'from sqlmodel import Field, Relationship, SQLModel',
  '',
  '',
  'def utcnow() -> datetime:',
  '    return datetime.now(timezone.utc)',
  '',
];

const TIMESTAMPTZ = 'sa_type=DateTime(timezone=True)';
/** `updated_at` also set on every update (the strict option of require-timestamps). */
const ON_UPDATE = 'sa_column_kwargs={"onupdate": utcnow}';

const TENANTS = [
  '',
  'class Tenant(SQLModel, table=True):',
  '    __tablename__ = "tenants"',
  '',
  '    id: UUID = Field(default_factory=uuid4, primary_key=True)',
  '    name: str',
  `    created_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ})`,
  `    updated_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ}, ${ON_UPDATE})`,
  `    deleted_at: Optional[datetime] = Field(default=None, ${TIMESTAMPTZ})`,
  '',
];

const pad = (i) => String(i).padStart(5, '0');

function compliant(count) {
  const out = [...HEADER, ...TENANTS];
  for (let i = 1; i <= count; i++) {
    const name = `item_${pad(i)}`;
    const parent = i === 1 ? 'tenants' : `item_${pad(i - 1)}`;
    out.push(
      '',
      `class Item${pad(i)}(SQLModel, table=True):`,
      `    __tablename__ = "${name}"`,
      `    __table_args__ = (UniqueConstraint("tenant_id", "slug", name="${name}_tenant_id_slug_key"),)`,
      '',
      '    id: UUID = Field(default_factory=uuid4, primary_key=True)',
      '    tenant_id: UUID = Field(foreign_key="tenants.id", index=True)',
      `    parent_id: UUID | None = Field(default=None, foreign_key="${parent}.id", index=True)`,
      '    slug: str',
      '    is_archived: bool = False',
      '    email_address: str | None = None',
      `    created_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ})`,
      `    updated_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ}, ${ON_UPDATE})`,
      `    deleted_at: datetime | None = Field(default=None, ${TIMESTAMPTZ})`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** Shapes the violating tables rotate through; each breaks a few parts of the standard. */
const SHAPES = [
  // No tenant_id, an int primary key, naive datetimes, no deleted_at.
  (i, name) => [
    `class Item${pad(i)}(SQLModel, table=True):`,
    `    __tablename__ = "${name}"`,
    '',
    '    id: Optional[int] = Field(default=None, primary_key=True)',
    '    title: str',
    '    created_at: datetime = Field(default_factory=datetime.utcnow)',
    '    updated_at: datetime = Field(default_factory=datetime.utcnow)',
  ],
  // An Optional tenant_id, a camelCase field, `email`, a boolean without prefix, a global unique.
  (i, name) => [
    `class Item${pad(i)}(SQLModel, table=True):`,
    `    __tablename__ = "${name}"`,
    '',
    '    id: UUID = Field(default_factory=uuid4, primary_key=True)',
    '    tenant_id: Optional[UUID] = Field(default=None, foreign_key="tenants.id", index=True)',
    '    displayName: str',
    '    email: str = Field(unique=True)',
    '    archived: bool = False',
    `    created_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ})`,
    `    updated_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ}, ${ON_UPDATE})`,
    `    deleted_at: datetime | None = Field(default=None, ${TIMESTAMPTZ})`,
  ],
  // A tenant_id without foreign key or index, an unindexed foreign key, missing timestamps, a
  // not-null deleted_at, `sa_column` forms.
  (i, name, previous) => [
    `class Item${pad(i)}(SQLModel, table=True):`,
    `    __tablename__ = "${name}"`,
    '',
    '    id: UUID = Field(default_factory=uuid4, primary_key=True)',
    '    tenant_id: UUID',
    `    parent_id: UUID | None = Field(default=None, foreign_key="${previous}.id")`,
    '    owner_id: UUID',
    '    active: bool = Field(sa_column=Column("active", nullable=False))',
    '    deleted_at: datetime = Field(sa_column=Column(DateTime(timezone=False), nullable=False))',
  ],
  // A compliant table between the others (the rules check it and find nothing), with an Index.
  (i, name) => [
    `class Item${pad(i)}(SQLModel, table=True):`,
    `    __tablename__ = "${name}"`,
    `    __table_args__ = (Index("${name}_tenant_id_idx", "tenant_id"),)`,
    '',
    '    id: UUID = Field(default_factory=uuid4, primary_key=True)',
    '    tenant_id: UUID = Field(foreign_key="tenants.id")',
    '    is_done: bool = False',
    `    created_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ})`,
    `    updated_at: datetime = Field(default_factory=utcnow, ${TIMESTAMPTZ}, ${ON_UPDATE})`,
    `    deleted_at: Optional[datetime] = Field(default=None, ${TIMESTAMPTZ})`,
  ],
];

function violating(count) {
  const out = [...HEADER, ...TENANTS];
  for (let i = 1; i <= count; i++) {
    const name = `item_${pad(i)}`;
    const previous = i === 1 ? 'tenants' : `item_${pad(i - 1)}`;
    out.push('', ...SHAPES[(i - 1) % SHAPES.length](i, name, previous), '');
  }
  return `${out.join('\n')}\n`;
}
