import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { getSchema } from '../../src/model/schema.js';
import type { SchemaModel } from '../../src/model/table.js';

export type ProbeContext = Readonly<TSESLint.RuleContext<never, never[]>>;

/** Lints a source text with a probe rule and returns what `read` computes from its context at `Program:exit`. */
export function inspect<T>(code: string, read: (context: ProbeContext) => T, settings?: Record<string, unknown>): T {
  let result: { value: T } | undefined;
  const probe: TSESLint.RuleModule<never> = {
    meta: { type: 'problem', schema: [], messages: {} },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          result = { value: read(context) };
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
  if (!result) throw new Error('the probe rule did not run');
  return result.value;
}

/** Builds the shared schema model of a source text, as every rule sees it. */
export function analyze(code: string, settings?: Record<string, unknown>): SchemaModel {
  return inspect(code, (context) => getSchema(context), settings);
}
