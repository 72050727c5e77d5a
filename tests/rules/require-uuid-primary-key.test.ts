import rule from '../../src/rules/require-uuid-primary-key.js';
import { code, createRuleTester, EXTERNAL_TABLES } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-uuid-primary-key', rule, {
  valid: [
    // tables the app does not own: Supabase's schemas, a schema named in externalSchemas, an .existing()
    // schema (drizzle-orm 1.0)
    EXTERNAL_TABLES,
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { id: uuid('id').primaryKey().defaultRandom() });
    `,
    code`
      import { pgTable, uuid, primaryKey } from 'drizzle-orm/pg-core';
      import { sql } from 'drizzle-orm';
      export const a = pgTable('a', { id: uuid('id').default(sql\`gen_random_uuid()\`) }, (t) => [primaryKey({ columns: [t.id] })]);
    `,
    // name-less builder under preserve casing: the key is the name
    code`
      import { pgTable } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', (t) => ({ id: t.uuid().primaryKey().defaultRandom() }));
    `,
    // unknown columns
    code`
      import { pgTable } from 'drizzle-orm/pg-core';
      import { base } from './base';
      export const a = pgTable('a', { ...base });
    `,
    `import { pgTable } from './not-drizzle'; export const a = pgTable('a', {});`,
  ],
  invalid: [
    {
      // Exported column sets no table of the file spreads: what an id there says of itself is checked here;
      // whether it is the key may be the table's extra config, which the set cannot see.
      code: code`
        import { serial, uuid } from 'drizzle-orm/pg-core';
        export const uuidKey = { id: uuid('id').primaryKey() };
        export const serialKey = { id: serial('id').primaryKey() };
        export const bareKey = { id: uuid('id') };
      `,
      output: code`
        import { serial, uuid } from 'drizzle-orm/pg-core';
        export const uuidKey = { id: uuid('id').primaryKey().defaultRandom() };
        export const serialKey = { id: serial('id').primaryKey() };
        export const bareKey = { id: uuid('id').defaultRandom() };
      `,
      errors: [
        { messageId: 'noDefault', line: 2, column: 26, data: { table: 'column set "uuidKey"', defaultRandom: '`.defaultRandom()`' } },
        { messageId: 'notUuid', line: 3, column: 28, data: { table: 'column set "serialKey"', column: 'id', built: 'built with serial()', uuid: 'uuid()' } },
        { messageId: 'noDefault', line: 4, column: 26, data: { table: 'column set "bareKey"', defaultRandom: '`.defaultRandom()`' } },
      ],
    },
    {
      // ids of same-file objects spread into several tables: each problem reported once, at its definition
      code: code`
        import { pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';
        const base = { id: uuid('id') };
        const legacy = { id: serial('id').primaryKey() };
        export const a = pgTable('a', { ...base, name: text('name') });
        export const b = pgTable('b', { ...base, name: text('name') });
        export const c = pgTable('c', { ...legacy });
        export const d = pgTable('d', { ...legacy });
      `,
      output: code`
        import { pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';
        const base = { id: uuid('id').primaryKey().defaultRandom() };
        const legacy = { id: serial('id').primaryKey() };
        export const a = pgTable('a', { ...base, name: text('name') });
        export const b = pgTable('b', { ...base, name: text('name') });
        export const c = pgTable('c', { ...legacy });
        export const d = pgTable('d', { ...legacy });
      `,
      errors: [
        { messageId: 'notPrimaryKey', line: 2, column: 16, data: { table: 'column set "base"', primaryKey: '`.primaryKey()`' } },
        { messageId: 'noDefault', line: 2, column: 16, data: { table: 'column set "base"', defaultRandom: '`.defaultRandom()`' } },
        { messageId: 'notUuid', line: 3, column: 18, data: { table: 'column set "legacy"', column: 'id', built: 'built with serial()', uuid: 'uuid()' } },
      ],
    },
    {
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          name: text('name'),
        });
      `,
      output: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id').primaryKey().defaultRandom(),
          name: text('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26, endColumn: 29, data: { table: 'a', form: '`id: uuid("id").primaryKey().defaultRandom()`' } }],
    },
    {
      // an empty table whose only content is a comment: the comment stays
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          // TODO: columns
        });
      `,
      output: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          // TODO: columns
          id: uuid('id').primaryKey().defaultRandom(),
        });
      `,
      errors: [{ messageId: 'missing', line: 2 }],
    },
    {
      // an empty table
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {});
      `,
      output: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey().defaultRandom() });
      `,
      errors: [{ messageId: 'missing', line: 2 }],
    },
    {
      // a join table keyed by both sides
      code: code`
        import { pgTable, uuid, primaryKey } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { x_id: uuid('x_id'), y_id: uuid('y_id') }, (t) => [primaryKey({ columns: [t.x_id, t.y_id] })]);
      `,
      output: null,
      errors: [{ messageId: 'otherPrimaryKey', line: 2, data: { table: 'a', primaryKey: 'declared in the extra config' } }],
    },
    {
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { code: text('code').primaryKey() });
      `,
      output: null,
      errors: [{ messageId: 'otherPrimaryKey', data: { table: 'a', primaryKey: '"code"' } }],
    },
    {
      code: code`
        import { pgTable, serial } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: serial('id').primaryKey() });
      `,
      output: null,
      errors: [{ messageId: 'notUuid', line: 2, column: 33, endColumn: 35, data: { table: 'table "a"', column: 'id', built: 'built with serial()', uuid: 'uuid()' } }],
    },
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id') });
      `,
      output: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey().defaultRandom() });
      `,
      errors: [
        { messageId: 'notPrimaryKey', line: 2, column: 33 },
        { messageId: 'noDefault', line: 2, column: 33 },
      ],
    },
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey() });
      `,
      output: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey().defaultRandom() });
      `,
      errors: [{ messageId: 'noDefault', line: 2, column: 33 }],
    },
    {
      // a composite key already exists: no second primary key is written
      code: code`
        import { pgTable, uuid, primaryKey } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').defaultRandom(), x: uuid('x') }, (t) => [primaryKey({ columns: [t.id, t.x] })]);
      `,
      output: null,
      errors: [{ messageId: 'notPrimaryKey' }],
    },
    {
      // a destructured-builder callback: the builder is added to the pattern
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ text }) => ({
          name: text(),
        }));
      `,
      output: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ text, uuid }) => ({
          id: uuid().primaryKey().defaultRandom(),
          name: text(),
        }));
      `,
      errors: [{ messageId: 'missing' }],
    },
  ],
});
