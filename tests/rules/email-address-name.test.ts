import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../src/rules/email-address-name.js';
import { typecheck } from '../integration/support/drizzle.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

/** Renames whose fixed output must also type-check against drizzle-orm. */
const renames = {
  // key and database name, with the references in the extra config, relations() and .references()
  references: {
    code: code`
      import { relations } from 'drizzle-orm';
      import { pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        email: varchar('email', { length: 255 }).notNull(),
      }, (t) => [uniqueIndex('users_email_idx').on(t.tenant_id, t.email)]);

      export const invites = pgTable('invites', {
        id: uuid('id').primaryKey().defaultRandom(),
        invitee: text('invitee').notNull().references(() => users.email),
      });

      export const invitesRelations = relations(invites, ({ one }) => ({
        user: one(users, { fields: [invites.invitee], references: [users.email] }),
      }));
    `,
    output: code`
      import { relations } from 'drizzle-orm';
      import { pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        email_address: varchar('email_address', { length: 255 }).notNull(),
      }, (t) => [uniqueIndex('users_email_idx').on(t.tenant_id, t.email_address)]);

      export const invites = pgTable('invites', {
        id: uuid('id').primaryKey().defaultRandom(),
        invitee: text('invitee').notNull().references(() => users.email_address),
      });

      export const invitesRelations = relations(invites, ({ one }) => ({
        user: one(users, { fields: [invites.invitee], references: [users.email_address] }),
      }));
    `,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [{ messageId: 'emailAddress', line: 7, column: 3, endColumn: 8, data: { name: 'email', table: 'table "users"', expected: 'email_address', key: 'email_address' } }],
  },
  // camelCase keys stay camelCase; a name-less builder gets the new name from its key where the
  // casing allows, and as a name argument where it does not
  camelCase: {
    code: code`
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

      export const accounts = pgTable('accounts', (t) => ({
        id: t.uuid().primaryKey().defaultRandom(),
        billingEmail: t.text('billing_email'),
        supportEmail: t.text(),
      }));
      const { billingEmail } = accounts;
      export const contactColumns = [billingEmail, accounts.supportEmail];
    `,
    output: code`
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

      export const accounts = pgTable('accounts', (t) => ({
        id: t.uuid().primaryKey().defaultRandom(),
        billingEmailAddress: t.text('billing_email_address'),
        supportEmailAddress: t.text('support_email_address'),
      }));
      const { billingEmailAddress: billingEmail } = accounts;
      export const contactColumns = [billingEmail, accounts.supportEmailAddress];
    `,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [
      { messageId: 'emailAddress', line: 5, column: 3, endColumn: 15, data: { name: 'billing_email', table: 'table "accounts"', expected: 'billing_email_address', key: 'billingEmailAddress' } },
      { messageId: 'emailAddress', line: 6, column: 3, endColumn: 15, data: { name: 'supportEmail', table: 'table "accounts"', expected: 'support_email_address', key: 'supportEmailAddress' } },
    ],
  },
  // Issue 14: the row types follow, in type positions (Pick, Omit, indexed access) and in the objects
  // typed with them or written to the table (databaseRenames: "fix", so that the rename is a fix)
  rowTypes: {
    code: code`
      import type { InferInsertModel } from 'drizzle-orm';
      import { pgTable, text, uuid, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        name: text('name').notNull(),
        email: text('email').notNull(),
      });

      export type User = typeof users.$inferSelect;
      export type NewUser = InferInsertModel<typeof users>;
      export type PublicUser = Pick<User, 'id' | 'name' | 'email'>;
      export type Email = User['email'];
      export type SelectedEmail = typeof users.$inferSelect['email'];
      export type Profile = Omit<Partial<NewUser>, 'email'>;
      export const admin: NewUser = { name: 'Admin', email: 'admin@example.com' };
      const guest = { name: 'Guest', email: 'guest@example.com' } satisfies NewUser;
      const staff: NewUser[] = [{ name: 'Staff', email: 'staff@example.com' }];

      export function label(user: PublicUser): string {
        return \`\${user.name} <\${user.email}>\`;
      }

      export async function invite(db: PgDatabase<PgQueryResultHKT>, email: string) {
        await db.insert(users).values([{ name: 'Invited', email }, guest]).onConflictDoUpdate({ target: users.email, set: { email } });
        await db.update(users).set({ email: email.toLowerCase() }).where(undefined);
        await db.insert(users).values(staff);
        return db.select({ address: users.email }).from(users);
      }
    `,
    output: code`
      import type { InferInsertModel } from 'drizzle-orm';
      import { pgTable, text, uuid, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';

      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        name: text('name').notNull(),
        email_address: text('email_address').notNull(),
      });

      export type User = typeof users.$inferSelect;
      export type NewUser = InferInsertModel<typeof users>;
      export type PublicUser = Pick<User, 'id' | 'name' | 'email_address'>;
      export type Email = User['email_address'];
      export type SelectedEmail = typeof users.$inferSelect['email_address'];
      export type Profile = Omit<Partial<NewUser>, 'email_address'>;
      export const admin: NewUser = { name: 'Admin', email_address: 'admin@example.com' };
      const guest = { name: 'Guest', email_address: 'guest@example.com' } satisfies NewUser;
      const staff: NewUser[] = [{ name: 'Staff', email_address: 'staff@example.com' }];

      export function label(user: PublicUser): string {
        return \`\${user.name} <\${user.email_address}>\`;
      }

      export async function invite(db: PgDatabase<PgQueryResultHKT>, email: string) {
        await db.insert(users).values([{ name: 'Invited', email_address: email }, guest]).onConflictDoUpdate({ target: users.email_address, set: { email_address: email } });
        await db.update(users).set({ email_address: email.toLowerCase() }).where(undefined);
        await db.insert(users).values(staff);
        return db.select({ address: users.email_address }).from(users);
      }
    `,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [{ messageId: 'emailAddress', line: 7, column: 3, endColumn: 8 }],
  },
} satisfies Record<string, InvalidTestCase<MessageIds, Options>>;

