/**
 * require-soft-delete on SQLModel models: `deleted_at: Optional[datetime] = None`, as the standard
 * writes it: a nullable timestamp that nothing sets but a delete.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { hasModifier } from '../../model/describe.js';
import { nearMissOf } from '../../model/names.js';
import { SOFT_DELETE_COLUMN } from '../../model/soft-delete.js';
import { canRenameField, ensureImports, insertFields, removeKeyword, renameField } from '../fix.js';
import { getPyModel, type PyColumn, type PyModel, type PyTable, standardColumn } from '../model.js';
import { child, nodeText, walk, type PyNode } from '../parse.js';
import { at, type PyRule, pyOwnerLabel, pyTableLabel } from './context.js';

type MessageIds = 'missing' | 'nearMiss' | 'renameColumn' | 'flag' | 'notNull' | 'notTimestamp' | 'setAutomatically' | 'removeModifier';
type Options = [{ tables?: string[] }];

export const PYTHON_SOFT_DELETE_FORM = '`deleted_at: Optional[datetime] = None`';

export function requireSoftDeletePython(applies: (name: string | null, variable: string | null) => boolean): PyRule<MessageIds, Options> {
  return (context, sourceCode, [options]) => ({
    'Script:exit'() {
      const model = getPyModel(context);
      const text = sourceCode.text;
      const reported = new Set<PyNode>();
      for (const table of model.tables) {
        if (!applies(table.name, table.cls.name)) continue;
        const label = pyTableLabel(table);
        const column = standardColumn(table, SOFT_DELETE_COLUMN);
        if (!column) {
          if (!table.lacks(SOFT_DELETE_COLUMN)) continue;
          const near = table.columns.find((c) => c.dbName !== null && nearMissOf(c.dbName) === SOFT_DELETE_COLUMN);
          if (near) {
            if (!near.field || reported.has(near.field.statement)) continue;
            reported.add(near.field.statement);
            const flag = near.builder === 'boolean';
            const data = { table: pyOwnerLabel(near), name: near.dbName ?? near.key, key: SOFT_DELETE_COLUMN };
            context.report({
              ...at(near.field.keyNode),
              messageId: flag ? 'flag' : 'nearMiss',
              data,
              suggest:
                !flag && canRenameField(table, near.key, SOFT_DELETE_COLUMN)
                  ? [{ messageId: 'renameColumn', data, fix: (fixer) => renameField(fixer, model, table, near.key, SOFT_DELETE_COLUMN) }]
                  : [],
            });
            continue;
          }
          context.report({
            ...at(table.cls.nameNode),
            messageId: 'missing',
            data: { table: label, form: PYTHON_SOFT_DELETE_FORM },
            fix: (fixer) => insertDeletedAt(fixer, text, model, table),
          });
          continue;
        }
        checkPresent(column);
      }
      // A mixin that tables of other files inherit: its present deleted_at, not an absent one (a mixin
      // need not have every column). With `tables`, which of those tables the rule applies to is unknown.
      if (!options?.tables) {
        for (const set of model.columnSets) {
          const column = standardColumn(set, SOFT_DELETE_COLUMN);
          if (column) checkPresent(column);
        }
      }

      /** A present deleted_at: a nullable timestamp that nothing sets but a delete. */
      function checkPresent(column: PyColumn): void {
        const field = column.field;
        if (column.builder === null || !field || reported.has(field.statement)) return;
        reported.add(field.statement);
        if (column.builder !== 'timestamp') {
          context.report({
            ...at(field.keyNode),
            messageId: 'notTimestamp',
            data: { table: pyOwnerLabel(column), column: column.dbName ?? column.key, built: `typed ${nodeText(field.annotation)}`, timestamp: 'datetime' },
          });
          return;
        }
        if (hasModifier(column, 'notNull') && !column.nullableUnknown) {
          context.report({ ...at(field.keyNode), messageId: 'notNull', data: { table: pyOwnerLabel(column) }, fix: (fixer) => makeNullable(fixer, text, model, column) });
        }
        if (hasModifier(column, 'default', 'defaultNow', 'defaultRandom', '$onUpdate')) {
          const kw = field.fieldArgs?.keywords;
          const keyword = kw?.has('default_factory') ? 'default_factory' : kw?.get('default') && kw.get('default')!.type !== 'None' ? 'default' : null;
          const setter = keyword ? `\`${keyword}\`` : 'a default';
          context.report({
            ...at(field.keyNode),
            messageId: 'setAutomatically',
            data: { table: pyOwnerLabel(column), setter },
            suggest:
              keyword && field.value && column.form === 'field'
                ? [{ messageId: 'removeModifier', data: { setter }, fix: (fixer) => removeKeyword(fixer, text, field.value!, keyword) }]
                : [],
          });
        }
      }
    },
  });
}

