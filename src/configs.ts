import type { TSESLint } from '@typescript-eslint/utils';
import { parser } from './project/parse.js';
import type { DataModelingRule } from './rules/index.js';

export const PLUGIN_NAME = 'data-modeling';

/** Files the presets apply to: TypeScript and JavaScript modules (Drizzle schemas are either). */
export const FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'];

export type PresetKey = 'recommended' | 'strict' | 'all';

type RuleEntry = TSESLint.FlatConfig.RuleEntry;

/** Whether a rule runs on a language (`js/js`, `data-modeling/python`): a rule without `meta.languages` runs on every one. */
export function runsOn(rule: DataModelingRule, language: string): boolean {
  const languages = rule.meta.languages;
  return !languages || languages.includes(language);
}

/**
 * The rule entries of a preset, derived from each rule's `meta.docs.recommended`, for the rules that run
 * on `language` (ESLint 10 refuses a rule enabled for a language its `meta.languages` does not list).
 */
export function presetRules(rules: Record<string, DataModelingRule>, preset: PresetKey, language = 'js/js'): Record<string, RuleEntry> {
  const out: Record<string, RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.recommended;
    const include = preset === 'all' || level === 'recommended' || (preset === 'strict' && level === 'strict');
    if (!include || !runsOn(rule, language)) continue;
    const strictOptions = rule.meta.docs?.strictOptions;
    out[`${PLUGIN_NAME}/${name}`] = preset !== 'recommended' && strictOptions ? ['error', ...strictOptions] : 'error';
  }
  return out;
}

/**
 * Flat configs. Each registers the plugin and the TypeScript parser for script files, so that
 * `export default [dataModeling.configs.recommended]` works alone. The parser is
 * `@typescript-eslint/parser` behind a wrapper that hands ESLint the parse of a file the plugin has
 * already read from disk (src/project/parse.ts); after typescript-eslint's configs it parses alike
 * (their parser options go to the same parser), and a later config's parser simply replaces it.
 */
export function createConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, DataModelingRule>,
): Record<PresetKey, TSESLint.FlatConfig.Config> {
  const make = (preset: PresetKey): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_NAME}/${preset}`,
    files: FILES,
    plugins: { [PLUGIN_NAME]: plugin },
    languageOptions: { parser, sourceType: 'module' },
    rules: presetRules(rules, preset),
  });
  return { recommended: make('recommended'), strict: make('strict'), all: make('all') };
}
