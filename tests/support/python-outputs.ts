import { expect, it } from 'vitest';
import { parsePython } from '../../src/python/parse.js';

interface Case {
  name?: string;
  code: string;
  output?: string | null | string[];
  errors?: unknown;
}

/**
 * Every fixed output and suggestion output of Python rule-tester cases parses (the project's parser,
 * the one that rejects what Python would reject). Call at the top level of a test file.
 */
export function itParsesEveryOutput(cases: readonly Case[]): void {
  it('writes fixes and suggestions that parse', () => {
    let checked = 0;
    for (const c of cases) {
      const outputs: string[] = [];
      if (typeof c.output === 'string') outputs.push(c.output);
      if (Array.isArray(c.output)) outputs.push(...c.output);
      if (Array.isArray(c.errors)) {
        for (const e of c.errors as { suggestions?: { output: string }[] | null }[]) for (const s of e.suggestions ?? []) outputs.push(s.output);
      }
      for (const out of outputs) {
        const parsed = parsePython(out);
        expect(parsed.ok, `${parsed.ok ? '' : parsed.error.message}\n${out}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
}