const pipeStyle = new WeakMap<PyModel, boolean>();

/** Whether the file writes an optional type as `X | None` somewhere; read once per file (every fix asks). */
function writesPipes(model: PyModel): boolean {
  let pipes = pipeStyle.get(model);
  if (pipes === undefined) {
    pipes = false;
    walk(model.ast, (n) => {
      if (n.type === 'TypeDef' && n.children[0]?.type === 'BinaryExpression' && child(n.children[0], 'None')) pipes = true;
    });
    pipeStyle.set(model, pipes);
  }
  return pipes;
}

/** `Optional[X]` or `X | None`, the way the file writes optional types. */
function optionalOf(model: PyModel, inner: string, fixer: TSESLint.RuleFixer, text: string): { type: string; fixes: TSESLint.RuleFix[] } | null {
  const pipes = writesPipes(model);
  const optional = [...model.imports].find(([, b]) => b.module === 'typing' && b.name === 'Optional');
  if (pipes && !optional) return { type: `${inner} | None`, fixes: [] };
  const imports = ensureImports(fixer, text, model, [{ module: 'typing', name: 'Optional' }]);
  return imports && { type: `${imports.refs.get('typing.Optional')}[${inner}]`, fixes: imports.fixes };
}

function insertDeletedAt(fixer: TSESLint.RuleFixer, text: string, model: PyModel, table: PyTable): TSESLint.RuleFix[] | null {
  const imports = ensureImports(fixer, text, model, [{ module: 'datetime', name: 'datetime' }]);
  if (!imports) return null;
  const optional = optionalOf(model, imports.refs.get('datetime.datetime')!, fixer, text);
  if (!optional) return null;
  const fields = insertFields(fixer, text, table, [{ key: SOFT_DELETE_COLUMN, line: `${SOFT_DELETE_COLUMN}: ${optional.type} = None` }], model.settings.tenantColumn);
  // One import edit per statement: ensureImports was asked twice, so merge its edits by range.
  return fields && [...mergeInserts([...imports.fixes, ...optional.fixes]), ...fields];
}

/** Insertions at the same point, joined into one (two `ensureImports` calls may add a line at the same place). */
function mergeInserts(fixes: TSESLint.RuleFix[]): TSESLint.RuleFix[] {
  const out = new Map<string, TSESLint.RuleFix>();
  for (const f of fixes) {
    const key = `${f.range[0]}:${f.range[1]}`;
    const prev = out.get(key);
    out.set(key, prev && f.range[0] === f.range[1] ? { range: f.range, text: prev.text + f.text } : f);
  }
  return [...out.values()];
}

/**
 * `deleted_at: datetime` -> `deleted_at: Optional[datetime] = None`; in `Field(...)`, `default=None` goes
 * first and `nullable=False` goes. Null for `sa_column`, a default already set, an Optional it cannot see.
 */
function makeNullable(fixer: TSESLint.RuleFixer, text: string, model: PyModel, column: PyColumn): TSESLint.RuleFix[] | null {
  const field = column.field!;
  if (column.form === 'sa_column') return null;
  const fixes: TSESLint.RuleFix[] = [];
  if (!column.optional) {
    const optional = optionalOf(model, nodeText(field.annotation), fixer, text);
    if (!optional) return null;
    fixes.push(...optional.fixes, fixer.replaceTextRange(field.annotation.range, optional.type));
  }
  if (column.form === 'plain') {
    if (field.value) return null;
    fixes.push(fixer.insertTextAfterRange(field.annotation.range, ' = None'));
    return fixes;
  }
  const args = field.fieldArgs;
  if (!args || args.spread || args.positional.length > 0 || args.keywords.has('default_factory')) return null;
  const value = field.value!;
  if (args.keywords.get('nullable')) {
    if (nodeText(args.keywords.get('nullable')!) !== 'False') return null;
    const removal = removeKeyword(fixer, text, value, 'nullable');
    if (!removal) return null;
    fixes.push(removal);
  }
  if (!args.keywords.has('default')) {
    const argList = child(value, 'ArgList')!;
    const first = argList.children.find((c) => !fixes.some((f) => f.range[0] <= c.range[0] && c.range[1] <= f.range[1]));
    fixes.push(first ? fixer.insertTextBeforeRange(first.range, 'default=None, ') : fixer.insertTextAfterRange([argList.range[0], argList.range[0] + 1], 'default=None'));
  } else if (args.keywords.get('default')!.type !== 'None') return null;
  return fixes;
}
