import { describe, expect, it } from 'vitest';
import { analyzePolicy, classifyCondition, type ConditionKind, type PolicyFacts } from '../../src/model/rls.js';
import { getSchema } from '../../src/model/schema.js';
import { inspect } from '../support/analyze.js';

interface Analyzed {
  /** Condition kind of each policy's `using` (crudPolicy: `read`), by policy name. */
  using: Map<string, ConditionKind>;
  facts: Map<string, PolicyFacts>;
}

/** Runs the model on a source and analyses every policy of its first table against tenant_id / app.tenant_id. */
function analyzeRls(code: string): Analyzed {
  return inspect(code, (context) => {
    const out: Analyzed = { using: new Map(), facts: new Map() };
    const table = getSchema(context).tables[0]!;
    const target = { table, column: table.isRoot ? 'id' : 'tenant_id', setting: 'app.tenant_id' };
    for (const [i, policy] of table.policies.entries()) {
      const name = policy.name ?? `#${i}`;
      out.using.set(name, classifyCondition(context.sourceCode, target, policy.option(policy.kind === 'crudPolicy' ? 'read' : 'using')));
      out.facts.set(name, analyzePolicy(context.sourceCode, target, policy));
    }
    return out;
  });
}

const HEADER = `import * as orm from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
import { crudPolicy } from 'drizzle-orm/neon';
import { helper, fragment } from './helpers';
const setting = sql\`current_setting('app.tenant_id')::uuid\`;
`;

/** Classifies each `using` expression (source text) in a users table with tenantId -> tenant_id. */
function classify(expressions: readonly string[]): ConditionKind[] {
  const policies = expressions.map((e, i) => `  pgPolicy('p${i}', { using: ${e} }),`).join('\n');
  const { using } = analyzeRls(`${HEADER}export const users = pgTable('users', { tenantId: uuid('tenant_id').notNull(), ownerId: uuid('owner_id') }, (t) => [\n${policies}\n]);\n`);
  return expressions.map((_, i) => using.get(`p${i}`)!);
}

const commands = (set: Iterable<string>) => [...set].sort();

