import { ESLint, Linter, type Rule } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import dataModeling, { languages } from '../../src/index.js';
import { python } from '../../src/python/language.js';
import { isPythonSourceCode, type PythonSourceCode } from '../../src/python/source-code.js';
import type { PyNode } from '../../src/python/parse.js';
import { code } from '../support/python-tester.js';

/** A test rule: reports every class name, and offers to upper-case it. */
const className: Rule.RuleModule = {
  meta: { type: 'problem', fixable: 'code', schema: [], messages: { name: 'Class {{name}}.' } },
  create(context) {
    const sourceCode = context.sourceCode as unknown as PythonSourceCode;
    return {
      ClassDefinition(node: PyNode) {
        const name = node.children.find((c) => c.type === 'VariableName')!;
        context.report({
          node: name as never,
          messageId: 'name',
          data: { name: sourceCode.getText(name) },
          fix: (fixer) => fixer.replaceTextRange(name.range, sourceCode.getText(name).toUpperCase()),
        });
      },
    } as unknown as Rule.RuleListener;
  },
};

const visits: string[] = [];
/** A test rule: records the traversal order of enter and exit visits. */
const order: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create: () =>
    ({
      ClassDefinition: () => visits.push('class'),
      'ClassDefinition:exit': () => visits.push('class:exit'),
      'AssignStatement > TypeDef': () => visits.push('typedef'),
      'Script:exit': () => visits.push('script:exit'),
    }) as Rule.RuleListener,
};

const config: Linter.Config[] = [
  {
    files: ['**/*.py'],
    plugins: { 'data-modeling': dataModeling as never, test: { rules: { 'class-name': className, order } } },
    language: 'data-modeling/python',
    rules: { 'test/class-name': 'error' },
  },
];

const linter = new Linter();
const lint = (text: string): Linter.LintMessage[] => linter.verify(text, config, 'models.py');

