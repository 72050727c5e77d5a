/**
 * drizzle-orm 1.0 (RC) syntax is recognised, and the fixes compile against the 1.0 types
 * (`drizzle-orm-rc` is drizzle-orm@1.0.0-rc under another name; the type-check maps it in).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, typecheck } from './support/drizzle.js';
import { lint, lintAndFix } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, 'fixtures/drizzle-1.0/schema.ts'), 'utf8');
const only = ['require-tenant-id', 'require-timestamps', 'require-uuid-primary-key'];

const rc = path.join(PROJECT_ROOT, 'node_modules/drizzle-orm-rc');
const againstRc = { compilerOptions: { baseUrl: PROJECT_ROOT, paths: { 'drizzle-orm': [rc], 'drizzle-orm/*': [`${rc}/*`] } } };

describe('drizzle-orm 1.0', () => {
  it('the fixture is valid 1.0 code, and the unfixed fixture does not compile against 0.45', () => {
    // The relation names tenant_id, which the fix adds: until then the fixture does not compile.
    expect(typecheck({ 'schema.ts': source }, againstRc).diagnostics.join('\n')).toMatch(/tenant_id/u);
    expect(typecheck({ 'schema.ts': source }).ok).toBe(false); // withRLS/snakeCase/defineRelations are 1.0 only
  });

  it('reports snakeCase.table and pgTable.withRLS tables on their names', async () => {
    const messages = await lint(source, { only });
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '5:40 data-modeling/require-timestamps',
      '5:40 data-modeling/require-timestamps',
      '10:41 data-modeling/require-tenant-id',
      '10:41 data-modeling/require-timestamps',
      '10:41 data-modeling/require-timestamps',
      '10:41 data-modeling/require-uuid-primary-key',
    ]);
  });

  it('fixes them so that the file compiles against drizzle-orm 1.0', async () => {
    const { output, remaining } = await lintAndFix(source, { only });
    expect(remaining).toEqual([]);
    expect(output).toContain('tenant_id: t.uuid().notNull().references(() => tenants.id),');
    const result = typecheck({ 'schema.ts': output }, againstRc);
    expect(result.diagnostics).toEqual([]);
  });
});
