/**
 * require-downgrade on Alembic migrations: a migration whose `upgrade()` changes the database has a
 * `downgrade()` that undoes it. A missing `downgrade()`, or one that is only `pass`, `...` or a
 * docstring, is reported; where the downgrade can be read, so is a table `upgrade()` creates and
 * `downgrade()` does not drop. The fix writes the reverse of every upgrade step (`op.drop_table`,
 * `op.drop_index`, `op.drop_column`, `DROP POLICY`, `DISABLE ROW LEVEL SECURITY`) in reverse order, when
 * each one is known; a missing `drop_table` is a suggestion (where it belongs among the other drops is
 * for a human to confirm).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import * as path from 'node:path';
import { readMigration, sameTable, type Migration, type MigrationFunction, type MigrationOp, type MigrationStep } from '../alembic.js';
import { eol, lineEnd, lineStart, statementIndent } from '../fix.js';
import { child, nodeText, statements } from '../parse.js';
import { at, type PyRule } from './context.js';

export type MessageIds = 'missing' | 'empty' | 'notUndone' | 'dropTable';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** The indentation of a statement in a function body, or null when it does not start its line. */
function indentOf(text: string, start: number): string | null {
  const indent = statementIndent(text, start);
  return indent ? indent : null;
}

/** Code that undoes `upgrade()`, last step first; null when a step's reverse is not known. */
function reverseOf(upgrade: MigrationFunction): string[] | null {
  const lines: string[] = [];
  for (let i = upgrade.steps.length - 1; i >= 0; i--) {
    const reverse = upgrade.steps[i]!.reverse;
    if (reverse === null) return null;
    lines.push(...reverse);
  }
  return lines;
}

type CreateStep = MigrationStep & { ops: [Extract<MigrationOp, { kind: 'createTable' }>] };

export const requireDowngradePython: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const migration = readMigration(sourceCode.ast);
    const upgrade = migration?.upgrade;
    if (!migration || !upgrade || upgrade.steps.length === 0) return;
    const text = sourceCode.text;
    const revision = migration.revision ?? path.basename(context.filename, '.py');
    const downgrade = migration.downgrade;
    if (!downgrade) {
      context.report({ ...at(upgrade.nameNode), messageId: 'missing', data: { revision }, fix: (fixer) => writeDowngrade(fixer, text, upgrade) });
      return;
    }
    if (downgrade.steps.length === 0) {
      context.report({ ...at(downgrade.nameNode), messageId: 'empty', data: { revision }, fix: (fixer) => fillDowngrade(fixer, text, upgrade, downgrade) });
      return;
    }
    // Readable downgrade: every table upgrade() leaves behind is dropped.
    const downOps = downgrade.steps.flatMap((s) => s.ops);
    if (downOps.some((op) => op.kind === 'unknown')) return;
    const creates = upgrade.steps.filter((s): s is CreateStep => s.ops.length === 1 && s.ops[0]!.kind === 'createTable');
    for (const step of creates) {
      const table = step.ops[0].table;
      const later = upgrade.steps.slice(upgrade.steps.indexOf(step) + 1).flatMap((s) => s.ops);
      if (later.some((op) => op.kind === 'dropTable' && sameTable(op.table, table))) continue;
      if (downOps.some((op) => op.kind === 'dropTable' && sameTable(op.table, table))) continue;
      const label = table.schema ? `${table.schema}.${table.name}` : table.name;
      context.report({
        ...at(step.tableNode!),
        messageId: 'notUndone',
        data: { revision, table: label },
        suggest: [{ messageId: 'dropTable', data: { table: label }, fix: (fixer) => insertDrop(fixer, text, migration, creates, step) }],
      });
    }
  },
});

/** Appends `def downgrade()` after `upgrade()`, with its indentation and return annotation. */
function writeDowngrade(fixer: Fixer, text: string, upgrade: MigrationFunction): Fix | null {
  const lines = reverseOf(upgrade);
  const first = upgrade.steps[0]!.statement;
  const indent = indentOf(text, first.range[0]);
  if (!lines || lines.length === 0 || indent === null) return null;
  const nl = eol(text);
  const returns = child(upgrade.definition, 'TypeDef');
  const header = `def downgrade()${returns ? ` ${nodeText(returns)}` : ''}:`;
  const body = statements(upgrade.body);
  const end = lineEnd(text, body[body.length - 1]!.range[1]);
  return fixer.insertTextAfterRange([end, end], `${nl}${nl}${nl}${header}${lines.map((l) => `${nl}${indent}${l}`).join('')}`);
}

/** Replaces the `pass` / `...` of an empty downgrade() with the reverse of upgrade() (a docstring stays). */
function fillDowngrade(fixer: Fixer, text: string, upgrade: MigrationFunction, downgrade: MigrationFunction): Fix | null {
  const lines = reverseOf(upgrade);
  if (!lines || lines.length === 0) return null;
  const placeholders = downgrade.noops.filter((n) => n.type === 'PassStatement' || nodeText(n) === '...');
  const docstrings = downgrade.noops.filter((n) => !placeholders.includes(n));
  const nl = eol(text);
  if (placeholders.length === 1) {
    const placeholder = placeholders[0]!;
    const indent = indentOf(text, placeholder.range[0]);
    if (indent === null) return null; // `def downgrade(): pass`
    return fixer.replaceTextRange(placeholder.range, lines.join(`${nl}${indent}`));
  }
  if (placeholders.length === 0 && docstrings.length > 0) {
    const last = docstrings[docstrings.length - 1]!;
    const indent = indentOf(text, last.range[0]);
    if (indent === null) return null;
    const end = lineEnd(text, last.range[1]);
    return fixer.insertTextAfterRange([end, end], lines.map((l) => `${nl}${indent}${l}`).join(''));
  }
  return null;
}

/**
 * Inserts `op.drop_table(...)` into a readable downgrade(): before the drop of the first table that
 * upgrade() created before this one (tables are dropped in the reverse order of their creation, so
 * that foreign keys go first), or at its end.
 */
function insertDrop(fixer: Fixer, text: string, migration: Migration, creates: readonly CreateStep[], step: CreateStep): Fix | null {
  const downgrade = migration.downgrade!;
  const line = step.reverse?.[0];
  if (!line) return null;
  const earlier = creates.slice(0, creates.indexOf(step)).map((s) => s.ops[0].table);
  const before = downgrade.steps.find((s) => s.ops.some((op) => op.kind === 'dropTable' && earlier.some((t) => sameTable(t, op.table))));
  const nl = eol(text);
  if (before) {
    const indent = indentOf(text, before.statement.range[0]);
    if (indent === null) return null;
    const start = lineStart(text, before.statement.range[0]);
    return fixer.insertTextBeforeRange([start, start], `${indent}${line}${nl}`);
  }
  const last = downgrade.steps[downgrade.steps.length - 1]!.statement;
  const indent = indentOf(text, last.range[0]);
  if (indent === null) return null;
  const end = lineEnd(text, last.range[1]);
  return fixer.insertTextAfterRange([end, end], `${nl}${indent}${line}`);
}
