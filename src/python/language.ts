/**
 * `data-modeling/python`: the ESLint Language (ESLint >= 9.7) that lets this plugin's rules run on
 * Python files (SQLModel models, Alembic migrations). Configure it for `**\/*.py` with
 * `language: 'data-modeling/python'`; the `python` presets do.
 */
import type { File, Language, NotOkParseResult, OkParseResult } from '@eslint/core';
import { NODE_TYPES, parsePython, type PyNode, type PyScript } from './parse.js';
import { PythonSourceCode } from './source-code.js';

const visitorKeys: Record<string, string[]> = Object.fromEntries(['Script', ...NODE_TYPES].map((t) => [t, ['children']]));

function fileText(file: File): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

export const python = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: 'type',
  visitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions(languageOptions: Record<string, unknown>): void {
    const unknown = Object.keys(languageOptions);
    if (unknown.length > 0) throw new TypeError(`The Python language has no options (got: ${unknown.join(', ')}).`);
  },

  parse(file: File): OkParseResult<PyScript> | NotOkParseResult {
    const result = parsePython(fileText(file));
    if (result.ok) return { ok: true, ast: result.ast };
    // ESLint reports parse errors as given: 1-based columns, as every other message it prints.
    const { message, line, column } = result.error;
    return { ok: false, errors: [{ message, line, column: column + 1 }] };
  },

  createSourceCode(file: File, input: OkParseResult<PyScript>): PythonSourceCode {
    return new PythonSourceCode({ text: fileText(file), ast: input.ast, visitorKeys });
  },
} satisfies Language<{ LangOptions: Record<string, unknown>; Code: PythonSourceCode; RootNode: PyScript; Node: PyNode }>;
