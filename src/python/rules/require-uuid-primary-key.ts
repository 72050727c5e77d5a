/**
 * require-uuid-primary-key on SQLModel models: `id: UUID = Field(default_factory=uuid4, primary_key=True)`.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { hasModifier } from '../../model/describe.js';
import { editField, ensureImports, insertFields } from '../fix.js';
import { getPyModel, type PyColumn, type PyModel, type PyTable, standardColumn } from '../model.js';
import { nodeText, type PyNode } from '../parse.js';
import { at, type PyRule, pyOwnerLabel, pyTableLabel } from './context.js';

type MessageIds = 'missing' | 'notUuid' | 'notPrimaryKey' | 'noDefault' | 'otherPrimaryKey';

/** How a Python message names what the standard wants (the Drizzle wording is in the rule's TypeScript half). */
export const PYTHON_ID_WORDING = {
  form: '`id: UUID = Field(default_factory=uuid4, primary_key=True)`',
  uuid: 'UUID',
  primaryKey: '`primary_key=True`',
  defaultRandom: '`default_factory=uuid4`',
} as const;

/** A primary key on other columns: a field's `primary_key=True`, or a `PrimaryKeyConstraint` in `__table_args__`. */
function otherPrimaryKey(table: PyTable, id: PyColumn | undefined): PyColumn | 'composite' | null {
  const column = table.columns.find((c) => c !== id && hasModifier(c, 'primaryKey'));
  if (column) return column;
  const constraint = table.indexes.find((i) => i.kind === 'primaryKey' && !(i.columns.length === 1 && i.columns[0] === 'id'));
  return constraint ? 'composite' : null;
}

export const requireUuidPrimaryKeyPython: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const text = sourceCode.text;
    const reported = new Set<PyNode>();
    for (const table of model.tables) {
      const id = standardColumn(table, 'id');
      if (!id) {
        if (!table.lacks('id')) continue;
        const other = otherPrimaryKey(table, undefined);
        if (other) {
          context.report({
            ...at(table.cls.nameNode),
            messageId: 'otherPrimaryKey',
            data: { table: pyTableLabel(table), primaryKey: other === 'composite' ? 'declared in __table_args__' : `"${other.dbName ?? other.key}"` },
          });
          continue;
        }
        context.report({
          ...at(table.cls.nameNode),
          messageId: 'missing',
          data: { table: pyTableLabel(table), form: PYTHON_ID_WORDING.form },
          fix: (fixer) => insertId(fixer, text, model, table),
        });
        continue;
      }
      checkPresent(table, id);
    }
    // A mixin that tables of other files inherit: its present id field, not an absent one (a mixin need
    // not have every column).
    for (const set of model.columnSets) {
      const id = standardColumn(set, 'id');
      if (id) checkPresent(set, id);
    }

    /** A present id field: a uuid primary key with a generated default. */
    function checkPresent(table: PyTable, id: PyColumn): void {
      const field = id.field;
      if (id.builder === null || !field || reported.has(field.statement)) return;
      reported.add(field.statement);
      const data = { table: pyOwnerLabel(id), column: id.dbName ?? id.key };
      if (id.builder !== 'uuid') {
        context.report({ ...at(field.keyNode), messageId: 'notUuid', data: { ...data, built: `typed ${nodeText(field.annotation)}`, uuid: PYTHON_ID_WORDING.uuid } });
        return;
      }
      // A mixin's id may be the key of the tables that inherit it through their own __table_args__
      // (a PrimaryKeyConstraint): unknown, so not reported as no key.
      const needsKey = !table.columnSet && !hasModifier(id, 'primaryKey') && !table.indexes.some((i) => i.kind === 'primaryKey' && i.columns.length === 1 && i.columns[0] === 'id');
      const keyFixable = needsKey && !otherPrimaryKey(table, id);
      const needsDefault = !hasModifier(id, 'defaultRandom', 'default');
      // Both edits are one fix, reported with each message: one pass fixes the field.
      const fix = (fixer: TSESLint.RuleFixer) => fixId(fixer, text, model, id, keyFixable, needsDefault);
      if (needsKey) context.report({ ...at(field.keyNode), messageId: 'notPrimaryKey', data: { table: data.table, primaryKey: PYTHON_ID_WORDING.primaryKey }, fix: keyFixable ? fix : null });
      if (needsDefault) context.report({ ...at(field.keyNode), messageId: 'noDefault', data: { table: data.table, defaultRandom: PYTHON_ID_WORDING.defaultRandom }, fix });
    }
  },
});

function insertId(fixer: TSESLint.RuleFixer, text: string, model: PyModel, table: PyTable): TSESLint.RuleFix[] | null {
  const imports = ensureImports(fixer, text, model, [
    { module: 'uuid', name: 'UUID' },
    { module: 'uuid', name: 'uuid4' },
    { module: 'sqlmodel', name: 'Field' },
  ]);
  if (!imports) return null;
  const line = `id: ${imports.refs.get('uuid.UUID')} = ${imports.refs.get('sqlmodel.Field')}(default_factory=${imports.refs.get('uuid.uuid4')}, primary_key=True)`;
  const fields = insertFields(fixer, text, table, [{ key: 'id', line }], model.settings.tenantColumn);
  return fields && [...imports.fixes, ...fields];
}

function fixId(fixer: TSESLint.RuleFixer, text: string, model: PyModel, id: PyColumn, key: boolean, random: boolean): TSESLint.RuleFix[] | null {
  const imports = ensureImports(fixer, text, model, [...(random ? [{ module: 'uuid', name: 'uuid4' }] : []), { module: 'sqlmodel', name: 'Field' }]);
  if (!imports) return null;
  // `Optional[UUID] = Field(default=None, ...)`, SQLModel's idiom for "set on insert", becomes the standard's form.
  const noneDefault = id.field?.fieldArgs?.keywords.get('default')?.type === 'None' || (id.form === 'plain' && id.field?.value?.type === 'None');
  const edits = editField(fixer, text, model, id, {
    required: random && noneDefault,
    defaultFactory: random ? imports.refs.get('uuid.uuid4') : undefined,
    fieldRef: imports.refs.get('sqlmodel.Field'),
    append: key ? 'primary_key=True' : undefined,
  });
  return edits && [...imports.fixes, ...edits];
}
