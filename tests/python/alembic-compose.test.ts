import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { parsePython } from '../../src/python/parse.js';

const SOLO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/python/alembic/solo/versions/0001_compose.py');
const RULES = ['require-rls', 'require-downgrade', 'require-tenant-id', 'require-timestamps', 'require-uuid-primary-key', 'require-soft-delete', 'prefer-timestamptz'];

function fixAll(text: string, order: readonly string[]): Linter.FixReport {
  const rules = Object.fromEntries(order.map((r) => [`data-modeling/${r}`, 'error' as const]));
  const config: Linter.Config[] = [{ files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules }];
  return new Linter({ cwd: process.cwd() }).verifyAndFix(text, config, SOLO);
}

const MIGRATION = [
  'import sqlalchemy as sa',
  'from alembic import op',
  '',
  'revision = "0001"',
  'down_revision = None',
  '',
  '',
  'def upgrade() -> None:',
  '    op.create_table("tenants", sa.Column("id", sa.Uuid(), nullable=False))',
  '    op.create_table(',
  '        "users",',
  '        sa.Column("id", sa.Uuid(), nullable=False),',
  '        sa.Column("tenant_id", sa.Uuid(), nullable=False),',
  '    )',
  '    op.create_index("ix_users_tenant_id", "users", ["tenant_id"])',
  '',
  '',
  'def downgrade() -> None:',
  '    pass',
  '',
].join('\n');

describe('the migration rules with every Python rule, in one --fix run', () => {
  it('secure every table, write a downgrade, and leave a file that parses, whatever the rule order', () => {
    const outputs = [RULES, [...RULES].reverse()].map((order) => fixAll(MIGRATION, order));
    for (const { output, messages, fixed } of outputs) {
      expect(fixed).toBe(true);
      expect(messages).toEqual([]);
      expect(parsePython(output).ok, output).toBe(true);
      for (const table of ['tenants', 'users']) {
        expect(output.split(`op.execute("ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY")`)).toHaveLength(2);
        expect(output.split(`op.execute("CREATE POLICY tenant_isolation ON ${table} FOR ALL USING (`)).toHaveLength(2);
        expect(output.split(`op.drop_table("${table}")`)).toHaveLength(2);
      }
      // users is dropped before tenants, its index before it
      expect(output.indexOf('op.drop_index("ix_users_tenant_id", table_name="users")')).toBeLessThan(output.indexOf('op.drop_table("users")'));
      expect(output.indexOf('op.drop_table("users")')).toBeLessThan(output.indexOf('op.drop_table("tenants")'));
    }
    expect(outputs[0]!.output).toBe(outputs[1]!.output);
  });
});
