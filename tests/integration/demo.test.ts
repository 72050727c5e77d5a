/**
 * `npm run demo` is the first thing a new user runs: it must exit 0, print the problems of the example
 * schema in ESLint's stylish format (a few of every rule of the recommended preset), print a diff that
 * is exactly what `eslint --fix` writes, and leave examples/ as it was.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import dataModeling from '../../src/index.js';
import { PROJECT_ROOT, typecheck } from './support/drizzle.js';

const run = promisify(execFile);
const EXAMPLES = path.join(PROJECT_ROOT, 'examples');

async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(EXAMPLES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(EXAMPLES, full), await readFile(full, 'utf8'));
  }
  return files;
}

/** Applies a unified diff (as the demo prints it) to the files it names; checks every context line. */
function applyUnifiedDiff(diff: string, read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = diff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^--- a\/(.+)$/u.exec(lines[i]!);
    if (!header || !lines[i + 1]?.startsWith('+++ b/')) continue;
    const file = header[1]!;
    const original = read(file).replace(/\n$/u, '').split('\n');
    const result: string[] = [];
    let next = 0; // index into original
    i += 2;
    for (; i < lines.length; i++) {
      const hunk = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/u.exec(lines[i]!);
      if (!hunk) break;
      const oldStart = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      result.push(...original.slice(next, oldStart));
      next = oldStart;
      let oldCount = 0;
      let newCount = 0;
      while (oldCount < Number(hunk[2]) || newCount < Number(hunk[4])) {
        const line = lines[++i]!;
        const text = line.slice(1);
        if (line.startsWith('+')) {
          result.push(text);
          newCount++;
          continue;
        }
        expect(original[next], `${file}:${next + 1}`).toBe(text);
        next++;
        oldCount++;
        if (line.startsWith(' ')) {
          result.push(text);
          newCount++;
        } else {
          expect(line.startsWith('-'), line).toBe(true);
        }
      }
    }
    result.push(...original.slice(next));
    out.set(file, `${result.join('\n')}\n`);
    i--;
  }
  return out;
}

let before: Map<string, string>;
let output: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  before = await snapshot();
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(EXAMPLES, 'demo.mjs')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    output = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    output = { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}, 180_000);

describe('npm run demo', () => {
  it('exits 0 and leaves examples/ unchanged', async () => {
    expect(output.code, output.stderr).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('prints the problems in the stylish format, with every rule of the recommended preset', () => {
    const { stdout } = output;
    expect(stdout).toContain('$ eslint examples/');
    expect(stdout).toMatch(/^examples\/schema\.ts$/mu);
    expect(stdout).toMatch(/^examples\/queries\.ts$/mu);
    expect(stdout).toMatch(/^ {2}\d+:\d+ +error +\S.* +data-modeling\/[a-z-]+$/mu);
    expect(stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/u);
    const reported = new Set([...stdout.matchAll(/ (data-modeling\/[a-z-]+)$/gmu)].map((m) => m[1]));
    expect([...reported].sort()).toEqual(Object.keys(dataModeling.configs.recommended.rules ?? {}).sort());
  });

  it('prints a diff that turns each example into what `eslint --fix` writes', async () => {
    const { stdout } = output;
    const diff = stdout.slice(stdout.indexOf('$ eslint --fix examples/'));
    expect(diff).toMatch(/^--- a\/examples\/schema\.ts\n\+\+\+ b\/examples\/schema\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@$/mu);
    const patched = applyUnifiedDiff(diff, (file) => before.get(path.relative('examples', file))!);
    expect(patched.size).toBeGreaterThan(0);

    const fixed = await new ESLint({ cwd: EXAMPLES, overrideConfigFile: path.join(EXAMPLES, 'eslint.config.js'), fix: true }).lintFiles(['.']);
    const expected = new Map(
      fixed
        .filter((r) => r.output !== undefined)
        .map((r) => [path.relative(PROJECT_ROOT, r.filePath).split(path.sep).join('/'), r.output!] as const),
    );
    expect(patched).toEqual(expected);
  });

  it('uses an example that type-checks against drizzle-orm', () => {
    const sources = Object.fromEntries([...before].filter(([file]) => file.endsWith('.ts')));
    expect(Object.keys(sources).sort()).toEqual(['queries.ts', 'schema.ts']);
    expect(typecheck(sources, { compilerOptions: { types: ['node'] } }).diagnostics).toEqual([]);
  });
});
