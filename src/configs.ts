import type { TSESLint } from '@typescript-eslint/utils';
import * as parser from '@typescript-eslint/parser';
import type { DataModelingRule } from './rules/index.js';

export const PLUGIN_NAME = 'data-modeling';

/** Files the presets apply to: TypeScript and JavaScript modules (Drizzle schemas are either). */
export const FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'];

export type PresetKey = 'recommended' | 'strict' | 'all';

type RuleEntry = TSESLint.FlatConfig.RuleEntry;

/** The rule entries of a preset, derived from each rule's `meta.docs.recommended`. */
export function presetRules(rules: Record<string, DataModelingRule>, preset: PresetKey): Record<string, RuleEntry> {
  const out: Record<string, RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.recommended;
    const include = preset === 'all' || level === 'recommended' || (preset === 'strict' && level === 'strict');
    if (!include) continue;
    const strictOptions = rule.meta.docs?.strictOptions;
    out[`${PLUGIN_NAME}/${name}`] = preset !== 'recommended' && strictOptions ? ['error', ...strictOptions] : 'error';
  }
  return out;
}

/**
 * Flat configs. Each registers the plugin and the TypeScript parser for script files, so that
 * `export default [dataModeling.configs.recommended]` works alone; after typescript-eslint's configs
 * the parser setting is the same one and composes.
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
