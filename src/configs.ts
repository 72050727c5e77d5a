import type { TSESLint } from '@typescript-eslint/utils';
import { parser } from './project/parse.js';
import type { DataModelingRule } from './rules/index.js';

export const PLUGIN_NAME = 'data-modeling';

/** Files the presets apply to: TypeScript and JavaScript modules (Drizzle schemas are either). */
export const FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs'];

/** Files the Python presets apply to: SQLModel models and Alembic migrations. */
export const PYTHON_FILES = ['**/*.py'];

/** The ESLint language id of JavaScript/TypeScript (typescript-eslint's parser runs under it). */
export const JS_LANGUAGE = 'js/js';

/** The language this plugin provides for Python (`languages.python`). */
export const PYTHON_LANGUAGE = `${PLUGIN_NAME}/python`;

export type PresetKey = 'recommended' | 'strict' | 'all';

export type PythonPresetKey = 'python' | 'python-strict' | 'python-all';

/** The preset level of each Python preset. */
const PYTHON_PRESETS: Record<PythonPresetKey, PresetKey> = { python: 'recommended', 'python-strict': 'strict', 'python-all': 'all' };

type RuleEntry = TSESLint.FlatConfig.RuleEntry;

/**
 * Whether a preset for `language` takes the rule. For JavaScript/TypeScript, as ESLint 10 decides it
 * (ESLint 9 ignores the key): a rule without `meta.languages` runs on every language, `*` is any
 * language. For Python only a rule that names `data-modeling/python` counts: a rule that says
 * nothing has no Python part.
 */
export function ruleRunsOn(rule: DataModelingRule, language: string): boolean {
  const { languages } = rule.meta;
  if (language === PYTHON_LANGUAGE) return languages?.includes(PYTHON_LANGUAGE) ?? false;
  return languages === undefined || languages.includes('*') || languages.includes(language);
}

/**
 * The rule entries of a preset, derived from each rule's `meta.docs.recommended`, for the rules that
 * run on `language` (default: JavaScript/TypeScript; see `ruleRunsOn`).
 */
export function presetRules(
  rules: Record<string, DataModelingRule>,
  preset: PresetKey,
  language: string = JS_LANGUAGE,
): Record<string, RuleEntry> {
  const out: Record<string, RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    if (!ruleRunsOn(rule, language)) continue;
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
 * `export default [dataModeling.configs.recommended]` works alone. The parser is
 * `@typescript-eslint/parser` behind a wrapper that hands ESLint the parse of a file the plugin has
 * already read from disk (src/project/parse.ts); after typescript-eslint's configs it parses alike
 * (their parser options go to the same parser), and a later config's parser simply replaces it.
 *
 * Python joins through its own presets (`python`, `python-strict`, `python-all`: `**\/*.py` with the
 * `data-modeling/python` language), not inside `recommended`: a flat config object has one `files`
 * and one language, so a preset that covered both stacks would have to be an array, and every
 * `export default [dataModeling.configs.recommended]` (an array inside the array) and
 * `...configs.recommended` spread of today would break.
 */
export function createConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, DataModelingRule>,
): Record<PresetKey | PythonPresetKey, TSESLint.FlatConfig.Config> {
  const make = (preset: PresetKey): TSESLint.FlatConfig.Config => ({
    name: `${PLUGIN_NAME}/${preset}`,
    files: FILES,
    plugins: { [PLUGIN_NAME]: plugin },
    languageOptions: { parser, sourceType: 'module' },
    rules: presetRules(rules, preset),
  });
  // typescript-eslint's FlatConfig.Config type predates `language` (ESLint >= 9.7).
  const makePython = (preset: PythonPresetKey): TSESLint.FlatConfig.Config =>
    ({
      name: `${PLUGIN_NAME}/${preset}`,
      files: PYTHON_FILES,
      plugins: { [PLUGIN_NAME]: plugin },
      language: PYTHON_LANGUAGE,
      rules: presetRules(rules, PYTHON_PRESETS[preset], PYTHON_LANGUAGE),
    }) as TSESLint.FlatConfig.Config;
  return {
    recommended: make('recommended'),
    strict: make('strict'),
    all: make('all'),
    python: makePython('python'),
    'python-strict': makePython('python-strict'),
    'python-all': makePython('python-all'),
  };
}
