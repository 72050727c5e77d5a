import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { parentOf, unwrap } from '../model/ast.js';
import { isStringMode, tableLabel } from '../model/describe.js';
import { resolveTableReference } from '../model/references.js';
import { getSchema } from '../model/schema.js';
import { SOFT_DELETE_COLUMN } from '../model/soft-delete.js';
import { getTypeInfo, isDrizzleMethodCall, tableFromType, type TypeInfo } from '../model/types.js';
import { compileNamePatterns, namePatternsSchema } from '../util/name-patterns.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'hardDelete' | 'softDelete';
export type Options = [{ tables?: string[] }];

/** A table that has the soft-delete column, as found for one `.delete(table)` call. */
interface SoftDeleteTarget {
  label: string;
  /** The property key of the column, for `.set({ [key]: new Date() })`. */
  key: string;
  /** The value that marks a row deleted: an ISO string for a `mode: "string"` column. */
  now?: string;
}

/** Types whose `.delete()` is not Drizzle's, when a receiver is declared with them. */
const COLLECTION_TYPES = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'ReadonlyMap',
  'ReadonlySet',
  'Array',
  'ReadonlyArray',
  'Headers',
  'URLSearchParams',
  'FormData',
  'Record',
]);

function isCollectionType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const type = annotation?.typeAnnotation;
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSArrayType || type.type === AST_NODE_TYPES.TSTypeLiteral || type.type === AST_NODE_TYPES.TSTupleType) return true;
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && COLLECTION_TYPES.has(type.typeName.name);
}

/** A value that cannot be a Drizzle database: `new Map()`, `[]`, `{}`, a literal. */
function isPlainValue(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const inner = unwrap((node.type === AST_NODE_TYPES.AssignmentPattern ? node.right : node) as TSESTree.Expression);
  return (
    inner.type === AST_NODE_TYPES.NewExpression ||
    inner.type === AST_NODE_TYPES.ArrayExpression ||
    inner.type === AST_NODE_TYPES.ObjectExpression ||
    inner.type === AST_NODE_TYPES.Literal ||
    inner.type === AST_NODE_TYPES.TemplateLiteral
  );
}

/**
 * Without type information: true when the file shows that the receiver is not a Drizzle database — it
 * is created with `new`, a literal, or declared with a collection type (`Map<…>`, `Set<…>`, `Headers`).
 */
function isKnownNonDatabase(sourceCode: Readonly<TSESLint.SourceCode>, receiver: TSESTree.Expression): boolean {
  const node = unwrap(receiver);
  if (isPlainValue(node)) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    for (const def of variable?.defs ?? []) {
      if (def.type === 'Variable') {
        if (isCollectionType(def.node.id.typeAnnotation) || isPlainValue(def.node.init)) return true;
      } else if (def.type === 'Parameter') {
        const param = def.name.parent;
        if (isCollectionType(def.name.typeAnnotation) || (param?.type === AST_NODE_TYPES.AssignmentPattern && isPlainValue(param.right))) return true;
      }
    }
    return false;
  }
  // this.cache.delete(x) with `cache = new Map()` / `cache: Map<…>` declared in the class.
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.ThisExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier
  ) {
    const name = node.property.name;
    for (let parent: TSESTree.Node | undefined = node.parent; parent; parent = parent.parent) {
      if (parent.type !== AST_NODE_TYPES.ClassBody) continue;
      for (const member of parent.body) {
        if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.computed || member.key.type !== AST_NODE_TYPES.Identifier) continue;
        if (member.key.name === name) return isCollectionType(member.typeAnnotation) || isPlainValue(member.value);
      }
      return false;
    }
  }
  return false;
}

/** `if (set.delete(x))`, `!map.delete(x)`, `a.delete(x) && …`: a boolean, which a Drizzle query is not. */
function isUsedAsBoolean(call: TSESTree.Node): boolean {
  let [parent, child] = parentOf(call);
  while (parent?.type === AST_NODE_TYPES.ChainExpression) [parent, child] = parentOf(parent);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return 'test' in parent && parent.test === child;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!';
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === child;
    default:
      return false;
  }
}

/** The `.where(...)` calls chained on the delete: `db.delete(t).where(…).returning()`. */
function chainedCalls(call: TSESTree.CallExpression, name: string): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  let node: TSESTree.Node = call;
  for (;;) {
    const [parent, child] = parentOf(node);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || parent.computed) break;
    const outer = parent.parent;
    if (outer.type !== AST_NODE_TYPES.CallExpression || outer.callee !== parent) break;
    if (parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === name) out.push(outer);
    node = outer;
  }
  return out;
}

