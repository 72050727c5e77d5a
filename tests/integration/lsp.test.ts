/**
 * The editor experience, end to end: the ESLint language server that editors run
 * (`vscode-eslint-language-server` from vscode-langservers-extracted, with the project's ESLint 10)
 * lints a schema file of a workspace whose eslint.config.js uses the plugin by its package name.
 * Checks the pulled diagnostics against ESLint's Node API on the same file, the ranges of a table-level
 * and a column-level problem, and that quick fixes, suggestions and "fix all" come back as code actions
 * whose edits produce code that type-checks against drizzle-orm. A last case edits a sibling helper on
 * disk and sees the diagnostics of the file that imports it change on the next lint, without a restart
 * (this needs the project layer of issue 13). A Python case (issue 15) opens a SQLModel model with
 * `eslint.validate` including `python`, and applies a quick fix and "fix all" to code that parses.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './support/eslint.js';
import { parsePython } from '../../src/python/parse.js';

import { PROJECT_ROOT, typecheck } from './support/drizzle.js';
import { LspClient, applyTextEdits, editsFor, positionAt, type Range, type WorkspaceEdit } from './support/lsp-client.js';

const SERVER = path.join(PROJECT_ROOT, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');

interface Diagnostic {
  range: Range;
  message: string;
  severity?: number;
  source?: string;
  code?: string | number;
  codeDescription?: { href: string };
}

interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

interface CodeAction {
  title: string;
  kind?: string;
  command?: Command;
  edit?: WorkspaceEdit;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
}

const SCHEMA = `import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  created_at: timestamp('created_at').defaultNow().notNull(),
  updated_at: timestamp('updated_at').defaultNow().notNull(),
});

export const audit_log = pgTable('audit_log', {
  id: uuid('id').primaryKey().defaultRandom(),
  message: text('message').notNull(),
  created_at: timestamp('created_at').defaultNow().notNull(),
  updated_at: timestamp('updated_at').defaultNow().notNull(),
});

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id'),
  name: text('name').notNull(),
  archived: boolean('archived').default(false).notNull(),
  created_at: timestamp('created_at').defaultNow().notNull(),
  updated_at: timestamp('updated_at').defaultNow().notNull(),
});
`;

let workspace: string;
let schemaPath: string;
let uri: string;
let client: LspClient;
let diagnostics: Diagnostic[];
let expected: Linter.LintMessage[];

function rangeOf(text: string, needle: string, from = 0): Range {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`not in the text: ${needle}`);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

function ruleOf(diagnostic: Diagnostic): string {
  return String(diagnostic.code);
}

/** ESLint's 1-based line/column range as the server reports it (0-based). */
function lspRange(message: Linter.LintMessage): Range {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
  };
}

async function codeActions(range: Range, context: { diagnostics: Diagnostic[]; only?: string[] }, documentUri = uri): Promise<CodeAction[]> {
  return (await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: documentUri }, range, context })) ?? [];
}

/**
 * The languages of the editor's `eslint.validate` setting. The vscode-eslint client resolves it into
 * the `validate` of each document's settings (`on` for a document whose language is listed); this
 * test is the client, so it does the same. Python is not validated unless listed.
 */
const ESLINT_VALIDATE = ['javascript', 'typescript', 'python'];
const LANGUAGE_OF_EXTENSION: Record<string, string> = { '.ts': 'typescript', '.js': 'javascript', '.py': 'python' };

/** Runs a code action's command; the server answers with a `workspace/applyEdit` request, whose edit is returned. */
async function runCommand(command: Command): Promise<WorkspaceEdit> {
  const before = client.serverRequests.length;
  await client.request('workspace/executeCommand', { command: command.command, arguments: command.arguments });
  const applied = client.serverRequests.slice(before).find((r) => r.method === 'workspace/applyEdit');
  if (!applied) throw new Error(`${command.command} sent no workspace/applyEdit`);
  return (applied.params as { edit: WorkspaceEdit }).edit;
}

function expectTypeChecks(text: string): void {
  const result = typecheck({ 'schema.ts': text });
  expect(result.diagnostics, text).toEqual([]);
}