ruleTester.run('email-address-name', rule, {
  valid: [
    code`
      import { pgTable, text, boolean } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', {
        email_address: text('email_address'),
        billing_email_address: text('billing_email_address'),
        emails_sent: text('emails_sent'),
        email_verified: boolean('email_verified'),
        has_email: boolean('has_email'),
      });
    `,
    // not when email_address already exists in the table
    code`
      import { pgTable, text } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { email_address: text('email_address'), email: text('email') });
    `,
    // nor when it may exist in a part the plugin cannot see
    code`
      import { pgTable, text } from 'drizzle-orm/pg-core';
      import { contact } from './columns';
      export const users = pgTable('users', { email: text('email'), ...contact });
    `,
    // a column that is not text: a reference to an email row, say
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { primary_email: uuid('primary_email') });
    `,
    // the key alone does not decide: the database name does
    code`
      import { pgTable, text } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { email: text('email_address') });
    `,
  ],
  invalid: [
    {
      // An exported column set no table of the file spreads: reported here; the files whose tables spread
      // it read its keys, so there is no rename.
      code: code`
        import { text } from 'drizzle-orm/pg-core';
        export const contact = { email: text('email') };
      `,
      output: null,
      errors: [
        {
          messageId: 'emailAddress',
          line: 2,
          column: 26,
          data: { name: 'email', table: 'column set "contact"', expected: 'email_address', key: 'email_address' },
          suggestions: [],
        },
      ],
    },
    {
      // a column of a same-file object spread into two tables: reported once, at its definition
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        const contact = { email: text('email') };
        export const a = pgTable('a', { id: uuid('id'), ...contact });
        export const b = pgTable('b', { id: uuid('id'), ...contact });
      `,
      output: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        const contact = { email_address: text('email_address') };
        export const a = pgTable('a', { id: uuid('id'), ...contact });
        export const b = pgTable('b', { id: uuid('id'), ...contact });
      `,
      options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'emailAddress', line: 2, column: 19, data: { name: 'email', table: 'column set "contact"', expected: 'email_address', key: 'email_address' } }],
    },
    renames.references,
    renames.camelCase,
    renames.rowTypes,
    {
      // name-less builder: renaming the key renames the column; a key unrelated to the name is kept
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { email: text().notNull(), contact: text('work_email') });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { email_address: text().notNull(), contact: text('work_email_address') });
      `,
      options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [
        { messageId: 'emailAddress', column: 33, endColumn: 38, data: { name: 'email', table: 'table "a"', expected: 'email_address', key: 'email_address' } },
        { messageId: 'emailAddress', column: 58, endColumn: 65, data: { name: 'work_email', table: 'table "a"', expected: 'work_email_address', key: 'contact' } },
      ],
    },
    {
      // casing snake_case: the camelCase key carries the name
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { workEmail: text() });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { workEmailAddress: text() });
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
      errors: [{ messageId: 'emailAddress', data: { name: 'work_email', table: 'table "a"', expected: 'work_email_address', key: 'workEmailAddress' } }],
    },
    {
      // by default (exportedKeyRenames: "suggestion") a rename of an exported table's key is a suggestion:
      // other files may read the key; a key that stays, and an unexported table, are still fixed
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { email: text('email') });
        const b = pgTable('b', { email: text('email') });
        export const c = pgTable('c', { contact: text('email') });
      `,
      output: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { email: text('email') });
        const b = pgTable('b', { email_address: text('email_address') });
        export const c = pgTable('c', { contact: text('email_address') });
      `,
      options: [{ databaseRenames: 'fix' }],
      errors: [
        {
          messageId: 'emailAddress',
          line: 2,
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { name: 'email', table: 'a', expected: 'email_address', key: 'email_address' },
              output: code`
                import { pgTable, text } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { email_address: text('email_address') });
                const b = pgTable('b', { email: text('email') });
                export const c = pgTable('c', { contact: text('email') });
              `,
            },
          ],
        },
        { messageId: 'emailAddress', line: 3, suggestions: [] },
        { messageId: 'emailAddress', line: 4, suggestions: [] },
      ],
    },
    {
      // by default the rename is a suggestion: the database column is renamed, a migration follows
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id'), name: text('name'), email: text('email') });
        export type User = typeof users.$inferSelect;
        export type PublicUser = Pick<User, 'id' | 'name' | 'email'>;
      `,
      output: null,
      errors: [
        {
          messageId: 'emailAddress',
          line: 2,
          column: 77,
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { name: 'email', table: 'users', expected: 'email_address', key: 'email_address' },
              output: code`
                import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', { id: uuid('id'), name: text('name'), email_address: text('email_address') });
                export type User = typeof users.$inferSelect;
                export type PublicUser = Pick<User, 'id' | 'name' | 'email_address'>;
              `,
            },
          ],
        },
      ],
    },
    {
      // uses that read the key without naming it here: a row passed on, keys picked by a type parameter,
      // rows selected or returned with the table's keys, a row read from an array; the rename stays a suggestion
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id'), email: text('email') });
        type A = typeof a.$inferSelect;
        export const passOn = (row: A) => [row];
        export const b = pgTable('b', { id: uuid('id'), email: text('email') });
        export type Picked<K extends keyof typeof b.$inferSelect> = Pick<typeof b.$inferSelect, K>;
        export const c = pgTable('c', { id: uuid('id'), email: text('email') });
        export const all = (db: any) => [db.select().from(c), db.insert(c).values({ email: 'x' }).returning()];
        export const d = pgTable('d', { id: uuid('id'), email: text('email') });
        const rows: (typeof d.$inferInsert)[] = [{ email: 'x' }];
        export const first = rows[0];
      `,
      output: null,
      options: [{ databaseRenames: 'fix' }],
      errors: [
        {
          messageId: 'emailAddress',
          line: 2,
          suggestions: [
            {
              messageId: 'renameColumn',
              output: code`
                import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { id: uuid('id'), email_address: text('email_address') });
                type A = typeof a.$inferSelect;
                export const passOn = (row: A) => [row];
                export const b = pgTable('b', { id: uuid('id'), email: text('email') });
                export type Picked<K extends keyof typeof b.$inferSelect> = Pick<typeof b.$inferSelect, K>;
                export const c = pgTable('c', { id: uuid('id'), email: text('email') });
                export const all = (db: any) => [db.select().from(c), db.insert(c).values({ email: 'x' }).returning()];
                export const d = pgTable('d', { id: uuid('id'), email: text('email') });
                const rows: (typeof d.$inferInsert)[] = [{ email: 'x' }];
                export const first = rows[0];
              `,
            },
          ],
        },
        {
          messageId: 'emailAddress',
          line: 5,
          suggestions: [
            {
              messageId: 'renameColumn',
              output: code`
                import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { id: uuid('id'), email: text('email') });
                type A = typeof a.$inferSelect;
                export const passOn = (row: A) => [row];
                export const b = pgTable('b', { id: uuid('id'), email_address: text('email_address') });
                export type Picked<K extends keyof typeof b.$inferSelect> = Pick<typeof b.$inferSelect, K>;
                export const c = pgTable('c', { id: uuid('id'), email: text('email') });
                export const all = (db: any) => [db.select().from(c), db.insert(c).values({ email: 'x' }).returning()];
                export const d = pgTable('d', { id: uuid('id'), email: text('email') });
                const rows: (typeof d.$inferInsert)[] = [{ email: 'x' }];
                export const first = rows[0];
              `,
            },
          ],
        },
        {
          messageId: 'emailAddress',
          line: 7,
          suggestions: [
            {
              messageId: 'renameColumn',
              output: code`
                import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { id: uuid('id'), email: text('email') });
                type A = typeof a.$inferSelect;
                export const passOn = (row: A) => [row];
                export const b = pgTable('b', { id: uuid('id'), email: text('email') });
                export type Picked<K extends keyof typeof b.$inferSelect> = Pick<typeof b.$inferSelect, K>;
                export const c = pgTable('c', { id: uuid('id'), email_address: text('email_address') });
                export const all = (db: any) => [db.select().from(c), db.insert(c).values({ email_address: 'x' }).returning()];
                export const d = pgTable('d', { id: uuid('id'), email: text('email') });
                const rows: (typeof d.$inferInsert)[] = [{ email: 'x' }];
                export const first = rows[0];
              `,
            },
          ],
        },
        {
          messageId: 'emailAddress',
          line: 9,
          suggestions: [
            {
              messageId: 'renameColumn',
              output: code`
                import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { id: uuid('id'), email: text('email') });
                type A = typeof a.$inferSelect;
                export const passOn = (row: A) => [row];
                export const b = pgTable('b', { id: uuid('id'), email: text('email') });
                export type Picked<K extends keyof typeof b.$inferSelect> = Pick<typeof b.$inferSelect, K>;
                export const c = pgTable('c', { id: uuid('id'), email: text('email') });
                export const all = (db: any) => [db.select().from(c), db.insert(c).values({ email: 'x' }).returning()];
                export const d = pgTable('d', { id: uuid('id'), email_address: text('email_address') });
                const rows: (typeof d.$inferInsert)[] = [{ email_address: 'x' }];
                export const first = rows[0];
              `,
            },
          ],
        },
      ],
    },
    {
      // no fix when the new key is taken, or the column comes from an object used elsewhere
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        const contact = { email: text('email') };
        export const a = pgTable('a', { contactEmail: text('contact_email'), contactEmailAddress: text('other') });
        export const b = pgTable('b', { ...contact });
        export const more = { ...contact };
      `,
      output: null,
      errors: [
        { messageId: 'emailAddress', line: 2, column: 19, data: { name: 'email', table: 'column set "contact"', expected: 'email_address', key: 'email_address' } },
        { messageId: 'emailAddress', line: 3, column: 33, data: { name: 'contact_email', table: 'table "a"', expected: 'contact_email_address', key: 'contactEmailAddress' } },
      ],
    },
  ],
});

describe('email-address-name fixes type-check against drizzle-orm', () => {
  it.each(Object.entries(renames))('%s', (_name, { code: source, output }) => {
    expect(typecheck({ 'schema.ts': source }).diagnostics).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
  });
});
