/**
 * The built package as a user installs it: imported by name, used from an eslint.config.js that holds
 * nothing but the preset, with ESLint 9 and ESLint 10, alone and composed with typescript-eslint.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type JsonResult } from './support/eslint.js';
import { PROJECT_ROOT } from './support/drizzle.js';

const SCHEMA = `import { pgTable, serial, text } from 'drizzle-orm/pg-core';

export const projects = pgTable('projects', {
  id: serial('id').primaryKey(),
  name: text('name'),
});
`;

const ESLINT_BINS = {
  'ESLint 10': path.join(PROJECT_ROOT, 'node_modules/eslint/bin/eslint.js'),
  'ESLint 9': path.join(PROJECT_ROOT, 'node_modules/eslint9/bin/eslint.js'),
};


let dir: string;

beforeAll(() => {
  ensureBuilt();
  // Inside the project, so that `eslint-plugin-data-modeling` resolves to this package by its own name.
  dir = mkdtempSync(path.join(PROJECT_ROOT, 'tests', '.tmp-package-'));
  writeFileSync(path.join(dir, 'schema.ts'), SCHEMA);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(bin: string, config: string): JsonResult[] {
  writeFileSync(path.join(dir, 'eslint.config.js'), config);
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [bin, '--format', 'json', 'schema.ts'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    // exit code 1: problems found; stdout still holds the JSON report
    stdout = (error as { stdout: string }).stdout;
    if (!stdout) throw error;
  }
  return JSON.parse(stdout) as JsonResult[];
}

describe.each(Object.entries(ESLINT_BINS))('%s', (_, bin) => {
  it('lints TypeScript schema files with the preset alone', () => {
    const [result] = run(
      bin,
      `import dataModeling from 'eslint-plugin-data-modeling';\nexport default [dataModeling.configs.recommended];\n`,
    );
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    const found = result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`) ?? [];
    expect(found).toEqual(
      expect.arrayContaining([
        '3:33 data-modeling/require-tenant-id',
        '3:33 data-modeling/require-timestamps',
        '4:3 data-modeling/require-uuid-primary-key',
      ]),
    );
  });

  it('composes with typescript-eslint and the shared settings', () => {
    const [result] = run(
      bin,
      [
        "import tseslint from 'typescript-eslint';",
        "import dataModeling from 'eslint-plugin-data-modeling';",
        'export default tseslint.config(',
        '  tseslint.configs.recommended,',
        '  dataModeling.configs.strict,',
        "  { settings: { 'data-modeling': { rootTables: ['projects'] } } },",
        ');',
        '',
      ].join('\n'),
    );
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    const rules = new Set(result?.messages.map((m) => m.ruleId));
    expect(rules.has('data-modeling/require-timestamps')).toBe(true);
    // projects is a root table in these settings
    expect(rules.has('data-modeling/require-tenant-id')).toBe(false);
  });
});