beforeAll(async () => {
  ensureBuilt();
  // Inside the project, so that `eslint-plugin-data-modeling` resolves to this package (self-reference).
  workspace = await mkdtemp(path.join(PROJECT_ROOT, 'tests', '.tmp-lsp-'));
  schemaPath = path.join(workspace, 'schema.ts');
  uri = pathToFileURL(schemaPath).href;
  await writeFile(
    path.join(workspace, 'eslint.config.js'),
    "import dataModeling from 'eslint-plugin-data-modeling';\n\nexport default [dataModeling.configs.recommended, dataModeling.configs.python];\n",
  );
  await writeFile(schemaPath, SCHEMA);

  const [result] = await new ESLint({ cwd: workspace }).lintText(SCHEMA, { filePath: schemaPath });
  expected = result?.messages ?? [];

  const folder = { uri: pathToFileURL(workspace).href, name: path.basename(workspace) };
  client = new LspClient({ command: process.execPath, args: [SERVER, '--stdio'], cwd: workspace, timeout: 60_000 });
  // The settings the vscode-eslint extension sends (see its package.json `eslint.*` settings).
  const settings = {
    validate: 'on',
    run: 'onType',
    packageManager: 'npm',
    useESLintClass: false,
    // ESLint 10 has only flat config. `experimental.useFlatConfig` would make the server load
    // `eslint/use-at-your-own-risk`'s FlatESLint, which ESLint 10 no longer exports.
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    nodePath: path.join(PROJECT_ROOT, 'node_modules'),
    workingDirectory: { mode: 'location' },
    workspaceFolder: folder,
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    problems: { shortenToSingleLine: false },
  };
  client.onRequest('workspace/configuration', (params) =>
    (params as { items: { scopeUri?: string }[] }).items.map(({ scopeUri }) => {
      const language = scopeUri ? LANGUAGE_OF_EXTENSION[path.extname(scopeUri)] : undefined;
      return { ...settings, validate: language && ESLINT_VALIDATE.includes(language) ? 'on' : 'off' };
    }),
  );
  client.onRequest('workspace/applyEdit', () => ({ applied: true }));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);

  await client.request('initialize', {
    processId: process.pid,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    capabilities: {
      workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, workspaceFolders: true },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        codeAction: {
          dynamicRegistration: false,
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'source.fixAll.eslint'] } },
        },
      },
    },
  });
  client.notify('initialized', {});
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: SCHEMA } });
  const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  expect(report.kind).toBe('full');
  diagnostics = report.items;
}, 120_000);