describe('classifyCondition', () => {
  it('recognises the tenant comparison in the shapes people write it', () => {
    const isolating = [
      "sql`tenant_id = current_setting('app.tenant_id')::uuid`",
      "sql`\"tenant_id\" = current_setting('app.tenant_id')::uuid`",
      "sql`current_setting('app.tenant_id')::uuid = tenant_id`",
      "sql`tenant_id = (select current_setting('app.tenant_id')::uuid)`",
      "sql`tenant_id = (SELECT current_setting('app.tenant_id', true))::uuid`",
      "sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`",
      "sql`tenant_id = cast(current_setting('app.tenant_id') as uuid)`",
      "sql`tenant_id::text = pg_catalog.current_setting('app.tenant_id'::text)`",
      "sql`\"users\".\"tenant_id\" = current_setting('app.tenant_id')::uuid`",
      "sql`(tenant_id = current_setting('App.Tenant_Id')::uuid) AND owner_id IS NOT NULL`",
      "sql`tenant_id = current_setting('app.tenant_id')::character varying(36)`",
      "sql`/* tenants */ tenant_id -- column\n = current_setting('app.tenant_id')::uuid`",
      "sql`${t.tenantId} = current_setting('app.tenant_id')::uuid`",
      'sql`${users.tenantId} = ${setting}`',
      'orm.sql`tenant_id = ${setting}`',
      'sql`tenant_id = ${setting}`',
    ];
    expect(classify(isolating)).toEqual(isolating.map(() => 'isolates'));
  });

  it('does not mistake other conditions for tenant isolation', () => {
    const other = [
      "sql`id = current_setting('app.tenant_id')::uuid`", // another column
      "sql`owner_id = current_setting('app.tenant_id')::uuid`",
      "sql`tenant_id = current_setting('app.user_id')::uuid`", // another setting
      "sql`tenant_id = current_setting('app.tenant_id')::uuid or true`", // widened by OR
      "sql`tenant_id = current_setting('app.tenant_id')::uuid OR owner_id is null`",
      "sql`tenant_id = current_setting('app.tenant_id')::uuid and owner_id is null or true`", // (a and b) or c
      "sql`tenant_id <> current_setting('app.tenant_id')::uuid`",
      "sql`TENANT_ID = current_setting('app.tenant_id')::uuid = false`",
      "sql`\"Tenant_Id\" = current_setting('app.tenant_id')::uuid`", // quoted: case matters
      "sql`other.tenant_id = current_setting('app.tenant_id')::uuid`", // another table's column
      "sql`tenant_id in (select tenant_id from memberships where user_id = current_setting('app.user_id')::uuid)`",
      "sql`not (tenant_id = current_setting('app.tenant_id')::uuid)`",
      "sql`${t.ownerId} = current_setting('app.tenant_id')::uuid`",
      'sql`false`',
    ];
    expect(classify(other)).toEqual(other.map(() => 'other'));
  });

  it('knows an always-true condition', () => {
    expect(classify(['sql`true`', 'sql`(TRUE)`', 'sql` ( true ) `'])).toEqual(['true', 'true', 'true']);
  });

  it('is unknown where the file does not show the SQL', () => {
    const unknown = [
      'helper(t)',
      'fragment',
      'sql`tenant_id = ${fragment}`',
      'sql`${helper(t)} = current_setting(\'app.tenant_id\')::uuid`',
      "sql.raw(\"tenant_id = current_setting('app.tenant_id')::uuid\")",
      "String.raw`tenant_id = current_setting('app.tenant_id')::uuid`",
      "sql`tenant_id = current_setting('app.tenant_id`", // an unclosed quote
    ];
    expect(classify(unknown)).toEqual(unknown.map(() => 'unknown'));
  });

  it('follows consts to the condition, and ends on consts that name each other', () => {
    const { using } = analyzeRls(`import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      const condition = sql\`tenant_id = current_setting('app.tenant_id')::uuid\`;
      const isolation = condition;
      const same = isolation;
      const first = second;
      const second = first;
      export const users = pgTable('users', { tenant_id: uuid('tenant_id') }, () => [
        pgPolicy('aliased', { using: same }),
        pgPolicy('cycle', { using: first }),
      ]);`);
    expect(using.get('aliased')).toBe('isolates');
    expect(using.get('cycle')).toBe('unknown');
  });

  it('does not take a local function called sql for drizzle-orm', () => {
    const { using } = analyzeRls(`import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      const sql = (s: TemplateStringsArray) => s.join('');
      export const users = pgTable('users', { tenant_id: uuid('tenant_id') }, () => [
        pgPolicy('p', { using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\` as never }),
      ]);`);
    expect(using.get('p')).toBe('unknown');
  });
});

describe('one condition text on several tables', () => {
  it('is classified for each table: its name qualifies the column, and a root table is isolated by id', () => {
    // The same text gives the same (memoised) tokens everywhere; the answer still depends on the table.
    const conditions = [
      "sql`items.tenant_id = current_setting('app.tenant_id')::uuid`",
      "sql`id = current_setting('app.tenant_id')::uuid`",
      "sql`tenant_id = current_setting('app.tenant_id')::uuid`",
    ];
    const tables = ['tenants', 'items', 'others'].map(
      (name) => `export const ${name} = pgTable('${name}', { id: uuid('id'), tenant_id: uuid('tenant_id') }, () => [
        ${conditions.map((c, i) => `pgPolicy('p${i}', { using: ${c} }),`).join('\n')}
      ]);`,
    );
    const kinds = inspect(
      `import { sql } from 'drizzle-orm';\nimport { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';\n${tables.join('\n')}`,
      (context) =>
        getSchema(context).tables.map((table) => {
          const target = { table, column: table.isRoot ? 'id' : 'tenant_id', setting: 'app.tenant_id' };
          return table.policies.map((policy) => classifyCondition(context.sourceCode, target, policy.option('using')));
        }),
    );
    expect(kinds).toEqual([
      ['other', 'isolates', 'other'], // tenants: the root table, isolated by its id
      ['isolates', 'other', 'isolates'], // items: `items.tenant_id` names its own column
      ['other', 'other', 'isolates'], // others: `items.tenant_id` is another table's column
    ]);
  });
});

