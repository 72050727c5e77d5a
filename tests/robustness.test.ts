/**
 * No rule may crash on odd input: every rule (through the `all` preset, so new rules are included) runs
 * over schema shapes that are incomplete, dynamic or simply wrong, and over code that is not Drizzle.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { configs } from '../src/index.js';

const ODD_INPUTS: Record<string, string> = {
  'no arguments': `import { pgTable } from 'drizzle-orm/pg-core'; export const a = pgTable();`,
  'name only': `import { pgTable } from 'drizzle-orm/pg-core'; export const a = pgTable('a');`,
  'dynamic name': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; const n = 'a'; export const a = pgTable(n, { id: uuid() });`,
  'template name': "import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable(`a_${1}`, { id: uuid() });",
  'columns is an array': `import { pgTable } from 'drizzle-orm/pg-core'; export const a = pgTable('a', []);`,
  'columns is a call': `import { pgTable } from 'drizzle-orm/pg-core'; declare const f: any; export const a = pgTable('a', f());`,
  'computed and numeric keys': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; const k = 'x'; export const a = pgTable('a', { [k]: uuid(), 1: uuid(), 'quoted key': uuid() });`,
  'methods and getters': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id() { return uuid(); }, get x() { return uuid(); } });`,
  'self-referencing spread': `import { pgTable } from 'drizzle-orm/pg-core'; const a1: any = { ...a1 }; export const a = pgTable('a', { ...a1 });`,
  'mutually recursive spreads': `import { pgTable } from 'drizzle-orm/pg-core'; const x: any = { ...y }; const y: any = { ...x }; export const a = pgTable('a', { ...x });`,
  'builder without call': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id: uuid });`,
  'extra config not a function': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id: uuid() }, 42 as any);`,
  'extra config empty': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id: uuid() }, () => []);`,
  'extra config odd entries': `import { pgTable, uuid, index } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id: uuid() }, (t) => [null as any, index(), index('x').on(), t.id as any, ...[]]);`,
  'extra config destructured param': `import { pgTable, uuid, index } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { tenant_id: uuid() }, ({ tenant_id }) => [index('i').on(tenant_id)]);`,
  'policy without options': `import { pgTable, pgPolicy, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { id: uuid() }, () => [pgPolicy()]);`,
  'link without table': `import { pgPolicy } from 'drizzle-orm/pg-core'; export const p = pgPolicy('p').link();`,
  'references to nothing': `import { pgTable, uuid } from 'drizzle-orm/pg-core'; export const a = pgTable('a', { user_id: uuid().references() });`,
  'pgSchema without args': `import { pgSchema } from 'drizzle-orm/pg-core'; const s = pgSchema(); export const a = s.table();`,
  'creator without args': `import { pgTableCreator } from 'drizzle-orm/pg-core'; const t = pgTableCreator(); export const a = t();`,
  'namespace misuse': `import * as pg from 'drizzle-orm/pg-core'; export const a = pg['pgTable']('a', {}); export const b = (pg as any).nope();`,
  'delete calls of every kind': `declare const db: any, m: Map<string, number>; db.delete(); db.delete(m); m.delete('x'); fetch('x', { method: 'DELETE' });`,
  'not drizzle at all': `export class Store { delete(key: string) { return key; } } export const pgTable = 1;`,
  'jsx-free syntax soup': `label: for (;;) { break label; } export default async function* g() { yield* []; }`,
  'empty file': '',
};

const linter = new Linter({ configType: 'flat' });

describe.each(['recommended', 'strict', 'all'] as const)('every rule in %s', (preset) => {
  it.each(Object.entries(ODD_INPUTS))('survives %s, and its fixes produce parseable code', (_, code) => {
    const config = [configs[preset] as Linter.Config];
    const messages = linter.verify(code, config, 'schema.ts');
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const fixed = linter.verifyAndFix(code, config, 'schema.ts');
    expect(fixed.messages.filter((m) => m.fatal)).toEqual([]);
  });
});
