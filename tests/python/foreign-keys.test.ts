import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { knownTables } from '../../src/python/foreign-keys.js';
import { buildPyModel } from '../../src/python/model.js';
import { parsePython } from '../../src/python/parse.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { code } from '../support/python-tester.js';

const root = mkdtempSync(path.join(tmpdir(), 'dm-python-fk-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const TABLE = (cls: string, name: string | null, pk = 'id'): string => code`
  from uuid import UUID, uuid4
  from sqlmodel import Field, SQLModel
  class ${cls}(SQLModel, table=True):
      ${name ? `__tablename__ = "${name}"` : '"""No __tablename__: the lower-cased class name."""'}
      ${pk}: UUID = Field(default_factory=uuid4, primary_key=True)
`;

write('app/__init__.py', '');
write('app/models/__init__.py', '');
write('app/models/user.py', TABLE('User', 'users'));
write('app/models/team.py', TABLE('Team', null, 'team_key'));
write('app/billing/invoices.py', TABLE('Invoice', 'invoices', 'number'));
write('app/billing/plans.py', TABLE('Plan', 'plans'));
const posts = write(
  'app/models/post.py',
  code`
    from uuid import UUID, uuid4
    from sqlmodel import Field, SQLModel
    from app.billing.invoices import Invoice

    class Post(SQLModel, table=True):
        __tablename__ = "posts"
        id: UUID = Field(default_factory=uuid4, primary_key=True)
        user_id: UUID
        team_id: UUID
        invoice_id: UUID
        plan_id: UUID
        stripe_customer_id: str
  `,
);

describe('the schema set of a Python file', () => {
  it('is its own tables, those of the files beside it and those of the modules it imports, with their keys', () => {
    const parsed = parsePython(readFileSync(posts, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const known = knownTables(buildPyModel(parsed.ast, DEFAULT_SETTINGS, posts));
    expect([...known.values()].map((t) => [t.name, t.primaryKey, t.local]).sort()).toEqual([
      ['invoices', 'number', false],
      ['posts', 'id', true],
      ['team', 'team_key', false],
      ['users', 'id', false],
    ]);
  });

  it('decides which _id fields require-foreign-keys and require-indexes ask about, and what the suggestion names', () => {
    const rules = { 'data-modeling/require-foreign-keys': 'error' as const, 'data-modeling/require-indexes': 'error' as const };
    const config: Linter.Config[] = [{ files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules }];
    const messages = new Linter({ cwd: root }).verify(readFileSync(posts, 'utf8'), config, posts);
    // plans.py is neither beside the file nor imported: plan_id stays unjudged, as stripe_customer_id does.
    expect(messages.map((m) => [m.ruleId, m.messageId, m.line, (m.suggestions ?? []).map((s) => s.desc)])).toEqual([
      ['data-modeling/require-foreign-keys', 'missing', 8, ['Reference users.id.']],
      ['data-modeling/require-indexes', 'foreignKeyColumn', 8, []],
      ['data-modeling/require-foreign-keys', 'missing', 9, ['Reference team.team_key.']],
      ['data-modeling/require-indexes', 'foreignKeyColumn', 9, []],
      ['data-modeling/require-foreign-keys', 'missing', 10, ['Reference invoices.number.']],
      ['data-modeling/require-indexes', 'foreignKeyColumn', 10, []],
    ]);
  });
});
