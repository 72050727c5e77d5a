/**
 * Relations declared in other files: drizzle-orm 0.x `relations()` in a schema-set file
 * (tests/fixtures/projects/tenant-app), drizzle-orm 1.0 `defineRelations(schema, …)` in a relations.ts
 * beside the schema folder (tests/fixtures/projects/xfile-app). require-foreign-keys' `requireRelations`
 * reads them as it reads the file's own, and stays silent where they cannot all be read.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { projectOf } from '../../src/project/project.js';
import { clearSummaries } from '../../src/project/summary.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { editFile as edit, projectCopies, PROJECTS } from '../support/projects.js';

const RULE = 'data-modeling/require-foreign-keys';

function eslint(cwd: string): ESLint {
  const config: Linter.Config[] = [{ ...(dataModeling.configs.recommended as Linter.Config), rules: { [RULE]: ['error', { requireRelations: true }] } }];
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });
}

/** `file:line:column messageId` of each require-foreign-keys problem. */
async function problems(cwd: string, files = ['src/**/*.ts']): Promise<string[]> {
  const results = await eslint(cwd).lintFiles(files);
  return results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(cwd, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.messageId}`),
  );
}

const copy = projectCopies('dm-relations-');
beforeEach(() => clearSummaries());

describe('relations in other files', () => {
  it('summarises defineRelations(schema, …) through the namespace and the barrel, by defining module and exported name', () => {
    const root = path.join(PROJECTS, 'xfile-app');
    const file = projectOf(path.join(root, 'src/db/schema/tasks.ts'), root, DEFAULT_SETTINGS, null)!;
    const summary = file.summary(path.join(root, 'src/db/relations.ts'))!;
    const schema = (name: string) => path.join(root, 'src/db/schema', name);
    expect(summary.relations).toEqual({
      lists: [[{ module: schema('tasks.ts'), name: 'tasks', key: 'projectId' }], [{ module: schema('projects.ts'), name: 'projects', key: 'id' }]],
      targets: [[{ module: schema('tasks.ts'), name: 'tasks', key: 'projectId' }, { module: schema('projects.ts'), name: 'projects', key: 'id' }]],
      complete: true,
    });
    // A module without relations has none.
    expect(file.summary(schema('tasks.ts'))!.relations).toBeNull();
    // The relations beside the schema set are found.
    expect(file.relations()?.present).toBe(true);
  });

  it('requireRelations: a foreign key named by a relation in another file is not reported, one that is not is (1.0, beside the set)', async () => {
    expect(await problems(path.join(PROJECTS, 'xfile-app'))).toEqual(['src/db/schema/comments.ts:12:5 missingRelation']);
  });

  it('requireRelations: 0.x relations() in a file of the schema set', async () => {
    // Every foreign key of tenant-app is named in schema/relations.ts.
    expect(await problems(path.join(PROJECTS, 'tenant-app'))).toEqual([]);
    const dir = copy('tenant-app');
    edit(dir, 'src/db/schema/relations.ts', "  assignee: one(users, { fields: [tasks.assignee_id], references: [users.id] }),\n", '');
    expect(await problems(dir)).toEqual(['src/db/schema/tasks.ts:12:5 missingRelation']);
  });

  it('stays silent when some relation cannot be read, or names a table the project cannot resolve', async () => {
    const unreadable = copy('xfile-app');
    edit(unreadable, 'src/db/relations.ts', '  projects: {\n', '  ...extra,\n  projects: {\n');
    expect(await problems(unreadable)).toEqual([]);
    const unresolved = copy('tenant-app');
    edit(unresolved, 'src/db/schema/relations.ts', "import { users } from './users';", "import { users } from 'some-package';");
    expect(await problems(unresolved)).toEqual([]);
  });

  it('without the schema set (no drizzle.config), only the file’s own relations count, as before', async () => {
    const dir = copy('xfile-app');
    rmSync(path.join(dir, 'drizzle.config.ts'));
    // (owner_id is judged by its name without the table set: a `missing` report, not a relation one.)
    expect((await problems(dir)).filter((p) => p.endsWith('missingRelation'))).toEqual([]);
  });
});

describe('suggestions from relations in other files', () => {
  it('offers first what a relation of another file pairs the column with, as this file imports that table', async () => {
    const dir = copy('xfile-app');
    edit(dir, 'src/db/schema/comments.ts', "import { tasks } from './tasks';", "import { projects } from './projects';\nimport { tasks } from './tasks';");
    edit(dir, 'src/db/schema/comments.ts', "      .notNull()\n      .references(() => tasks.id),", '      .notNull(),');
    edit(dir, 'src/db/relations.ts', '  projects: {\n', '  comments: {\n    project: r.one.projects({ from: r.comments.taskId, to: r.projects.id }),\n  },\n  projects: {\n');
    const [result] = await new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [dataModeling.configs.recommended as Linter.Config],
    }).lintFiles(['src/db/schema/comments.ts']);
    const message = result!.messages.find((m) => m.ruleId === RULE)!;
    expect([message.line, message.column, message.messageId]).toEqual([13, 5, 'missing']);
    expect(message.suggestions!.map((s) => s.desc)).toEqual(['Reference projects.id.', 'Reference tasks.id.']);
    // Without the relation, only the table the name matches.
    edit(dir, 'src/db/relations.ts', '    project: r.one.projects({ from: r.comments.taskId, to: r.projects.id }),\n', '');
    clearSummaries();
    const [again] = await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [dataModeling.configs.recommended as Linter.Config] }).lintFiles([
      'src/db/schema/comments.ts',
    ]);
    expect(again!.messages.find((m) => m.ruleId === RULE)!.suggestions!.map((s) => s.desc)).toEqual(['Reference tasks.id.']);
  });
});
