import type { TSESLint } from '@typescript-eslint/utils';
import { ColumnReports, ownerLabel } from '../model/describe.js';
import { isSnakeCase, splitWords, toSnakeCase } from '../model/names.js';
import { getSchema, withColumnSets } from '../model/schema.js';
import { applyEdits, keyForDbName, planColumnRename } from '../fix/rename.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missingPrefix' | 'addPrefix';
export type Options = [{ prefixes?: string[] }];

const DEFAULT_PREFIXES = ['is_', 'has_', 'can_'];

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

/** Whether `<prefix><name>` reads naturally. `is_` always does; custom prefixes are the team's choice. */
function readsNaturally(prefix: string, words: readonly string[]): boolean {
  const first = words[0] ?? '';
  if (prefix === 'has_') return isPlural(first) || isPerfect(words);
  if (prefix === 'can_') return PERMISSION_VERBS.has(first);
  return true;
}

function listPrefixes(prefixes: readonly string[]): string {
  const quoted = prefixes.map((p) => `"${p}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? '');
}

export default createRule<Options, MessageIds>({
  name: 'boolean-prefix',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require boolean column names to start with `is_`, `has_` or `can_`',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          prefixes: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
            minItems: 1,
            uniqueItems: true,
            description: 'The prefixes a boolean column name may start with (compared with its snake_case form).',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missingPrefix:
        'Boolean column "{{name}}" of {{table}} does not start with {{prefixes}}; name it for the question it answers.',
      addPrefix: 'Rename column "{{name}}" to "{{expected}}" (key "{{key}}"), with its references in this file.',
    },
    defaultOptions: [{ prefixes: DEFAULT_PREFIXES }],
  },
  create(context, [options]) {
    const prefixes = options.prefixes ?? DEFAULT_PREFIXES;
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const reports = new ColumnReports();
        // The file's tables, then the column sets it exports that none of them spreads.
        for (let t = 0, tables = withColumnSets(schema); t < tables.length; t++) {
          const table = tables[t]!;
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            const name = column.dbName;
            if (column.builder !== 'boolean' || name === null || column.key === null) continue;
            const snake = toSnakeCase(name);
            if (prefixes.some((prefix) => snake.startsWith(prefix))) continue;
            // A column spread into several tables is written once: reported once.
            if (!reports.first(column, 'missingPrefix')) continue;
            const words = splitWords(snake);
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
            for (const prefix of prefixes) {
              const expected = `${prefix}${snake}`;
              if (!isSnakeCase(expected) || !readsNaturally(prefix, words) || !table.lacks(expected)) continue;
              const key = keyForDbName(column, expected) ?? column.key;
              const plan = planColumnRename(context.sourceCode, schema, { column, key, dbName: expected });
              if (!plan) continue;
              suggest.push({
                messageId: 'addPrefix',
                data: { name, expected, key },
                fix: (fixer) => applyEdits(fixer, plan.edits),
              });
            }
            context.report({
              node: column.keyNode,
              messageId: 'missingPrefix',
              data: { name, table: ownerLabel(column), prefixes: listPrefixes(prefixes) },
              suggest,
            });
          }
        }
      },
    };
  },
});