/** True when a node mentions `<anything>.<key>`: the where clause of a purge reads the column. */
function mentionsColumn(node: TSESTree.Node, key: string, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    ((!node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === key) ||
      (node.property.type === AST_NODE_TYPES.Literal && node.property.value === key))
  ) {
    return true;
  }
  for (const field of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[field];
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && 'type' in child && mentionsColumn(child as TSESTree.Node, key, visitorKeys)) return true;
    }
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'no-hard-delete',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow Drizzle `delete()` of tables that have a `deleted_at` column; soft-delete instead',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    // Drizzle's query builder: no Python meaning.
    languages: ['js/js'],
    schema: [
      {
        type: 'object',
        properties: {
          tables: namePatternsSchema(
            'Tables imported from other modules that have a `deleted_at` column, by exported name (`users` in `import { users } from "./schema"` or `schema.users`); an entry written `/…/flags` is a regular expression. Needed only without type information.',
          ),
        },
        additionalProperties: false,
      },
    ],
    messages: {
      hardDelete:
        'Hard delete from table "{{table}}", which has a "deleted_at" column; set "deleted_at" instead so that the rows can be restored.',
      softDelete: 'Soft-delete: `update({{target}}).set({ {{key}}: {{now}} })`.',
    },
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const listed = compileNamePatterns(options.tables ?? [], 'tables');
    let typeInfo: TypeInfo | null | undefined;
    const types = (): TypeInfo | null => (typeInfo === undefined ? (typeInfo = getTypeInfo(context)) : typeInfo);

    /** The soft-delete column of the table `target` names: through the file, its types, the option. */
    function softDeleteTarget(target: TSESTree.Expression): SoftDeleteTarget | null {
      const schema = getSchema(context);
      const reference = resolveTableReference(sourceCode, schema, target);
      if (reference.kind === 'defined') {
        const column = reference.table.column(SOFT_DELETE_COLUMN);
        if (column) {
          if (column.key === null) return null;
          return { label: tableLabel(reference.table), key: column.key, ...(isStringMode(column) ? { now: 'new Date().toISOString()' } : {}) };
        }
        if (reference.table.lacks(SOFT_DELETE_COLUMN)) return null;
      } else if (reference.kind === 'imported' && schema.project) {
        // A table of another project module (through barrels and `import * as schema` too): its summary.
        const table = schema.project.table(target, sourceCode);
        if (table) {
          const column = table.columns.find((c) => c.dbName === SOFT_DELETE_COLUMN);
          if (column?.key) return { label: table.name ?? reference.name, key: column.key, ...(column.mode === 'string' ? { now: 'new Date().toISOString()' } : {}) };
          if (!column && table.columnsComplete && !table.implicitColumns.includes(SOFT_DELETE_COLUMN)) return null;
        }
      }
      const info = types();
      const typed = info ? tableFromType(info, target, schema.settings.casing) : null;
      if (typed) {
        const key = typed.keyOf(SOFT_DELETE_COLUMN);
        if (key !== undefined) return { label: typed.name ?? sourceCode.getText(target), key };
        if ([...typed.columns.values()].every((name) => name !== null)) return null;
      }
      if (reference.kind === 'imported' && listed(reference.name)) return { label: reference.name, key: SOFT_DELETE_COLUMN };
      if (reference.kind === 'defined' && listed(reference.table.name, reference.table.variableName)) {
        return { label: tableLabel(reference.table), key: SOFT_DELETE_COLUMN };
      }
      return null;
    }

    return {
      // The selector lets ESLint hand over only `x.delete(...)` calls, not every call of the file.
      'CallExpression[callee.type="MemberExpression"][callee.property.name="delete"]'(call: TSESTree.CallExpression) {
        const callee = call.callee;
        if (
          callee.type !== AST_NODE_TYPES.MemberExpression ||
          callee.computed ||
          callee.property.type !== AST_NODE_TYPES.Identifier ||
          callee.property.name !== 'delete' ||
          call.arguments.length !== 1
        ) {
          return;
        }
        const argument = call.arguments[0]!;
        if (argument.type === AST_NODE_TYPES.SpreadElement) return;
        const target = unwrap(argument);
        // Drizzle's delete takes a table: a name or a namespace member, never a string, an object, a call.
        if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return;
        if (isUsedAsBoolean(call)) return;
        const info = types();
        const drizzle = info ? isDrizzleMethodCall(info, call) : null;
        if (drizzle === false || (drizzle === null && isKnownNonDatabase(sourceCode, callee.object))) return;
        const found = softDeleteTarget(target);
        if (!found) return;
        // A purge of rows already soft-deleted (`.where(lt(t.deleted_at, cutoff))`) is what hard deletes are for.
        if (chainedCalls(call, 'where').some((where) => where.arguments.some((a) => mentionsColumn(a, found.key, sourceCode.visitorKeys)))) return;
        const keyText = /^[A-Za-z_$][\w$]*$/u.test(found.key) ? found.key : JSON.stringify(found.key);
        context.report({
          loc: { start: callee.property.loc.start, end: call.loc.end },
          messageId: 'hardDelete',
          data: { table: found.label },
          suggest: [
            {
              messageId: 'softDelete',
              data: { target: sourceCode.getText(argument), key: keyText, now: found.now ?? 'new Date()' },
              fix: (fixer) => [
                fixer.replaceText(callee.property, 'update'),
                fixer.insertTextAfter(call, `.set({ ${keyText}: ${found.now ?? 'new Date()'} })`),
              ],
            },
          ],
        });
      },
    };
  },
});
