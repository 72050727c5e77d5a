import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

// @typescript-eslint/rule-tester is framework-agnostic: wire it to vitest.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester that parses with @typescript-eslint/parser, as the presets do. */
export function createRuleTester(settings?: Record<string, unknown>): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    ...(settings ? { settings: { 'data-modeling': settings } } : {}),
  });
}

/** Strips the common indentation of a template literal so test sources read naturally. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/u, '').replace(/\n[ \t]*$/u, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */u.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

/**
 * A valid case for every rule that judges tables: tables the app does not own, in Supabase's schemas, a
 * schema named in `externalSchemas`, and an `.existing()` schema (drizzle-orm 1.0), are no rule's business.
 */
export const EXTERNAL_TABLES = {
  code: code`
    import { pgSchema, serial, text } from 'drizzle-orm/pg-core';
    const auth = pgSchema('auth');
    export const authUsers = auth.table('users', { uid: serial('uid'), email: text('email') });
    export const secrets = pgSchema('vault').table('secrets', { secret: text('secret') });
    export const objects = pgSchema('storage').table('objects', { name: text('name') });
    export const messages = pgSchema('realtime').table('messages', { topic: text('topic') });
    export const plans = pgSchema('billing').table('plans', { code: text('code') });
    export const legacy = pgSchema('legacy').existing().table('orders', { total: text('total') });
  `,
  settings: { 'data-modeling': { externalSchemas: ['billing'] } },
};
