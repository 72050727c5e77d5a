/**
 * require-downgrade is about Alembic migrations only: its cases are in
 * tests/python/rules/require-downgrade.test.ts. Here, what it is on the TypeScript side: ESLint 10
 * refuses it on a TypeScript file (its `meta.languages` names only the Python language), and no
 * TypeScript preset turns it on.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';

const plugins = { 'data-modeling': dataModeling as unknown as NonNullable<Linter.Config['plugins']>[string] };

describe('require-downgrade on TypeScript', () => {
  it('declares the Python language only', () => {
    expect(dataModeling.rules['require-downgrade'].meta.languages).toEqual(['data-modeling/python']);
  });

  it('is refused by ESLint 10 on a TypeScript file', () => {
    const linter = new Linter({ configType: 'flat' });
    const config: Linter.Config[] = [{ files: ['**/*.ts'], plugins, rules: { 'data-modeling/require-downgrade': 'error' } }];
    expect(() => linter.verify('export const a = 1;\n', config, 'schema.ts')).toThrow(/do not support the language "js\/js"/u);
  });

  it('is in the Python presets and in no TypeScript preset', () => {
    for (const preset of ['recommended', 'strict', 'all'] as const) {
      expect(dataModeling.configs[preset].rules?.['data-modeling/require-downgrade']).toBeUndefined();
    }
    expect(dataModeling.configs.python.rules?.['data-modeling/require-downgrade']).toBe('error');
  });
});
