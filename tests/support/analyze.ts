import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { getSchema } from '../../src/model/schema.js';
import type { SchemaModel } from '../../src/model/table.js';

/** Builds the shared schema model of a source text, as every rule sees it. */
export function analyze(code: string, settings?: Record<string, unknown>): SchemaModel {
  let schema: SchemaModel | undefined;
  const probe: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', schema: [], messages: {} },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          schema = getSchema(context);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser, sourceType: 'module' },
      plugins: { probe: { rules: { probe } } } as unknown as Linter.Config['plugins'],
      rules: { 'probe/probe': 'error' },
      ...(settings ? { settings: { 'data-modeling': settings } } : {}),
    },
  ], 'schema.ts');
  const fatal = messages.find((m) => m.fatal || m.ruleId === 'probe/probe');
  if (fatal) throw new Error(fatal.message);
  if (!schema) throw new Error('the probe rule did not run');
  return schema;
}
