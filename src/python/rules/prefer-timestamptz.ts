/**
 * prefer-timestamptz on SQLModel models: a `datetime` field maps to `timestamp without time zone`
 * unless it says `sa_type=DateTime(timezone=True)` (or its `Column` does).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { editField, ensureImports } from '../fix.js';
import { getPyModel, withPyColumnSets, type PyColumn, type PyModel } from '../model.js';
import { asCall, child, stringValue, type PyNode } from '../parse.js';
import { at, type PyRule, pyOwnerLabel } from './context.js';

type MessageIds = 'withoutTimezone';

export const PYTHON_TIMEZONE_OPTION = '`sa_type=DateTime(timezone=True)`';

export const preferTimestamptzPython: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const reported = new Set<PyNode>();
    for (const table of withPyColumnSets(model)) {
      for (const column of table.columns) {
        const field = column.field;
        if (column.builder !== 'timestamp' || column.withTimezone !== false || !field || reported.has(field.statement)) continue;
        reported.add(field.statement);
        const type = typeNode(column);
        const timezone = type ? asCall(type)?.args.keywords.get('timezone') : undefined;
        context.report({
          ...at(timezone ?? field.keyNode),
          messageId: 'withoutTimezone',
          data: { table: pyOwnerLabel(column), column: column.dbName ?? column.key, option: PYTHON_TIMEZONE_OPTION },
          fix: (fixer) => addTimezone(fixer, sourceCode.text, model, column, type),
        });
      }
    }
  },
});

/** The SQLAlchemy type expression of the field: `sa_type=...`, or the type argument of `sa_column=Column(...)`. */
function typeNode(column: PyColumn): PyNode | undefined {
  const kw = column.field?.fieldArgs?.keywords;
  if (!kw) return undefined;
  if (column.form === 'field') return kw.get('sa_type');
  const call = asCall(kw.get('sa_column'));
  if (!call) return undefined;
  const positional = call.args.positional;
  return stringValue(positional[0]) !== undefined ? positional[1] : positional[0];
}

function addTimezone(fixer: TSESLint.RuleFixer, text: string, model: PyModel, column: PyColumn, type: PyNode | undefined): TSESLint.RuleFix | TSESLint.RuleFix[] | null {
  if (type) {
    const call = asCall(type);
    if (!call) return fixer.insertTextAfterRange(type.range, '(timezone=True)');
    const timezone = call.args.keywords.get('timezone');
    if (timezone) return fixer.replaceTextRange(timezone.range, 'True');
    if (call.args.positional.length > 0 || call.args.spread) return null;
    const argList = child(type, 'ArgList')!;
    return argList.children.length === 0 ? fixer.insertTextAfterRange([argList.range[0], argList.range[0] + 1], 'timezone=True') : fixer.insertTextAfterRange(argList.children[argList.children.length - 1]!.range, ', timezone=True');
  }
  if (column.form === 'sa_column') return null;
  const imports = ensureImports(fixer, text, model, [
    { module: 'sqlalchemy', name: 'DateTime' },
    { module: 'sqlmodel', name: 'Field' },
  ]);
  if (!imports) return null;
  const option = `sa_type=${imports.refs.get('sqlalchemy.DateTime')}(timezone=True)`;
  // `deleted_at: Optional[datetime] = None` keeps its None default inside Field(...).
  const noneDefault = column.form === 'plain' && column.field!.value?.type === 'None';
  const edits = editField(fixer, text, model, column, { append: noneDefault ? `default=None, ${option}` : option, fieldRef: imports.refs.get('sqlmodel.Field') });
  return edits && [...imports.fixes, ...edits];
}

