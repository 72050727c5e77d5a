import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { isStaticString, propertyName } from '../model/ast.js';
import type { ColumnModel } from '../model/table.js';
import { insertMember } from './format.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Sets an option of a column builder's config object, `timestamp("at", { withTimezone: true })`:
 * replaces the option's value, adds it to the existing object literal (in its layout), or adds a config
 * object after the name argument (or as the only argument of a name-less builder: `timestamp({ … })`).
 * Returns null when the config cannot be edited safely: a spread or a computed key in the object, a
 * config held in a variable, a first argument that may be either a name or a config.
 */
export function setBuilderOption(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  column: ColumnModel,
  option: string,
  value: string,
): TSESLint.RuleFix[] | null {
  const call = column.builderCall;
  if (!call) return null;
  const config = column.configArg;
  if (config) {
    if (!call.arguments.includes(config)) return null;
    let existing = null;
    for (const property of config.properties) {
      if (property.type !== AST_NODE_TYPES.Property || (property.computed && propertyName(property) === null)) return null;
      if (propertyName(property) === option) existing = property;
    }
    if (existing) {
      if (existing.shorthand || existing.kind !== 'init' || existing.method) return null;
      return [fixer.replaceText(existing.value, value)];
    }
    return insertMember(fixer, sourceCode, config, `${option}: ${value}`, 'end');
  }
  const args = call.arguments;
  const text = `{ ${option}: ${value} }`;
  if (args.length === 0) {
    const close = sourceCode.getLastToken(call);
    return close?.value === ')' ? [fixer.insertTextBefore(close, text)] : null;
  }
  const [first] = args;
  if (args.length === 1 && isStaticString(first)) return [fixer.insertTextAfter(first, `, ${text}`)];
  return null;
}
