/**
 * Which unique columns are unique across tenants by nature (tenant-scoped-unique, both stacks), and the
 * name a tenant-scoped unique constraint takes.
 */
import { hasModifier } from './describe.js';
import { isIdColumnName } from './foreign-keys.js';
import { toSnakeCase } from './names.js';
import type { ColumnFacts } from './table.js';

/** Words of a column name that mark a value unique by nature: a credential, a digest, a generated key. */
const SECRET_WORDS = new Set(['token', 'hash', 'secret', 'key', 'nonce', 'salt', 'digest', 'signature', 'fingerprint']);

/** Words of a column name that mark a globally routed name: DNS is one namespace for every tenant. */
const ROUTED_WORDS = new Set(['domain', 'subdomain', 'hostname']);

/** Words of a table name that mark a table of credentials, whose `code` is one (an invitation or authorization code). */
const CREDENTIAL_TABLE_WORDS = new Set(['token', 'tokens', 'invite', 'invites', 'invitation', 'invitations', 'verification', 'verifications', 'oauth', 'otp', 'session', 'sessions']);

/** Tables whose email column is a login: one person, one address, whichever tenant they belong to. */
const LOGIN_TABLE = /(?:^|_)(?:users?|accounts?|members?|logins?|admins?|identit(?:y|ies)|people|persons?)$/u;

/**
 * True when the column holds a value that is unique across tenants by nature, so that a global unique
 * constraint on it (or on a set that includes it) neither blocks a tenant nor tells it anything:
 * - the primary key, a foreign key (a one-to-one key, or a pair with a row that belongs to one tenant),
 *   another `_id` column (an id from outside: `stripe_customer_id`, `provider_account_id`,
 *   `external_id`), a uuid, a value the application generates;
 * - a token, hash, secret or key; a domain or host name; the code of an invitation or token table;
 * - the login email of a users (or accounts, members) table: the standard's own `users` example.
 *
 * Both stacks: `inKey` is whether the column is in one of the table's foreign keys or primary-key
 * entries, `tableName` its database name (or variable name).
 */
export function isUniqueByNatureFacts(
  column: Pick<ColumnFacts, 'dbName' | 'builder' | 'modifiers'>,
  inKey: boolean,
  tableName: string | null,
): boolean {
  const dbName = column.dbName;
  if (dbName === null || column.builder === 'uuid' || dbName === 'id' || isIdColumnName(dbName)) return true;
  // The key, or a value the application generates (`$defaultFn(() => nanoid())`).
  if (hasModifier(column, 'primaryKey', '$defaultFn', '$default', 'defaultRandom')) return true;
  // A column of a foreign key or of a primary key (the caller knows the table's keys).
  if (inKey) return true;
  const words = toSnakeCase(dbName).split('_');
  for (let w = 0; w < words.length; w++) if (SECRET_WORDS.has(words[w]!) || ROUTED_WORDS.has(words[w]!)) return true;
  const last = words[words.length - 1];
  if (tableName === null) return false;
  const tableSnake = toSnakeCase(tableName);
  if (last === 'email' || (last === 'address' && words[words.length - 2] === 'email')) return LOGIN_TABLE.test(tableSnake);
  return last === 'code' && tableSnake.split('_').some((word) => CREDENTIAL_TABLE_WORDS.has(word));
}

/** The name a tenant-scoped unique constraint takes: Drizzle's own default for these columns (`posts_tenant_id_slug_unique`). */
export function scopedUniqueName(tableName: string, tenantColumn: string, columns: readonly string[]): string {
  return `${tableName}_${[tenantColumn, ...columns].join('_')}_unique`;
}
