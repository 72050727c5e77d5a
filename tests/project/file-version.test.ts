import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearDrizzleConfigs } from '../../src/project/drizzle-config.js';
import { FileCache, fileVersion, versionTurn } from '../../src/project/file-version.js';
import { projectOf } from '../../src/project/project.js';
import { clearSummaries, parseCounts } from '../../src/project/summary.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';

const roots: string[] = [];
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dm-version-'));
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  roots.push(root);
  return root;
}
/** Writes a file, its modification time moved on so that even a coarse clock sees the change. */
function write(root: string, file: string, text: string, later = 0): void {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  if (later) {
    const time = new Date(Date.now() + later);
    utimesSync(target, time, time);
  }
}
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  clearSummaries();
  clearDrizzleConfigs();
});

describe('file versions', () => {
  it('asks the disk once per turn of the event loop, and sees a change in the next turn', async () => {
    const root = project({ 'a.ts': 'export const a = 1;\n' });
    const file = path.join(root, 'a.ts');
    const first = fileVersion(file);
    const turn = versionTurn();
    expect(first?.size).toBe(20);
    write(root, 'a.ts', 'export const a = 12;\n', 2_000);
    expect(fileVersion(file)).toBe(first);
    await nextTurn();
    expect(versionTurn()).not.toBe(turn);
    expect(fileVersion(file)?.size).toBe(21);
    expect(fileVersion(path.join(root, 'missing.ts'))).toBeNull();
  });

  it('gives back a cached value while the file keeps the version it was computed from', async () => {
    const root = project({ 'a.ts': 'export const a = 1;\n' });
    const file = path.join(root, 'a.ts');
    const cache = new FileCache<string>();
    cache.set(file, fileVersion(file)!, 'one');
    expect(cache.get(file, fileVersion(file)!)).toBe('one');
    // Same size, later modification time: another version.
    write(root, 'a.ts', 'export const b = 1;\n', 2_000);
    await nextTurn();
    expect(cache.get(file, fileVersion(file)!)).toBeUndefined();
  });

  it("shares the schema set's facts between files, and remakes them when a module of the set changes", async () => {
    const tables = (names: string[]): string =>
      `import { pgTable, uuid } from 'drizzle-orm/pg-core';\n${names.map((name) => `export const ${name} = pgTable('${name}', { id: uuid('id').primaryKey() });\n`).join('')}`;
    const root = project({
      'db/a.ts': tables(['users']),
      'db/b.ts': tables(['posts']),
      'drizzle.config.ts': "export default { schema: './db' };\n",
    });
    const a = projectOf(path.join(root, 'db/a.ts'), root, DEFAULT_SETTINGS, null)!;
    const b = projectOf(path.join(root, 'db/b.ts'), root, DEFAULT_SETTINGS, null)!;
    expect(a.hasTable('posts')).toBe(true);
    expect(b.hasTable('comments')).toBe(false);
    expect(b.schemaSet()).toBe(a.schemaSet());
    write(root, 'db/b.ts', tables(['posts', 'comments']), 2_000);
    await nextTurn();
    const again = projectOf(path.join(root, 'db/a.ts'), root, DEFAULT_SETTINGS, null)!;
    expect(again.hasTable('comments')).toBe(true);
    // Only the changed module was read again.
    expect(parseCounts.get(path.join(root, 'db/a.ts'))).toBe(1);
    expect(parseCounts.get(path.join(root, 'db/b.ts'))).toBe(2);
  });
});
