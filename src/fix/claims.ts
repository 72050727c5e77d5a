/**
 * Fixes that compose: claims on the column keys a fix depends on.
 *
 * In one `--fix` pass ESLint applies every fix whose range does not overlap a fix applied before it, then
 * lints the result again (ten passes at most). Two fixes of different rules can each be right alone and
 * wrong together: `snake-case` renames `userId` to `user_id` while `require-indexes` writes
 * `index(…).on(table.userId)`; `snake-case` renames `updatedAt` to `updated_at` while `require-timestamps`
 * inserts an `updated_at` property.
 *
 * The choice: a fix that writes code which depends on a column key claims that key, by rewriting the key
 * unchanged in the same fix (what ESLint's own rules do to lock a range). Every rename edits the key it
 * renames, so a rename and a fix that depends on its key always overlap: ESLint applies one of them, and
 * the other is planned again on the next pass from the changed code, whichever rule runs first and
 * whichever rules are on. The alternatives were worse: writing the reference the way a rename would leave
 * it needs every other rule's options and verdicts, which a rule cannot see; and making one rule own both
 * edits would fold the index, policy and column rules into the naming rules.
 *
 * A claim widens the fix's range (ESLint merges the edits of one fix into one range), so it makes other
 * fixes in between wait a pass too. To keep the pass budget, only keys some fix may rename are claimed: a
 * key is settled when it is snake_case, equal to its database name and does not mention "email", which
 * neither `snake-case` nor `email-address-name` renames (`boolean-prefix` only suggests). A rule that
 * gains a renaming fix must widen `isSettledKey`.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { isSnakeCase, toSnakeCase } from '../model/names.js';
import type { ColumnModel, TableModel } from '../model/table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MENTIONS_EMAIL = /email/iu;

/** True when no fix of this plugin renames the column's key (see the module comment). */
export function isSettledKey(column: ColumnModel): boolean {
  const key = column.key;
  return key !== null && key === column.dbName && isSnakeCase(key) && !MENTIONS_EMAIL.test(key);
}

/** The claims for code that refers to these columns by key: each unsettled key, rewritten unchanged. */
export function claimKeys(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, columns: Iterable<ColumnModel>): TSESLint.RuleFix[] {
  const claims: TSESLint.RuleFix[] = [];
  const seen = new Set<ColumnModel['keyNode']>();
  for (const column of columns) {
    if (isSettledKey(column) || seen.has(column.keyNode)) continue;
    seen.add(column.keyNode);
    claims.push(fixer.replaceText(column.keyNode, sourceCode.getText(column.keyNode)));
  }
  return claims;
}

/**
 * The columns of a table whose key a rename may turn into `key` (`updatedAt` for `updated_at`): a fix that
 * adds a property `key` claims them, so that the rename and the insertion never land in one pass.
 */
export function keysThatMayBecome(table: TableModel, key: string): ColumnModel[] {
  const snake = toSnakeCase(key);
  return table.columns.filter((column) => column.key !== null && column.key !== key && !isSettledKey(column) && toSnakeCase(column.key) === snake);
}

/**
 * A fix's edits with its claims, leaving out a claim that overlaps one of the edits (an edit of the same
 * range already holds it). ESLint rejects a fix whose parts overlap.
 */
export function withClaims(fixes: readonly TSESLint.RuleFix[], claims: readonly TSESLint.RuleFix[]): TSESLint.RuleFix[] {
  const out = [...fixes];
  for (const claim of claims) {
    if (!fixes.some((fix) => fix.range[0] < claim.range[1] && claim.range[0] < fix.range[1])) out.push(claim);
  }
  return out;
}
