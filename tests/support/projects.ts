/**
 * Fixture projects on disk (tests/fixtures/projects/*) for the project-layer tests: each test that
 * edits one works on a copy in the system's temporary folder, removed after the test file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const PROJECTS = path.resolve(import.meta.dirname, '../fixtures/projects');

/**
 * A function that copies a fixture project (by name, or an absolute path) to a fresh temporary folder
 * and returns the folder; the copies it made are removed after the calling test file.
 */
export function projectCopies(prefix = 'dm-project-'): (name: string) => string {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });
  return (name) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    cpSync(path.isAbsolute(name) ? name : path.join(PROJECTS, name), dir, { recursive: true });
    copies.push(dir);
    return dir;
  };
}

/** Replaces `from` with `to` in a file of a copied project; throws when `from` is not there. */
export function editFile(dir: string, file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(full, text.replace(from, to));
}
