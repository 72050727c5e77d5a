import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../src/rules/snake-case.js';
import { typecheck } from '../integration/support/drizzle.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

/** Renames whose fixed output must also type-check against drizzle-orm. */
const renames = {
  // A key used in the extra config, in relations() fields and references, in .references() of another
  // table, in a standalone index, in a type query and in destructuring.
  references: {
    code: code`
      import { relations } from 'drizzle-orm';
      import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenantId: uuid('tenant_id').notNull(),
        fullName: text('full_name'),
      }, (t) => [index('users_tenant_id_idx').on(t.tenantId)]);

      export const posts = pgTable('posts', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        author_id: uuid('author_id').notNull().references(() => users.id),
        author_tenant_id: uuid('author_tenant_id').notNull().references(() => users.tenantId),
      });

      export const postsRelations = relations(posts, ({ one }) => ({
        author: one(users, { fields: [posts.author_tenant_id], references: [users.tenantId] }),
      }));

      export const usersNameIdx = index('users_full_name_idx').on(users.fullName);
      export type TenantColumn = typeof users.tenantId;
      const { tenantId, fullName: name } = users;
      export const columns = [tenantId, name, users['fullName']];
    `,
    output: code`
      import { relations } from 'drizzle-orm';
      import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        full_name: text('full_name'),
      }, (t) => [index('users_tenant_id_idx').on(t.tenant_id)]);

      export const posts = pgTable('posts', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        author_id: uuid('author_id').notNull().references(() => users.id),
        author_tenant_id: uuid('author_tenant_id').notNull().references(() => users.tenant_id),
      });

      export const postsRelations = relations(posts, ({ one }) => ({
        author: one(users, { fields: [posts.author_tenant_id], references: [users.tenant_id] }),
      }));

      export const usersNameIdx = index('users_full_name_idx').on(users.full_name);
      export type TenantColumn = typeof users.tenant_id;
      const { tenant_id: tenantId, full_name: name } = users;
      export const columns = [tenantId, name, users['full_name']];
    `,
    options: [{ exportedKeyRenames: 'fix' }],
    errors: [
      { messageId: 'columnKey', line: 6, column: 3, endColumn: 11, data: { key: 'tenantId', table: 'table "users"', expected: 'tenant_id' } },
      { messageId: 'columnKey', line: 7, column: 3, endColumn: 11, data: { key: 'fullName', table: 'table "users"', expected: 'full_name' } },
    ],
  },
  // Name-less builders under the default casing: the old name becomes the name argument, so the
  // database does not change; the destructured extra-config parameter keeps its local names. The
  // database names are then reported on their own, and fixed in a second pass (databaseRenames: "fix").
  nameless: {
    code: code`
      import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

      export const events = pgTable('events', {
        id: uuid().primaryKey().defaultRandom(),
        occurredAt: timestamp({ withTimezone: true }).notNull(),
        actorId: uuid(),
      }, ({ occurredAt, actorId: actor }) => [index('events_occurred_at_idx').on(occurredAt, actor)]);
    `,
    output: [
      code`
        import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

        export const events = pgTable('events', {
          id: uuid().primaryKey().defaultRandom(),
          occurred_at: timestamp('occurredAt', { withTimezone: true }).notNull(),
          actor_id: uuid('actorId'),
        }, ({ occurred_at: occurredAt, actor_id: actor }) => [index('events_occurred_at_idx').on(occurredAt, actor)]);
      `,
      code`
        import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

        export const events = pgTable('events', {
          id: uuid().primaryKey().defaultRandom(),
          occurred_at: timestamp('occurred_at', { withTimezone: true }).notNull(),
          actor_id: uuid('actor_id'),
        }, ({ occurred_at: occurredAt, actor_id: actor }) => [index('events_occurred_at_idx').on(occurredAt, actor)]);
      `,
    ],
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [
      { messageId: 'columnKey', line: 5, column: 3, endColumn: 13 },
      { messageId: 'columnKey', line: 6, column: 3, endColumn: 10 },
    ],
  },
  // A same-file object spread into several tables: its keys are reported once, renamed in every table.
  spread: {
    code: code`
      import { sql } from 'drizzle-orm';
      import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

      const timestamps = {
        createdAt: timestamp('created_at').defaultNow().notNull(),
      };

      export const teams = pgTable('teams', (t) => ({
        id: t.uuid('id').primaryKey(),
        name: t.text('name'),
        ...timestamps,
      }), (table) => [check('teams_created_check', sql\`\${table.createdAt} > '2000-01-01'\`)]);

      export const members = pgTable('members', { id: uuid('id').primaryKey(), role: text('role'), ...timestamps });
      export const newest = [teams.createdAt, members.createdAt];
    `,
    output: code`
      import { sql } from 'drizzle-orm';
      import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

      const timestamps = {
        created_at: timestamp('created_at').defaultNow().notNull(),
      };

      export const teams = pgTable('teams', (t) => ({
        id: t.uuid('id').primaryKey(),
        name: t.text('name'),
        ...timestamps,
      }), (table) => [check('teams_created_check', sql\`\${table.created_at} > '2000-01-01'\`)]);

      export const members = pgTable('members', { id: uuid('id').primaryKey(), role: text('role'), ...timestamps });
      export const newest = [teams.created_at, members.created_at];
    `,
    options: [{ exportedKeyRenames: 'fix' }],
    errors: [{ messageId: 'columnKey', line: 5, column: 3, endColumn: 12, data: { key: 'createdAt', table: 'column set "timestamps"', expected: 'created_at' } }],
  },
} satisfies Record<string, InvalidTestCase<MessageIds, Options>>;