afterAll(async () => {
  await client?.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('vscode-eslint-language-server with the plugin', () => {
  it("loads the project's ESLint with its flat config", () => {
    const log = client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as { message: string }).message);
    const loaded = log.find((message) => message.startsWith('ESLint library loaded from:'));
    expect(loaded, log.join('\n')).toContain(path.join(PROJECT_ROOT, 'node_modules', 'eslint', ''));
    expect(log.filter((message) => /eslintrc|Failed to load/u.test(message))).toEqual([]);
  });

  it('reports the same problems as ESLint, with rule ids, docs links and exact ranges', () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.filter((m) => m.fatal)).toEqual([]);
    const fromServer = diagnostics.map((d) => ({ rule: ruleOf(d), range: d.range, message: d.message })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const fromEslint = expected.map((m) => ({ rule: m.ruleId ?? '', range: lspRange(m), message: m.message })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(fromServer, client.serverStderr).toEqual(fromEslint);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.source).toBe('eslint');
      expect(ruleOf(diagnostic)).toMatch(/^data-modeling\/[a-z-]+$/u);
      expect(diagnostic.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${ruleOf(diagnostic).slice('data-modeling/'.length)}\\.md$`, 'u'));
    }
  });

  it('puts a missing column on the table name and a column problem on the column key', () => {
    const missing = diagnostics.find((d) => ruleOf(d) === 'data-modeling/require-tenant-id' && d.message.includes('"audit_log"'));
    expect(missing?.range).toEqual(rangeOf(SCHEMA, "'audit_log'"));
    const nullable = diagnostics.find((d) => ruleOf(d) === 'data-modeling/require-tenant-id' && d.message.includes('"projects"'));
    expect(nullable?.range).toEqual(rangeOf(SCHEMA, 'tenant_id', SCHEMA.indexOf("pgTable('projects'")));
  });

  it('offers a quick fix for each fixable problem; applied, it removes the problem and type-checks', async () => {
    const fixable = expected.filter((m) => m.fix);
    expect(fixable.length).toBeGreaterThan(0);
    const byRule = new Map(fixable.map((m) => [m.ruleId, m]));
    for (const [ruleId, message] of byRule) {
      const diagnostic = diagnostics.find((d) => ruleOf(d) === ruleId && d.message === message.message)!;
      const actions = await codeActions(diagnostic.range, { diagnostics: [diagnostic] });
      const fix = actions.find((a) => a.command?.command === 'eslint.applySingleFix');
      expect(fix, `${ruleId}: ${actions.map((a) => a.title).join(', ')}`).toBeDefined();
      expect(fix!.title).toBe(`Fix this ${ruleId} problem`);
      expect(fix!.kind).toBe('quickfix');
      expect(fix!.isPreferred).toBe(true);
      const text = applyTextEdits(SCHEMA, editsFor(await runCommand(fix!.command!), uri));
      expect(text).not.toBe(SCHEMA);
      expectTypeChecks(text);
      const [after] = await new ESLint({ cwd: workspace }).lintText(text, { filePath: schemaPath });
      expect(after!.messages.filter((m) => m.ruleId === ruleId && m.message === message.message)).toEqual([]);
    }
  });

  it('offers every suggestion as a code action; each applies to code that type-checks', async () => {
    const suggesting = expected.filter((m) => (m.suggestions?.length ?? 0) > 0);
    expect(suggesting.length).toBeGreaterThan(0);
    for (const message of suggesting) {
      const diagnostic = diagnostics.find((d) => ruleOf(d) === message.ruleId && d.message === message.message)!;
      const actions = await codeActions(diagnostic.range, { diagnostics: [diagnostic] });
      const offered = actions.filter((a) => a.command?.command === 'eslint.applySuggestion');
      expect(offered.map((a) => a.title)).toEqual(message.suggestions!.map((s) => `${s.desc} (${message.ruleId})`));
      for (const [index, action] of offered.entries()) {
        const text = applyTextEdits(SCHEMA, editsFor(await runCommand(action.command!), uri));
        // The same edit as ESLint's suggestion.
        const suggestion = message.suggestions![index]!;
        expect(text).toBe(SCHEMA.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + SCHEMA.slice(suggestion.fix.range[1]));
        expectTypeChecks(text);
      }
    }
  });

  it('"Fix all" (source.fixAll.eslint) gives what `eslint --fix` writes, and it type-checks', async () => {
    const [fixed] = await new ESLint({ cwd: workspace, fix: true }).lintText(SCHEMA, { filePath: schemaPath });
    expect(fixed?.output).toBeDefined();
    const actions = await codeActions(rangeOf(SCHEMA, SCHEMA), { diagnostics: [], only: ['source.fixAll.eslint'] });
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.eslint']);
    const text = applyTextEdits(SCHEMA, editsFor(actions[0]!.edit!, uri));
    expect(text).toBe(fixed!.output);
    expectTypeChecks(text);
  });
});

// Issue 13: the server keeps running while a sibling file changes on disk; the next lint of the file
// that imports it sees the change (the project layer caches summaries by path and modification time).
const COLUMNS = `import { timestamp } from 'drizzle-orm/pg-core';

export const timestamps = {
  created_at: timestamp('created_at').defaultNow().notNull(),
  updated_at: timestamp('updated_at').defaultNow().notNull(),
};
`;

const NOTES = `import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { timestamps } from './columns';
import { tenants } from './schema';

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenant_id: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    body: text('body').notNull(),
    ...timestamps,
  },
  (t) => [
    index('notes_tenant_id_idx').on(t.tenant_id),
    pgPolicy('notes_tenant_isolation', { for: 'all', using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\` }),
  ],
);
`;

describe('vscode-eslint-language-server with a schema split across files', () => {
  it("shows the change of a sibling helper on disk in the importing file's diagnostics, without a restart", async () => {
    const columnsPath = path.join(workspace, 'columns.ts');
    const notesPath = path.join(workspace, 'notes.ts');
    const notesUri = pathToFileURL(notesPath).href;
    await writeFile(columnsPath, COLUMNS);
    await writeFile(notesPath, NOTES);
    const pull = async () =>
      (await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: notesUri } })).items.map(
        (d) => ({ rule: ruleOf(d), range: d.range, message: d.message }),
      );
    const timestampProblems = (items: { rule: string }[]) => items.filter((d) => d.rule === 'data-modeling/require-timestamps');

    client.notify('textDocument/didOpen', { textDocument: { uri: notesUri, languageId: 'typescript', version: 1, text: NOTES } });
    const before = await pull();
    expect(timestampProblems(before), client.serverStderr).toEqual([]);

    // The helper loses updated_at on disk (as when it is edited and saved in another editor tab);
    // its modification time moves on even on a file system with a coarse clock.
    await writeFile(columnsPath, COLUMNS.replace(/^ {2}updated_at: .*\n/mu, ''));
    const later = new Date(Date.now() + 2_000);
    await utimes(columnsPath, later, later);
    client.notify('textDocument/didChange', { textDocument: { uri: notesUri, version: 2 }, contentChanges: [{ text: NOTES }] });
    client.notify('textDocument/didSave', { textDocument: { uri: notesUri } });
    const after = await pull();
    expect(timestampProblems(after)).toEqual([
      { rule: 'data-modeling/require-timestamps', range: rangeOf(NOTES, "'notes'"), message: expect.stringContaining('"updated_at"') },
    ]);

    // The same as a fresh ESLint sees it on disk.
    const [fresh] = await new ESLint({ cwd: workspace }).lintFiles([notesPath]);
    const key = (d: { rule: string; range: Range; message: string }) => JSON.stringify(d);
    expect(after.map(key).sort()).toEqual((fresh?.messages ?? []).map((m) => key({ rule: m.ruleId ?? '', range: lspRange(m), message: m.message })).sort());
  });
});

// Issue 15: a SQLModel model in the same editor, through the plugin's Python language and `python` preset.
const MODELS = `from typing import Optional
from uuid import UUID, uuid4

from sqlmodel import Field, SQLModel


class Tenant(SQLModel, table=True):
    __tablename__ = "tenants"
    id: UUID = Field(default_factory=uuid4, primary_key=True)


class Project(SQLModel, table=True):
    __tablename__ = "projects"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    tenant_id: Optional[UUID] = Field(default=None, foreign_key="tenants.id", index=True)
    name: str


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    message: str
`;

describe('vscode-eslint-language-server with a SQLModel model (eslint.validate includes python)', () => {
  let modelsPath: string;
  let modelsUri: string;
  let pyDiagnostics: Diagnostic[];
  let pyExpected: Linter.LintMessage[];

  beforeAll(async () => {
    modelsPath = path.join(workspace, 'app', 'models.py');
    modelsUri = pathToFileURL(modelsPath).href;
    await mkdir(path.dirname(modelsPath), { recursive: true });
    await writeFile(modelsPath, MODELS);
    const [result] = await new ESLint({ cwd: workspace }).lintText(MODELS, { filePath: modelsPath });
    pyExpected = result?.messages ?? [];
    client.notify('textDocument/didOpen', { textDocument: { uri: modelsUri, languageId: 'python', version: 1, text: MODELS } });
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: modelsUri } });
    expect(report.kind).toBe('full');
    pyDiagnostics = report.items;
  }, 120_000);

  it('reports what ESLint reports on the .py file, at the field key and at the class name', () => {
    expect(pyExpected.filter((m) => m.fatal)).toEqual([]);
    const key = (d: { rule: string; range: Range; message: string }) => JSON.stringify(d);
    const fromServer = pyDiagnostics.map((d) => key({ rule: ruleOf(d), range: d.range, message: d.message })).sort();
    const fromEslint = pyExpected.map((m) => key({ rule: m.ruleId ?? '', range: lspRange(m), message: m.message })).sort();
    expect(fromServer, client.serverStderr).toEqual(fromEslint);
    const tenant = pyDiagnostics.filter((d) => ruleOf(d) === 'data-modeling/require-tenant-id');
    expect(tenant.map((d) => d.range)).toEqual([rangeOf(MODELS, 'tenant_id'), rangeOf(MODELS, 'AuditLog')]);
    expect(tenant[0]!.message).toBe('Tenant column "tenant_id" of table "projects" is nullable; make it non-Optional so that every row belongs to a tenant.');
  });

  it('applies a quick fix as ESLint would, to a file that parses and no longer has the problem', async () => {
    const diagnostic = pyDiagnostics.find((d) => ruleOf(d) === 'data-modeling/require-tenant-id' && d.message.includes('"audit_log"'))!;
    const message = pyExpected.find((m) => m.ruleId === 'data-modeling/require-tenant-id' && m.message === diagnostic.message)!;
    expect(message.fix).toBeDefined();
    const actions = await codeActions(diagnostic.range, { diagnostics: [diagnostic] }, modelsUri);
    const fix = actions.find((a) => a.command?.command === 'eslint.applySingleFix');
    expect(fix, actions.map((a) => a.title).join(', ')).toMatchObject({ title: 'Fix this data-modeling/require-tenant-id problem', kind: 'quickfix', isPreferred: true });
    const text = applyTextEdits(MODELS, editsFor(await runCommand(fix!.command!), modelsUri));
    expect(text).toBe(MODELS.slice(0, message.fix!.range[0]) + message.fix!.text + MODELS.slice(message.fix!.range[1]));
    // In the standard's order (after the key), with the class body's indentation.
    expect(text).toContain('primary_key=True)\n    tenant_id: UUID = Field(foreign_key="tenants.id", index=True)\n    message: str\n');
    expect(parsePython(text).ok).toBe(true);
    const [after] = await new ESLint({ cwd: workspace }).lintText(text, { filePath: modelsPath });
    expect(after!.messages.filter((m) => m.message === message.message)).toEqual([]);
  });

  // A limit of the server, documented in the README: it knows the comment syntax of a fixed list of
  // languages, not Python's, and writes `//`. A `# eslint-disable-next-line` written by hand works.
  it('"Disable … for this line" writes a `//` comment, which Python rejects', async () => {
    const diagnostic = pyDiagnostics.find((d) => ruleOf(d) === 'data-modeling/require-tenant-id')!;
    const actions = await codeActions(diagnostic.range, { diagnostics: [diagnostic] }, modelsUri);
    const disable = actions.find((a) => a.command?.command === 'eslint.applyDisableLine');
    expect(disable?.title).toBe('Disable data-modeling/require-tenant-id for this line');
    const text = applyTextEdits(MODELS, editsFor(await runCommand(disable!.command!), modelsUri));
    expect(text).toContain('    // eslint-disable-next-line data-modeling/require-tenant-id\n    tenant_id: Optional[UUID]');
    expect(parsePython(text).ok).toBe(false);
    const byHand = text.replace('// eslint-disable-next-line', '# eslint-disable-next-line');
    const [after] = await new ESLint({ cwd: workspace }).lintText(byHand, { filePath: modelsPath });
    expect(after!.messages.filter((m) => m.line === diagnostic.range.start.line + 2)).toEqual([]);
    expect(after!.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it('"Fix all" gives what `eslint --fix` writes, and it parses', async () => {
    const [fixed] = await new ESLint({ cwd: workspace, fix: true }).lintText(MODELS, { filePath: modelsPath });
    expect(fixed?.output).toBeDefined();
    const actions = await codeActions(rangeOf(MODELS, MODELS), { diagnostics: [], only: ['source.fixAll.eslint'] }, modelsUri);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.eslint']);
    const text = applyTextEdits(MODELS, editsFor(actions[0]!.edit!, modelsUri));
    expect(text).toBe(fixed!.output);
    expect(parsePython(text).ok).toBe(true);
  });

});
