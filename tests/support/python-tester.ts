import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import dataModeling from '../../src/index.js';

// ESLint's RuleTester looks for mocha-style globals; give it vitest's.
const tester = RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown; afterAll?: unknown };
tester.describe = describe;
tester.it = it;
tester.itOnly = it.only;
tester.afterAll = afterAll;

/**
 * ESLint's own RuleTester on the `data-modeling/python` language, with the plugin registered and the
 * shared settings (`settings['data-modeling']`) given.
 */
export function createPythonRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    plugins: { 'data-modeling': dataModeling as never },
    language: 'data-modeling/python',
    ...(settings ? { settings: { 'data-modeling': settings } } : {}),
  });
}

export { code } from './rule-tester.js';
