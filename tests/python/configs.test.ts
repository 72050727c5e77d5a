/**
 * The Python presets (`configs.python`, `configs['python-strict']`, `configs['python-all']`) through the
 * ESLint class, as a project's eslint.config.js uses them, on ESLint 10 and on ESLint 9 (the
 * devDependency alias `eslint9`): they lint `.py` files with the `data-modeling/python` language, the
 * TypeScript presets stay single objects for TypeScript and JavaScript, and adding a Python preset
 * changes nothing on a TypeScript file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import dataModeling, { configs, rules } from '../../src/index.js';
import { parsePython } from '../../src/python/parse.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const MODELS = `from uuid import UUID, uuid4

from sqlmodel import Field, SQLModel


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    name: str


class Project(SQLModel, table=True):
    __tablename__ = "projects"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    name: str
`;

const SCHEMA = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});
`;

type Messages = Pick<Linter.LintMessage, 'ruleId' | 'message' | 'line' | 'column'>[];

interface Engine {
  name: string;
  lint(config: Linter.Config[], text: string, file: string, fix?: boolean): Promise<{ messages: Messages; output?: string }>;
  lintFiles(config: Linter.Config[], cwd: string): Promise<string[]>;
}

const strip = (messages: Linter.LintMessage[]): Messages => messages.map(({ ruleId, message, line, column }) => ({ ruleId, message, line, column }));

const engines: Engine[] = [
  {
    name: `ESLint ${ESLint.version}`,
    async lint(config, text, file, fix = false) {
      const [result] = await new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config, fix }).lintText(text, { filePath: path.join(ROOT, file) });
      return { messages: strip(result!.messages), output: result!.output };
    },
    async lintFiles(config, cwd) {
      const results = await new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config }).lintFiles(['.']);
      return results.map((r) => path.relative(cwd, r.filePath)).sort();
    },
  },
  {
    name: `ESLint ${ESLint9.version}`,
    async lint(config, text, file, fix = false) {
      const eslint = new ESLint9({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config as never, fix });
      const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
      return { messages: strip(result!.messages as Linter.LintMessage[]), output: result!.output };
    },
    async lintFiles(config, cwd) {
      const results = await new ESLint9({ cwd, overrideConfigFile: true, overrideConfig: config as never }).lintFiles(['.']);
      return results.map((r) => path.relative(cwd, r.filePath)).sort();
    },
  },
];

const preset = (key: keyof typeof configs): Linter.Config => configs[key] as Linter.Config;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(ROOT, 'tests', '.tmp-pyint-configs-'));
  await writeFile(path.join(dir, 'models.py'), MODELS);
  await writeFile(path.join(dir, 'schema.ts'), SCHEMA);
  await writeFile(path.join(dir, 'notes.md'), '# not linted\n');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the Python presets', () => {
  it('hold the rules that declare data-modeling/python in meta.languages, and only those', () => {
    const python = Object.entries(rules)
      .filter(([, rule]) => ((rule.meta as { languages?: string[] }).languages ?? []).includes('data-modeling/python'))
      .map(([name]) => `data-modeling/${name}`);
    expect(python).toContain('data-modeling/require-tenant-id');
    expect(Object.keys(preset('python-all').rules ?? {}).sort()).toEqual(python.sort());
    expect(Object.keys(preset('python').rules ?? {}).every((id) => python.includes(id))).toBe(true);
  });
});

describe.each(engines)('the presets on $name', (engine) => {
  it('lint a SQLModel file with configs.python, beside configs.recommended', async () => {
    const { messages } = await engine.lint([preset('recommended'), preset('python')], MODELS, 'app/models.py');
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'data-modeling/require-tenant-id')).toEqual([
      {
        ruleId: 'data-modeling/require-tenant-id',
        message: 'Table "projects" has no "tenant_id" column; every table except the root tables (tenants) belongs to a tenant.',
        line: 12,
        column: 7,
      },
    ]);
    const enabled = Object.keys(preset('python').rules ?? {});
    for (const message of messages) expect(enabled).toContain(message.ruleId);
  });

  it('fix a SQLModel file into one that parses, with the shared settings of both stacks', async () => {
    const settings = { settings: { 'data-modeling': { tenantColumn: 'org_id', rootTables: ['tenants'] } } };
    const { messages, output } = await engine.lint([preset('recommended'), preset('python'), settings], MODELS, 'app/models.py', true);
    expect(output).toBeDefined();
    expect(output).toContain('    org_id: UUID = Field(foreign_key="tenants.id", index=True)\n');
    expect(parsePython(output!).ok).toBe(true);
    expect(messages.filter((m) => m.ruleId === 'data-modeling/require-tenant-id')).toEqual([]);
  });

  it('python-strict and python-all lint the same file (every rule in them accepts the language)', async () => {
    for (const key of ['python-strict', 'python-all'] as const) {
      const { messages } = await engine.lint([preset('all'), preset(key)], MODELS, 'app/models.py');
      expect(messages.filter((m) => m.ruleId === null || !m.ruleId.startsWith('data-modeling/')), key).toEqual([]);
      expect(messages.some((m) => m.ruleId === 'data-modeling/require-tenant-id'), key).toBe(true);
    }
  });

  it('leave TypeScript files as the TypeScript preset alone lints them', async () => {
    for (const [ts, py] of [['recommended', 'python'], ['strict', 'python-strict'], ['all', 'python-all']] as const) {
      const alone = await engine.lint([preset(ts)], SCHEMA, 'db/schema.ts');
      const both = await engine.lint([preset(ts), preset(py)], SCHEMA, 'db/schema.ts');
      expect(alone.messages.length, ts).toBeGreaterThan(0);
      expect(both.messages, ts).toEqual(alone.messages);
    }
  });

  it('keep `export default [configs.recommended]` a TypeScript-only config: a .py file is not linted by it', async () => {
    const { messages } = await engine.lint([preset('recommended')], MODELS, 'app/models.py');
    expect(messages).toEqual([expect.objectContaining({ ruleId: null, message: expect.stringMatching(/no matching configuration/u) })]);
  });

  it('make `eslint .` lint the .py files beside the .ts files', async () => {
    expect(await engine.lintFiles([preset('recommended')], dir)).toEqual(['schema.ts']);
    expect(await engine.lintFiles([preset('recommended'), preset('python')], dir)).toEqual(['models.py', 'schema.ts']);
  });
});

describe('ESLint 10 and meta.languages', () => {
  it('refuses a TypeScript-only rule turned on for .py files, which the Python presets never do', async () => {
    const tsOnly = Object.entries(rules).filter(([, rule]) => {
      const languages = (rule.meta as { languages?: string[] }).languages;
      return languages !== undefined && !languages.includes('data-modeling/python');
    });
    expect(tsOnly.length).toBeGreaterThan(0);
    for (const [name] of tsOnly) {
      expect(preset('python-all').rules?.[`data-modeling/${name}`]).toBeUndefined();
      const config: Linter.Config[] = [preset('python'), { files: ['**/*.py'], rules: { [`data-modeling/${name}`]: 'error' } }];
      await expect(engines[0]!.lint(config, MODELS, 'app/models.py'), name).rejects.toThrow(/do not support the language|support/u);
    }
  });

  it('registers the plugin object itself in every preset', () => {
    for (const value of Object.values(configs)) expect(value.plugins?.['data-modeling']).toBe(dataModeling);
  });
});