describe('the data-modeling/python language', () => {
  it('is registered on the plugin as languages.python with ESLint conventions', () => {
    expect(languages.python).toBe(python);
    expect(python).toMatchObject({ fileType: 'text', lineStart: 1, columnStart: 0, nodeTypeKey: 'type' });
    expect(python.visitorKeys.ClassDefinition).toEqual(['children']);
    expect(() => python.validateLanguageOptions({ foo: 1 })).toThrow(/no options/u);
  });

  it('reports with 1-based lines and columns and end positions, as for JavaScript', () => {
    const messages = lint(code`
      import sqlmodel

      class Tenant(sqlmodel.SQLModel, table=True):
          pass
    `);
    expect(messages).toEqual([
      expect.objectContaining({ ruleId: 'test/class-name', message: 'Class Tenant.', line: 3, column: 7, endLine: 3, endColumn: 13 }),
    ]);
  });

  it('makes a parse error a fatal message at its line and column', () => {
    const messages = lint('class A:\n    x = = 1\n');
    expect(messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Invalid Python syntax at "=".', line: 2, column: 9 },
    ]);
  });

  it('makes a parse error fatal through the ESLint class too', async () => {
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config, cwd: process.cwd() });
    const [result] = await eslint.lintText('def f(\n', { filePath: 'app/models.py' });
    expect(result!.fatalErrorCount).toBe(1);
    expect(result!.messages[0]).toMatchObject({ fatal: true, line: 2, column: 1, message: 'Parsing error: Invalid Python syntax at end of file.' });
  });

  it('honours # eslint-disable-next-line, -line, and disable/enable blocks', () => {
    const messages = lint(code`
      # eslint-disable-next-line test/class-name -- a justification
      class A: pass
      class B: pass  # eslint-disable-line test/class-name
      # eslint-disable test/class-name
      class C: pass
      # eslint-enable test/class-name
      class D: pass
      # eslint-disable-next-line data-modeling/require-tenant-id
      class E: pass
    `);
    // The last directive names a rule that reported nothing: ESLint says so, which shows it was read.
    expect(messages.map((m) => [m.message, m.line])).toEqual([
      ['Class D.', 7],
      ["Unused eslint-disable directive (no problems were reported from 'data-modeling/require-tenant-id').", 8],
      ['Class E.', 9],
    ]);
  });

  it('lets # eslint-disable-next-line silence a data-modeling rule on a Python model', () => {
    const rules = { 'data-modeling/require-tenant-id': 'error' as const };
    const text = code`
      from sqlmodel import SQLModel
      # eslint-disable-next-line data-modeling/require-tenant-id -- a shared lookup table
      class Country(SQLModel, table=True):
          code: str
      class Post(SQLModel, table=True):
          title: str
    `;
    const messages = linter.verify(text, [{ ...config[0], rules }], 'models.py');
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['data-modeling/require-tenant-id', 5, 7]]);
  });

  it('applies inline configuration comments and reports bad ones', () => {
    expect(lint('# eslint test/class-name: off\nclass A: pass\n')).toEqual([]);
    const [bad] = lint('# eslint test/class-name: [\nclass A: pass\n');
    expect(bad).toMatchObject({ fatal: true, line: 1, column: 1 });
    expect(bad!.message).toMatch(/Failed to parse JSON/u);
  });

  it('applies fixes by range', () => {
    const { output, messages } = linter.verifyAndFix('class a: pass\nclass b(a): pass\n', config, 'models.py');
    expect(output).toBe('class A: pass\nclass B(a): pass\n');
    expect(messages).toHaveLength(2);
  });

  it('visits every node on enter and exit, with esquery selectors', () => {
    visits.length = 0;
    linter.verify('class A:\n    x: int\n    class B:\n        y: str = ""\n', [{ ...config[0], rules: { 'test/order': 'error' } }], 'm.py');
    expect(visits).toEqual(['class', 'typedef', 'class', 'typedef', 'class:exit', 'class:exit', 'script:exit']);
  });

  it('gives rules a SourceCode they can tell apart from JavaScript', () => {
    let seen: unknown;
    const probe: Rule.RuleModule = { meta: { type: 'problem', schema: [] }, create: (context) => ((seen = context.sourceCode), {}) };
    linter.verify('x = 1\n', [{ ...config[0], plugins: { ...config[0]!.plugins, probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } }], 'm.py');
    expect(isPythonSourceCode(seen)).toBe(true);
    const sourceCode = seen as PythonSourceCode;
    expect(sourceCode.lines).toEqual(['x = 1', '']);
    expect(sourceCode.getLocFromIndex(4)).toEqual({ line: 1, column: 4 });
    expect(sourceCode.getParent(sourceCode.ast.children[0]!)).toBe(sourceCode.ast);
    linter.verify('x = 1;\n', [{ plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } }], 'm.js');
    expect(isPythonSourceCode(seen)).toBe(false);
  });

  it('works the same in ESLint 9 (languages since 9.7): reports, parse errors, directives, fixes', () => {
    const linter9 = new Linter9();
    const rules = { 'data-modeling/require-tenant-id': 'error' as const };
    const config9 = [{ ...config[0], rules }] as unknown as Parameters<Linter9['verify']>[1];
    const model = 'from sqlmodel import SQLModel\nclass A(SQLModel, table=True):\n    x: int\n';
    expect(linter9.verify(model, config9, 'a.py').map((m) => [m.ruleId, m.line, m.column])).toEqual([['data-modeling/require-tenant-id', 2, 7]]);
    expect(linter9.verify('x = = 1\n', config9, 'a.py')).toMatchObject([{ fatal: true, line: 1, column: 5 }]);
    expect(linter9.verify(`# eslint-disable-next-line data-modeling/require-tenant-id\n${model.replace('\nclass', '\n# eslint-disable-next-line data-modeling/require-tenant-id\nclass')}`, config9, 'a.py')).toMatchObject([
      { line: 1, message: expect.stringMatching(/^Unused eslint-disable directive/u) },
    ]);
    expect(linter9.verifyAndFix(model, config9, 'a.py').output).toBe(
      'from sqlmodel import Field, SQLModel\nfrom uuid import UUID\nclass A(SQLModel, table=True):\n    tenant_id: UUID = Field(index=True)\n    x: int\n',
    );
  });

  it('runs every data-modeling rule on a Python file without crashing', () => {
    const rules = Object.fromEntries(Object.keys(dataModeling.rules).map((r) => [`data-modeling/${r}`, 'error' as const]));
    const messages = linter.verify('from sqlmodel import SQLModel\nclass A(SQLModel, table=True):\n    x: int\n', [{ ...config[0], rules }], 'a.py');
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });
});