describe('analyzePolicy', () => {
  const iso = "sql`tenant_id = current_setting('app.tenant_id')::uuid`";
  const table = (policies: string) =>
    analyzeRls(`${HEADER}export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => [\n${policies}\n]);\n`).facts;

  it('maps for/as/using/withCheck to the commands a policy isolates', () => {
    const facts = table(`
      pgPolicy('all', { using: ${iso} }),
      pgPolicy('select', { for: 'select', using: ${iso} }),
      pgPolicy('insert', { for: 'insert', withCheck: ${iso} }),
      pgPolicy('insert_no_check', { for: 'insert' }),
      pgPolicy('update_open_check', { for: 'update', using: ${iso}, withCheck: sql\`true\` }),
      pgPolicy('all_open_check', { for: 'all', using: ${iso}, withCheck: sql\`true\` }),
      pgPolicy('restrictive', { as: 'restrictive', using: ${iso} }),
      pgPolicy('as_unknown', { as: helper(), using: ${iso} }),
      pgPolicy('for_unknown', { for: helper(), using: ${iso} }),
      pgPolicy('no_options'),
    `);
    const summary = Object.fromEntries([...facts].map(([name, f]) => [name, { isolates: commands(f.isolates), unknown: commands(f.unknown) }]));
    expect(summary).toEqual({
      all: { isolates: ['delete', 'insert', 'select', 'update'], unknown: [] },
      select: { isolates: ['select'], unknown: [] },
      insert: { isolates: ['insert'], unknown: [] },
      insert_no_check: { isolates: [], unknown: [] },
      update_open_check: { isolates: [], unknown: [] },
      all_open_check: { isolates: ['delete', 'select'], unknown: [] },
      restrictive: { isolates: [], unknown: [] },
      as_unknown: { isolates: [], unknown: ['delete', 'insert', 'select', 'update'] },
      for_unknown: { isolates: [], unknown: ['delete', 'insert', 'select', 'update'] },
      no_options: { isolates: [], unknown: [] },
    });
  });

  it('reads crudPolicy: read is select, modify is insert, update and delete', () => {
    const facts = [
      ...table(`
        crudPolicy({ role: 'app_user', read: ${iso}, modify: helper(t) }),
        crudPolicy({ role: ['public'], read: null, modify: true }),
      `).values(),
    ];
    expect(facts.map((f) => [commands(f.isolates), commands(f.unknown)])).toEqual([
      [['select'], ['delete', 'insert', 'update']],
      [[], []],
    ]);
    expect(facts.map((f) => f.alwaysTrue && { option: f.alwaysTrue.option, commands: f.alwaysTrue.commands })).toEqual([
      null,
      { option: 'modify', commands: ['insert', 'update', 'delete'] },
    ]);
  });

  it('flags always-true conditions only on permissive policies for every role', () => {
    const facts = table(`
      pgPolicy('default_to', { using: sql\`true\` }),
      pgPolicy('public_in_list', { to: ['app_user', 'public'], for: 'select', using: sql\`true\` }),
      pgPolicy('insert_check', { for: 'insert', withCheck: sql\`true\` }),
      pgPolicy('named_role', { to: 'admin', using: sql\`true\` }),
      pgPolicy('role_object', { to: helper(), using: sql\`true\` }),
      pgPolicy('restrictive', { as: 'restrictive', using: sql\`true\` }),
      pgPolicy('delete_only', { for: 'delete', using: sql\`true\` }),
    `);
    const opened = Object.fromEntries([...facts].map(([name, f]) => [name, f.alwaysTrue && `${f.alwaysTrue.option}: ${f.alwaysTrue.commands.join(' ')}`]));
    expect(opened).toEqual({
      default_to: 'using: select update delete',
      public_in_list: 'using: select',
      insert_check: 'withCheck: insert',
      named_role: null,
      role_object: null,
      restrictive: null,
      delete_only: 'using: delete',
    });
  });

  it('treats options it cannot read as unknown for every command', () => {
    const facts = table(`pgPolicy('spread', { ...helper(), using: ${iso} }),`);
    expect(commands(facts.get('spread')!.unknown)).toEqual(['delete', 'insert', 'select', 'update']);
  });
});
