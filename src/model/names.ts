import type { ColumnModel, TableModel } from './table.js';

/**
 * Identifier case conversion. `toSnakeCase` is the name the plugin proposes: it follows Drizzle's own
 * conversion for simple names and keeps acronyms, plurals of acronyms and digits readable:
 *   userID -> user_id, HTTPStatus -> http_status, userIDs -> user_ids, address2 -> address2,
 *   oauth2Token -> oauth2_token, S3Bucket -> s3_bucket.
 * `drizzleCase` is the conversion Drizzle itself applies to name-less columns under a `casing`
 * option; the model uses it to know the database name, which must be exact.
 */
export function toSnakeCase(name: string): string {
  if (isSnakeCase(name)) return name; // already snake_case: the word split gives it back as it is
  return remembered(snakeCaseMemo, name, joinSnake);
}

export function toCamelCase(name: string): string {
  return remembered(camelCaseMemo, name, joinCamel);
}

function joinSnake(words: string[]): string {
  return words.map((word) => word.toLowerCase()).join('_');
}

function joinCamel(words: string[]): string {
  const lower = words.map((word) => word.toLowerCase());
  return lower.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/**
 * Rules and fixes ask for the snake_case and camelCase of the same few names (keys, table variables,
 * `created_at`, index keys) thousands of times in a large schema, and the word split is three regular
 * expressions. Each memo maps a string to a string, so it holds no state about any file; it is bounded
 * for long editor sessions.
 */
const snakeCaseMemo = new Map<string, string>();
const camelCaseMemo = new Map<string, string>();
const MEMO_SIZE = 10_000;

/** `join(splitWords(name))`, remembered in `memo`. */
function remembered(memo: Map<string, string>, name: string, join: (words: string[]) => string): string {
  let converted = memo.get(name);
  if (converted === undefined) {
    converted = join(splitWords(name));
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(name, converted);
  }
  return converted;
}

/** snake_case: lower-case letters and digits in words joined by single underscores. */
export function isSnakeCase(name: string): boolean {
  // /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/u, written out: rules ask it for every name of a schema.
  const first = name.charCodeAt(0);
  if (!(first >= 0x61 && first <= 0x7a)) return false;
  let afterUnderscore = false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x5f) {
      if (afterUnderscore) return false;
      afterUnderscore = true;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      afterUnderscore = false;
    } else {
      return false;
    }
  }
  return !afterUnderscore;
}

/** camelCase: starts with a lower-case letter, then letters and digits only (`createdAt`, `userID`). */
export function isCamelCase(name: string): boolean {
  // /^[a-z][a-zA-Z0-9]*$/u, written out.
  const first = name.charCodeAt(0);
  if (!(first >= 0x61 && first <= 0x7a)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

/**
 * Splits an identifier into words: at underscores, hyphens, spaces and dots, before an upper-case letter
 * that follows a lower-case letter or a digit, and before the last capital of an acronym that starts a
 * new word (`HTTPStatus` -> HTTP, Status), except before a plural `s` (`userIDs` -> user, IDs). Digits
 * stay with the word they follow (`address2`, `oauth2Token` -> oauth2, Token).
 */
export function splitWords(name: string): string[] {
  const spaced = name
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu})(?!s(?!\p{Ll}))(?=\p{Ll})/gu, '$1 $2');
  return spaced.split(/[\s_\-.]+/u).filter((word) => word.length > 0);
}

