import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import dataModeling, { configs, meta, rules } from '../src/index.js';
import { readSettings, SettingsError } from '../src/settings.js';
import { parser as presetParser } from '../src/project/parse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleNames = Object.keys(rules);
const ruleFiles = readdirSync(path.join(root, 'src/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));

describe('the plugin object', () => {
  it('names itself with the package name and version', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(meta).toEqual({ name: pkg.name, version: pkg.version });
    expect(dataModeling.meta).toBe(meta);
  });

  it('registers exactly the rules in src/rules, sorted', () => {
    expect(ruleNames).toEqual([...ruleFiles].sort());
    expect(ruleNames).toEqual([...ruleNames].sort());
  });
});

describe.each(ruleNames)('rule %s', (name) => {
  const rule = rules[name as keyof typeof rules];
  const doc = path.join(root, 'docs/rules', `${name}.md`);
  // A rule's tests: tests/rules/<name>.test.ts, and tests/python/rules/<name>.test.ts for its Python half.
  const testFiles = [path.join(root, 'tests/rules', `${name}.test.ts`), path.join(root, 'tests/python/rules', `${name}.test.ts`)].filter((f) => existsSync(f));

  it('has a description, a docs url and a docs page', () => {
    expect(rule.meta.docs?.description).toMatch(/^(Require|Disallow|Enforce|Prefer) /u);
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
    expect(existsSync(doc)).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text.startsWith(`# data-modeling/${name}\n`)).toBe(true);
    for (const section of ['## Rule details', '## When not to use it']) expect(text).toContain(section);
  });

  it('has messages that end with a period, each exercised by its test file', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const tests = testFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const [id, message] of Object.entries(rule.meta.messages)) {
      expect(message, id).toMatch(/[.]$/u);
      expect(tests, `the tests of ${name} never check messageId "${id}"`).toMatch(new RegExp(`messageId: '${id}'`, 'u'));
    }
  });

  it('is in the presets its metadata names, for the languages it declares', () => {
    const key = `data-modeling/${name}`;
    const level = rule.meta.docs?.recommended;
    const languages = (rule.meta as { languages?: unknown }).languages;
    if (languages !== undefined) {
      expect(Array.isArray(languages) && languages.every((l) => typeof l === 'string'), String(languages)).toBe(true);
      expect((languages as string[]).filter((l) => l !== 'js/js' && l !== 'data-modeling/python'), 'languages this plugin has').toEqual([]);
    }
    const onTs = languages === undefined || (languages as string[]).includes('js/js');
    const onPython = Array.isArray(languages) && languages.includes('data-modeling/python');
    for (const [all, strict, recommended, on] of [
      [configs.all, configs.strict, configs.recommended, onTs],
      [configs['python-all'], configs['python-strict'], configs.python, onPython],
    ] as const) {
      expect(all.rules?.[key] !== undefined).toBe(on);
      expect(strict.rules?.[key] !== undefined).toBe(on && (level === 'recommended' || level === 'strict'));
      expect(recommended.rules?.[key] !== undefined).toBe(on && level === 'recommended');
    }
  });

  it('rejects options it does not know', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() =>
      linter.verify('const x = 1;', [
        { plugins: { 'data-modeling': dataModeling } as unknown as Linter.Config['plugins'], rules: { [`data-modeling/${name}`]: ['error', { notAnOption: true }] } },
      ]),
    ).toThrow(/notAnOption|should NOT have additional properties|Value .* should|must/u);
  });
});

describe('presets', () => {
  it('strict turns on the on-update check of require-timestamps', () => {
    expect(configs.strict.rules?.['data-modeling/require-timestamps']).toEqual(['error', { onUpdate: true }]);
    expect(configs.recommended.rules?.['data-modeling/require-timestamps']).toBe('error');
  });

  it('each TypeScript preset registers the plugin and the TypeScript parser', () => {
    for (const preset of [configs.recommended, configs.strict, configs.all]) {
      expect(preset.plugins?.['data-modeling']).toBe(dataModeling);
      expect(preset.languageOptions?.parser).toBe(presetParser);
      expect(presetParser.meta.version).toBe(parser.version);
      expect(preset.files).toContain('**/*.ts');
      expect(preset.files).not.toContain('**/*.py');
    }
  });

  it('each Python preset registers the plugin and its language for **/*.py, with the strict options where strict', () => {
    for (const [key, preset] of [['python', configs.python], ['python-strict', configs['python-strict']], ['python-all', configs['python-all']]] as const) {
      expect(preset.name).toBe(`data-modeling/${key}`);
      expect(preset.files).toEqual(['**/*.py']);
      expect(preset.plugins?.['data-modeling']).toBe(dataModeling);
      expect((preset as { language?: string }).language).toBe('data-modeling/python');
      expect(dataModeling.languages.python).toBeDefined();
      expect(preset.languageOptions).toBeUndefined();
    }
    for (const [key, entry] of Object.entries(configs['python-strict'].rules ?? {})) {
      const options = rules[key.slice('data-modeling/'.length) as keyof typeof rules].meta.docs?.strictOptions;
      expect(entry).toEqual(options ? ['error', ...options] : 'error');
    }
  });
});

describe('settings', () => {
  const cases: [unknown, RegExp][] = [
    ['nope', /expected an object, got "nope"/u],
    [{ tenantColumn: 3 }, /"tenantColumn" must be an identifier-like name, got number 3/u],
    [{ tenantColum: 'x' }, /unknown key "tenantColum"/u],
    [{ rootTables: 'tenants' }, /"rootTables" must be an array/u],
    [{ casing: 'camel' }, /"casing" must be "preserve" or "snake_case"/u],
    [{ tableFactories: [{ name: 'x', cols: [] }] }, /unknown key "cols"/u],
    [{ tenantSetting: 'tenant' }, /"tenantSetting" must be a dotted Postgres setting name/u],
    [{ externalSchemas: 'billing' }, /"externalSchemas" must be an array of Postgres schema names, got "billing"/u],
    [{ externalSchemas: ['billing', ''] }, /"externalSchemas\[1\]" must be a schema name, got ""/u],
    [{ alembic: [] }, /"alembic" must be the Alembic versions folder, or a non-empty array of them/u],
    [{ alembic: 3 }, /"alembic" must be .*, got number 3/u],
  ];
  it.each(cases)('rejects %j with a clear message', (value, message) => {
    expect(() => readSettings({ 'data-modeling': value })).toThrow(SettingsError);
    expect(() => readSettings({ 'data-modeling': value })).toThrow(message);
  });

  it('stops a lint run with the message', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() =>
      linter.verify("import { pgTable } from 'drizzle-orm/pg-core'; pgTable('a', {});", [
        configs.recommended as Linter.Config,
        { settings: { 'data-modeling': { casing: 'kebab' } } },
      ], 'a.ts'),
    ).toThrow(/invalid settings\["data-modeling"\]: "casing"/u);
  });

  it('fills defaults', () => {
    expect(readSettings({})).toMatchObject({ tenantColumn: 'tenant_id', rootTables: ['tenants'], casing: 'preserve', tenantSetting: 'app.tenant_id', externalSchemas: [] });
    expect(readSettings({ 'data-modeling': { externalSchemas: ['billing'] } }).externalSchemas).toEqual(['billing']);
    expect(readSettings({}).alembic).toBeNull();
    expect(readSettings({ 'data-modeling': { alembic: 'migrations/versions' } }).alembic).toEqual(['migrations/versions']);
  });
});
