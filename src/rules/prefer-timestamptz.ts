import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { propertyName } from '../model/ast.js';
import { ColumnReports, columnLabel, configProperty, ownerLabel } from '../model/describe.js';
import { getSchema, withColumnSets } from '../model/schema.js';
import type { ColumnModel } from '../model/table.js';
import { setBuilderOption } from '../fix/builder-config.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { preferTimestamptzPython } from '../python/rules/prefer-timestamptz.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'withoutTimezone';


/** True, false, or null when the config cannot be read (a spread, a variable, a non-literal value). */
function hasTimezone(column: ColumnModel): boolean | null {
  const call = column.builderCall!;
  const config = column.configArg;
  if (!config) {
    // timestamp(), timestamp("name"): no config. timestamp(name, options) / timestamp(options): unknown.
    const [first, second] = call.arguments;
    return second === undefined && (first === undefined || column.nameArg === first) ? false : null;
  }
  const option = configProperty(column, 'withTimezone');
  if (option) {
    const value = option.value;
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : null;
  }
  // A spread or a computed key may hold the option.
  return config.properties.every((p) => p.type === AST_NODE_TYPES.Property && propertyName(p) !== null) ? false : null;
}

export default createRule<[], MessageIds>({
  name: 'prefer-timestamptz',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer `timestamp` columns with `withTimezone: true` (`timestamp with time zone`)',
      recommended: 'strict',
    },
    fixable: 'code',
    schema: [],
    messages: {
      withoutTimezone:
        'Column "{{column}}" of {{table}} is a timestamp without time zone; add {{option}} so that it stores an instant, not a wall-clock reading that depends on the server\'s time zone.',
    },
  },
  create(context) {
    if (isPythonSourceCode(context.sourceCode)) return preferTimestamptzPython(context, context.sourceCode, []);
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        // A column spread into several tables is one builder call: report and fix it once.
        const reports = new ColumnReports();
        // The file's tables, then the column sets it exports that none of them spreads.
        for (let t = 0, tables = withColumnSets(schema); t < tables.length; t++) {
          const table = tables[t]!;
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            if (column.builder !== 'timestamp' || !column.builderCall) continue;
            if (hasTimezone(column) !== false || !reports.first(column, 'withoutTimezone')) continue;
            const option = configProperty(column, 'withTimezone');
            // On the `withTimezone: false` option when there is one, else on the column's key.
            context.report({
              node: option ?? column.keyNode,
              messageId: 'withoutTimezone',
              // The option is named per stack.
              data: { table: ownerLabel(column), column: columnLabel(column), option: '`withTimezone: true`' },
              fix: (fixer) => setBuilderOption(fixer, context.sourceCode, column, 'withTimezone', 'true'),
            });
          }
        }
      },
    };
  },
});