/** Drizzle's word split (drizzle-orm/casing): `[\da-z]+`, `[A-Z]+` not before a lower-case letter, `[A-Z][\da-z]+`. */
function drizzleWords(name: string): string[] {
  return name.replace(/['\u2019]/gu, '').match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/gu) ?? [];
}

/**
 * The database name Drizzle derives from a column key under `casing: "snake_case"` / `"camelCase"`
 * (`snakeCase.table`, `camelCase.table`): the same word split and joining as drizzle-orm, which differs from
 * `toSnakeCase` for a digit after a capital (`S3Bucket` -> `s_3_bucket`) and for plural acronyms.
 */
export function drizzleCase(name: string, casing: 'snake_case' | 'camelCase'): string {
  const words = drizzleWords(name);
  if (casing === 'snake_case') return words.map((word) => word.toLowerCase()).join('_');
  return words.map((word, i) => (i === 0 ? word.toLowerCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`)).join('');
}

/**
 * Other spellings of the standard's timestamp columns: names that clearly mean `created_at`,
 * `updated_at` or `deleted_at`, compared in their snake_case form (so `updatedOn`, `modifiedAt` and
 * `dateCreated` match too). A table with one of them has the column, spelled otherwise: rules suggest the
 * rename and never add a second column beside it.
 *
 * Not here, because they do not clearly mean the standard column: `archived_at` (archiving is another
 * state, often kept beside deletion), `removed_at` (removed from what: a membership, a list?),
 * `published_at`, `last_seen_at`, `synced_at` and other event times. A boolean `deleted` or `is_deleted`
 * is a soft-delete flag: the table does soft deletes, but not with the standard's nullable timestamp
 * (see require-soft-delete).
 */
export const NEAR_MISS_NAMES: Readonly<Record<'created_at' | 'updated_at' | 'deleted_at', readonly string[]>> = {
  created_at: ['created', 'created_on', 'created_date', 'creation_date', 'date_created', 'inserted_at'],
  updated_at: ['updated', 'updated_on', 'updated_date', 'date_updated', 'modified', 'modified_at', 'modified_on', 'modified_date', 'last_modified', 'last_modified_at', 'last_updated', 'last_updated_at'],
  deleted_at: ['deleted', 'deleted_on', 'deleted_date', 'date_deleted', 'is_deleted'],
};

/**
 * The standard column a database name spells otherwise (`modifiedAt` -> `updated_at`), or null.
 * Only the names in `NEAR_MISS_NAMES`.
 */
export function nearMissOf(dbName: string): keyof typeof NEAR_MISS_NAMES | null {
  const snake = toSnakeCase(dbName);
  for (const [standard, names] of Object.entries(NEAR_MISS_NAMES) as [keyof typeof NEAR_MISS_NAMES, readonly string[]][]) {
    if (names.includes(snake)) return standard;
  }
  return null;
}

/** The first column of the table whose database name spells the standard column `standard` otherwise. */
export function nearMissColumn(table: TableModel, standard: keyof typeof NEAR_MISS_NAMES): ColumnModel | undefined {
  return table.columns.find((column) => column.dbName !== null && nearMissOf(column.dbName) === standard);
}

// ---------------------------------------------------------------------------------------------------------
// Boolean prefixes (boolean-prefix)

/** Verbs that name a permission: `edit_posts` -> `can_edit_posts`. */
const PERMISSION_VERBS = new Set([
  'access', 'add', 'approve', 'archive', 'assign', 'book', 'comment', 'create', 'delete', 'download', 'edit', 'export',
  'import', 'invite', 'join', 'login', 'manage', 'moderate', 'order', 'pay', 'post', 'publish', 'purchase', 'read',
  'receive', 'refund', 'remove', 'reply', 'restore', 'review', 'see', 'send', 'share', 'submit', 'transfer', 'update',
  'upload', 'use', 'view', 'vote', 'write',
]);
const IRREGULAR_PLURALS = new Set(['children', 'people', 'data', 'media']);

/** `attachments`, `children`: `has_attachments` reads naturally. */
function isPlural(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  return word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/u.test(word);
}

/** `accepted_terms`, `opted_in`: `has_accepted_terms` reads naturally (a past participle with an object). */
function isPerfect(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  return words.length > 1 && first.length > 4 && first.endsWith('ed');
}

/** Whether `<prefix><name>` reads naturally (boolean-prefix, both stacks). `is_` always does; custom prefixes are the team's choice. */
export function readsNaturally(prefix: string, words: readonly string[]): boolean {
  const first = words[0] ?? '';
  if (prefix === 'has_') return isPlural(first) || isPerfect(words);
  if (prefix === 'can_') return PERMISSION_VERBS.has(first);
  return true;
}

export function listPrefixes(prefixes: readonly string[]): string {
  const quoted = prefixes.map((p) => `"${p}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Email columns (email-address-name)

/** Builders of columns that can hold an address: text types and custom types (`citext`). */
const TEXT_BUILDERS = new Set(['text', 'varchar', 'char', 'customType']);

/** Tested before the word split, without making a lower-cased copy of every name. */
const MENTIONS_EMAIL = /email/iu;

/**
 * The name the standard gives a text column named for an email (`email` -> `email_address`,
 * `contactEmail` -> `contact_email_address`), or null for any other column.
 */
export function emailAddressName(builder: string | null, dbName: string): string | null {
  if (!TEXT_BUILDERS.has(builder ?? '')) return null;
  // The last word is "email" only when the name holds it: most names need no conversion.
  if (!MENTIONS_EMAIL.test(dbName)) return null;
  const snake = toSnakeCase(dbName);
  if (snake !== 'email' && !snake.endsWith('_email')) return null;
  return `${snake}_address`;
}