ruleTester.run('snake-case', rule, {
  valid: [
    code`
      import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
      export const user_accounts = pgTable('user_accounts', {
        id: uuid('id').primaryKey(),
        email_address: text('email_address').unique('user_accounts_email_key'),
        address2: text(),
        oauth2_token: text('oauth2_token'),
      }, (t) => [index('user_accounts_email_idx').on(t.email_address)]);
    `,
    // Not names: variable names, relation names, keys of the deprecated object-form extra config.
    code`
      import { relations } from 'drizzle-orm';
      import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const userAccounts = pgTable('user_accounts', { id: uuid('id').primaryKey(), owner_id: uuid('owner_id') }, (t) => ({
        ownerIdx: index('user_accounts_owner_idx').on(t.owner_id),
      }));
      export const accountRelations = relations(userAccounts, ({ one }) => ({
        ownerAccount: one(userAccounts, { fields: [userAccounts.owner_id], references: [userAccounts.id] }),
      }));
    `,
    // casing snake_case: a name-less builder's database name is the snake_case key
    {
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { created_at: timestamp() });
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
    },
    // camelCase keys allowed, database names snake_case (named, or derived under casing snake_case)
    {
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { tenantId: uuid('tenant_id'), userID: uuid('user_id') });
      `,
      options: [{ allowCamelCaseKeys: true }],
    },
    {
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { createdAt: timestamp() });
      `,
      options: [{ allowCamelCaseKeys: true }],
      settings: { 'data-modeling': { casing: 'snake_case' } },
    },
    // a name that is not a literal cannot be judged
    code`
      import { pgTable, text } from 'drizzle-orm/pg-core';
      const name = 'Users';
      export const a = pgTable(name, { b: text(name) });
    `,
    // not drizzle
    code`
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const a = pgTable('UserAccounts', { fullName: 1 });
    `,
  ],
  invalid: [
    {
      // a column set the file exports and no table of it spreads: named as such, in every message
      code: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const audit = { reviewedAt: timestamp('reviewedAt'), approved: timestamp() };
      `,
      options: [{ allowCamelCaseKeys: false }],
      output: null,
      errors: [
        { messageId: 'columnKey', line: 2, column: 24, data: { key: 'reviewedAt', table: 'column set "audit"', expected: 'reviewed_at' } },
        {
          messageId: 'columnName',
          line: 2,
          column: 46,
          data: { key: 'reviewedAt', table: 'column set "audit"', name: 'reviewedAt', expected: 'reviewed_at' },
          suggestions: [
            {
              messageId: 'renameInDatabase',
              data: { name: 'reviewedAt', expected: 'reviewed_at' },
              output: code`
                import { timestamp } from 'drizzle-orm/pg-core';
                export const audit = { reviewedAt: timestamp('reviewed_at'), approved: timestamp() };
              `,
            },
          ],
        },
      ],
    },
    renames.references,
    renames.nameless,
    renames.spread,
    {
      // table, database and constraint names: the string is rewritten, quotes kept (table and column
      // names with databaseRenames: "fix"; index, constraint and policy names always)
      code: code`
        import { sql } from 'drizzle-orm';
        import { check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
        export const teamMembers = pgTable("teamMembers", {
          team_id: uuid("teamId").notNull(),
          user_id: uuid(\`UserID\`).notNull(),
          email: text("email").unique("teamMembersEmailKey"),
        }, (t) => [
          primaryKey({ name: "teamMembersPk", columns: [t.team_id, t.user_id] }),
          foreignKey({ name: "teamMembers-team-fk", columns: [t.team_id], foreignColumns: [t.user_id] }),
          index("TeamMembersUserIdx").on(t.user_id),
          uniqueIndex("teamMembersEmailIdx").on(t.email),
          check("emailHasAt", sql\`\${t.email} like '%@%'\`),
          pgPolicy("TenantIsolation", { using: sql\`true\` }),
        ]);
        export const readPolicy = pgPolicy("readAll", { for: "select", using: sql\`true\` }).link(teamMembers);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
        export const teamMembers = pgTable("team_members", {
          team_id: uuid("team_id").notNull(),
          user_id: uuid(\`user_id\`).notNull(),
          email: text("email").unique("team_members_email_key"),
        }, (t) => [
          primaryKey({ name: "team_members_pk", columns: [t.team_id, t.user_id] }),
          foreignKey({ name: "team_members_team_fk", columns: [t.team_id], foreignColumns: [t.user_id] }),
          index("team_members_user_idx").on(t.user_id),
          uniqueIndex("team_members_email_idx").on(t.email),
          check("email_has_at", sql\`\${t.email} like '%@%'\`),
          pgPolicy("tenant_isolation", { using: sql\`true\` }),
        ]);
        export const readPolicy = pgPolicy("read_all", { for: "select", using: sql\`true\` }).link(teamMembers);
      `,
      errors: [
        { messageId: 'tableName', line: 3, column: 36, endColumn: 49, data: { name: 'teamMembers', expected: 'team_members' } },
        { messageId: 'columnName', line: 4, column: 17, endColumn: 25, data: { name: 'teamId', key: 'team_id', table: 'table "teamMembers"', expected: 'team_id' } },
        { messageId: 'columnName', line: 5, column: 17, endColumn: 25, data: { name: 'UserID', key: 'user_id', table: 'table "teamMembers"', expected: 'user_id' } },
        { messageId: 'constraintName', line: 6, column: 31, endColumn: 52, data: { kind: 'Unique constraint', name: 'teamMembersEmailKey', table: 'table "teamMembers"', expected: 'team_members_email_key' } },
        { messageId: 'constraintName', line: 8, column: 22, data: { kind: 'Primary key', name: 'teamMembersPk', table: 'table "teamMembers"', expected: 'team_members_pk' } },
        { messageId: 'constraintName', line: 9, column: 22, data: { kind: 'Foreign key', name: 'teamMembers-team-fk', table: 'table "teamMembers"', expected: 'team_members_team_fk' } },
        { messageId: 'constraintName', line: 10, column: 9, data: { kind: 'Index', name: 'TeamMembersUserIdx', table: 'table "teamMembers"', expected: 'team_members_user_idx' } },
        { messageId: 'constraintName', line: 11, column: 15, data: { kind: 'Unique index', name: 'teamMembersEmailIdx', table: 'table "teamMembers"', expected: 'team_members_email_idx' } },
        { messageId: 'constraintName', line: 12, column: 9, data: { kind: 'Check constraint', name: 'emailHasAt', table: 'table "teamMembers"', expected: 'email_has_at' } },
        { messageId: 'constraintName', line: 13, column: 12, data: { kind: 'Policy', name: 'TenantIsolation', table: 'table "teamMembers"', expected: 'tenant_isolation' } },
        { messageId: 'constraintName', line: 15, column: 36, endColumn: 45, data: { kind: 'Policy', name: 'readAll', table: 'table "teamMembers"', expected: 'read_all' } },
      ],
      options: [{ databaseRenames: 'fix' }],
    },
    {
      // by default a table or column rename in the database is a migration: a suggestion; an index name is fixed
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const teamMembers = pgTable('teamMembers', { team_id: uuid('teamId') }, (t) => [index('teamIdx').on(t.team_id)]);
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const teamMembers = pgTable('teamMembers', { team_id: uuid('teamId') }, (t) => [index('team_idx').on(t.team_id)]);
      `,
      errors: [
        {
          messageId: 'tableName',
          line: 2,
          column: 36,
          suggestions: [
            {
              messageId: 'renameInDatabase',
              data: { name: 'teamMembers', expected: 'team_members' },
              output: code`
                import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
                export const teamMembers = pgTable('team_members', { team_id: uuid('teamId') }, (t) => [index('teamIdx').on(t.team_id)]);
              `,
            },
          ],
        },
        {
          messageId: 'columnName',
          line: 2,
          column: 67,
          suggestions: [
            {
              messageId: 'renameInDatabase',
              data: { name: 'teamId', expected: 'team_id' },
              output: code`
                import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
                export const teamMembers = pgTable('teamMembers', { team_id: uuid('team_id') }, (t) => [index('teamIdx').on(t.team_id)]);
              `,
            },
          ],
        },
        { messageId: 'constraintName', line: 2, column: 94, suggestions: [] },
      ],
    },
    {
      // quoted and computed keys keep their form; pgSchema().table and pgTableCreator tables
      code: code`
        import { pgSchema, pgTableCreator, text } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        const table = pgTableCreator((name) => \`app_\${name}\`);
        export const a = app.table('a', { 'firstName': text('first_name'), ['lastName']: text('last_name') });
        export const b = table('b', { nickName: text('nick_name') });
        export const names = [a.firstName, a['lastName'], b.nickName];
      `,
      output: code`
        import { pgSchema, pgTableCreator, text } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        const table = pgTableCreator((name) => \`app_\${name}\`);
        export const a = app.table('a', { 'first_name': text('first_name'), ['last_name']: text('last_name') });
        export const b = table('b', { nick_name: text('nick_name') });
        export const names = [a.first_name, a['last_name'], b.nick_name];
      `,
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [
        { messageId: 'columnKey', line: 4, column: 35, endColumn: 46 },
        { messageId: 'columnKey', line: 4, column: 69, endColumn: 79 },
        { messageId: 'columnKey', line: 5, column: 31, endColumn: 39 },
      ],
    },
    {
      // casing snake_case: the rename keeps the derived name, so no name argument is needed ...
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { createdAt: timestamp().notNull() }, (t) => [t.createdAt]);
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { created_at: timestamp().notNull() }, (t) => [t.created_at]);
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', column: 33 }],
    },
    {
      // ... unless Drizzle's own conversion differs from the proposed name: S3Bucket is s_3_bucket to Drizzle
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { S3Bucket: text() });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { s3_bucket: text('s_3_bucket') });
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', data: { key: 'S3Bucket', table: 'table "a"', expected: 's3_bucket' } }],
    },
    {
      // a name-less key under the default casing: the rename keeps the old database name, then the
      // database name is reported on its own (RuleTester applies one pass), with a fix under
      // databaseRenames: "fix" ...
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { fullName: text().notNull() });
      `,
      output: [
        code`
          import { pgTable, text } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { full_name: text('fullName').notNull() });
        `,
        code`
          import { pgTable, text } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { full_name: text('full_name').notNull() });
        `,
      ],
      options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', line: 2, column: 33, endColumn: 41 }],
    },
    {
      // ... and under the default databaseRenames the key is fixed and the database name left to a suggestion
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { fullName: text().notNull() });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { full_name: text('fullName').notNull() });
      `,
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', line: 2, column: 33, endColumn: 41 }],
    },
    {
      // allowCamelCaseKeys: the key stays, the database name derived from it is reported on the key
      code: code`
        import { index, pgTable, timestamp, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp({ withTimezone: true }),
          fullName: text('fullName'),
          Nick_Name: text('nick_name'),
        }, (t) => [index('a_created_at_idx').on(t.createdAt)]);
      `,
      output: code`
        import { index, pgTable, timestamp, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp('created_at', { withTimezone: true }),
          fullName: text('full_name'),
          nick_name: text('nick_name'),
        }, (t) => [index('a_created_at_idx').on(t.createdAt)]);
      `,
      options: [{ allowCamelCaseKeys: true, databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [
        { messageId: 'derivedColumnName', line: 3, column: 3, endColumn: 12, data: { key: 'createdAt', table: 'table "a"', name: 'createdAt', expected: 'created_at' } },
        { messageId: 'columnName', line: 4, column: 18, endColumn: 28 },
        { messageId: 'columnKey', line: 5, column: 3, endColumn: 12, data: { key: 'Nick_Name', table: 'table "a"', expected: 'nick_name' } },
      ],
    },
    {
      // the objects written to the table are renamed with the key ...
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('full_name') });
        await db.insert(a).values({ fullName: 'x' }).onConflictDoUpdate({ target: a.fullName, set: { fullName: 'y' } });
        await db.update(a).set({ 'fullName': 'z' }).returning({ name: a.fullName });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { full_name: text('full_name') });
        await db.insert(a).values({ full_name: 'x' }).onConflictDoUpdate({ target: a.full_name, set: { full_name: 'y' } });
        await db.update(a).set({ 'full_name': 'z' }).returning({ name: a.full_name });
      `,
      errors: [{ messageId: 'columnKey', line: 2, column: 26 }],
    },
    {
      // ... but rows read with the table's keys cannot be followed: a suggestion, not a fix
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('full_name') });
        await db.insert(a).values({ fullName: 'x' });
        const [row] = await db.select().from(a);
      `,
      output: null,
      errors: [
        {
          messageId: 'columnKey',
          line: 2,
          column: 26,
          suggestions: [
            {
              messageId: 'renameKey',
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                const a = pgTable('a', { full_name: text('full_name') });
                await db.insert(a).values({ full_name: 'x' });
                const [row] = await db.select().from(a);
              `,
            },
          ],
        },
      ],
    },
    {
      // by default (exportedKeyRenames: "suggestion"), keys of exported tables are renamed by a suggestion
      // only: other files may read them ...
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { fullName: text('full_name') });
        export const names = [a.fullName];
      `,
      output: null,
      errors: [
        {
          messageId: 'columnKey',
          line: 2,
          column: 33,
          suggestions: [
            {
              messageId: 'renameKey',
              data: { key: 'fullName', table: 'a', expected: 'full_name' },
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { full_name: text('full_name') });
                export const names = [a.full_name];
              `,
            },
          ],
        },
      ],
    },
    {
      // ... stated explicitly
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { fullName: text('full_name') });
      `,
      output: null,
      options: [{ exportedKeyRenames: 'suggestion' }],
      errors: [
        {
          messageId: 'columnKey',
          line: 2,
          column: 33,
          suggestions: [
            {
              messageId: 'renameKey',
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { full_name: text('full_name') });
              `,
            },
          ],
        },
      ],
    },
    {
      // ... or fixed with exportedKeyRenames: "fix", for a project that fixes every file in one run
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { fullName: text('full_name') });
        export const names = [a.fullName];
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { full_name: text('full_name') });
        export const names = [a.full_name];
      `,
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', line: 2, column: 33, data: { key: 'fullName', table: 'table "a"', expected: 'full_name' } }],
    },
    {
      // the key of a table that is not exported (nor its row types) is fixed by default
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('full_name') });
        export const names = [a.fullName];
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { full_name: text('full_name') });
        export const names = [a.full_name];
      `,
      errors: [{ messageId: 'columnKey', line: 2, column: 26, data: { key: 'fullName', table: 'table "a"', expected: 'full_name' } }],
    },
    {
      // ... but an exported row type of it may be read elsewhere: a suggestion
      code: code`
        import type { InferSelectModel } from 'drizzle-orm';
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('full_name') });
        export type A = InferSelectModel<typeof a>;
      `,
      output: null,
      errors: [
        {
          messageId: 'columnKey',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'renameKey',
              output: code`
                import type { InferSelectModel } from 'drizzle-orm';
                import { pgTable, text } from 'drizzle-orm/pg-core';
                const a = pgTable('a', { full_name: text('full_name') });
                export type A = InferSelectModel<typeof a>;
              `,
            },
          ],
        },
      ],
    },
    {
      // ... also through `export default` and `export { }`; unexported tables, and database names under
      // databaseRenames: "fix", are still fixed
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('fullName') });
        const b = pgTable('b', { nickName: text('nick_name') });
        const c = pgTable('c', { lastName: text('last_name') });
        export default a;
        export { b };
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const a = pgTable('a', { fullName: text('full_name') });
        const b = pgTable('b', { nickName: text('nick_name') });
        const c = pgTable('c', { last_name: text('last_name') });
        export default a;
        export { b };
      `,
      options: [{ databaseRenames: 'fix' }],
      errors: [
        {
          messageId: 'columnKey',
          line: 2,
          suggestions: [
            {
              messageId: 'renameKey',
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                const a = pgTable('a', { full_name: text('fullName') });
                const b = pgTable('b', { nickName: text('nick_name') });
                const c = pgTable('c', { lastName: text('last_name') });
                export default a;
                export { b };
              `,
            },
          ],
        },
        { messageId: 'columnName', line: 2 },
        {
          messageId: 'columnKey',
          line: 3,
          suggestions: [
            {
              messageId: 'renameKey',
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                const a = pgTable('a', { fullName: text('fullName') });
                const b = pgTable('b', { nick_name: text('nick_name') });
                const c = pgTable('c', { lastName: text('last_name') });
                export default a;
                export { b };
              `,
            },
          ],
        },
        { messageId: 'columnKey', line: 4, suggestions: [] },
      ],
    },
    {
      // no fix where a rename could collide or reach what the plugin cannot see: a key taken, an
      // imported spread, a helper or a variable as the column, an object also spread elsewhere
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        import { shared } from './shared';
        import { nameColumn } from './columns';
        const extra = { nickName: text('nick_name') };
        const lastName = text('last_name');
        export const a = pgTable('a', { fullName: text('full_name'), full_name: text('name'), lastName });
        export const b = pgTable('b', { fullName: text('full_name'), ...shared });
        export const c = pgTable('c', { fullName: nameColumn() });
        export const d = pgTable('d', { ...extra });
        export const more = { ...extra };
      `,
      output: null,
      errors: [
        { messageId: 'columnKey', line: 4, column: 17 },
        { messageId: 'columnKey', line: 6, column: 33 },
        { messageId: 'columnKey', line: 6, column: 87 },
        { messageId: 'columnKey', line: 7, column: 33 },
        { messageId: 'columnKey', line: 8, column: 33 },
      ],
    },
    {
      // drizzle-orm 1.0: camelCase.table derives camelCase database names, snakeCase.table snake_case ones
      code: code`
        import { camelCase, snakeCase, text } from 'drizzle-orm/pg-core';
        export const a = camelCase.table('a', { full_name: text() });
        export const b = snakeCase.table('b', { fullName: text() });
      `,
      output: code`
        import { camelCase, snakeCase, text } from 'drizzle-orm/pg-core';
        export const a = camelCase.table('a', { full_name: text('full_name') });
        export const b = snakeCase.table('b', { full_name: text() });
      `,
      options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [
        { messageId: 'derivedColumnName', line: 2, column: 41, endColumn: 50, data: { key: 'full_name', table: 'table "a"', name: 'fullName', expected: 'full_name' } },
        { messageId: 'columnKey', line: 3, column: 41, endColumn: 49 },
      ],
    },
    {
      // an exported spread object may be used in other files
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const names = { fullName: text('full_name') };
        export const a = pgTable('a', { ...names });
      `,
      output: null,
      errors: [{ messageId: 'columnKey', line: 2, column: 24 }],
    },
    {
      // spread through a function, reported once for the two tables
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        function names() {
          return { fullName: text('full_name') };
        }
        export const a = pgTable('a', { ...names() });
        export const b = pgTable('b', { ...names() }, (t) => [t.fullName]);
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        function names() {
          return { full_name: text('full_name') };
        }
        export const a = pgTable('a', { ...names() });
        export const b = pgTable('b', { ...names() }, (t) => [t.full_name]);
      `,
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', line: 3, column: 12 }],
    },
    {
      // names with no snake_case spelling: reported, not fixed
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('café', { 'résumé': text('résumé'), x: text('2fa') });
      `,
      output: null,
      errors: [
        { messageId: 'unconvertible', column: 26, data: { subject: 'Table name "café"' } },
        { messageId: 'unconvertible', column: 36, data: { subject: 'Column key "résumé" of table "café"' } },
        { messageId: 'unconvertible', column: 51, data: { subject: 'Database name "résumé" of column "résumé" in table "café"' } },
        { messageId: 'unconvertible', column: 70, data: { subject: 'Database name "2fa" of column "x" in table "café"' } },
      ],
    },
    {
      // many tables with keys referenced at the end of the file are all fixed in one pass
      code: code`
        import { relations } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey(), bId: uuid('b_id') });
        export const b = pgTable('b', { id: uuid('id').primaryKey(), aId: uuid('a_id').references(() => a.id) });
        export const aRelations = relations(a, ({ one }) => ({ b: one(b, { fields: [a.bId], references: [b.id] }) }));
        export const bRelations = relations(b, ({ one }) => ({ a: one(a, { fields: [b.aId], references: [a.id] }) }));
      `,
      output: code`
        import { relations } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id').primaryKey(), b_id: uuid('b_id') });
        export const b = pgTable('b', { id: uuid('id').primaryKey(), a_id: uuid('a_id').references(() => a.id) });
        export const aRelations = relations(a, ({ one }) => ({ b: one(b, { fields: [a.b_id], references: [b.id] }) }));
        export const bRelations = relations(b, ({ one }) => ({ a: one(a, { fields: [b.a_id], references: [a.id] }) }));
      `,
      options: [{ exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'columnKey', line: 3 }, { messageId: 'columnKey', line: 4 }],
    },
  ],
});

describe('snake-case fixes type-check against drizzle-orm', () => {
  it.each(Object.entries(renames))('%s', (_name, { output }) => {
    const result = typecheck({ 'schema.ts': typeof output === 'string' ? output : output[output.length - 1]! });
    expect(result.diagnostics).toEqual([]);
  });
});
