// The flat configs the benchmark lints with. Everything comes from the installed packages: the
// plugin's own `all` preset (so a rule added to the plugin is measured without touching this file),
// eslint-plugin-drizzle's two rules, and @typescript-eslint/naming-convention set up to check what
// the snake-case rule checks (object keys in snake_case), without type information.
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

import dataModeling from '../dist/index.js';

export const OUR_PREFIX = 'data-modeling/';
export const DRIZZLE_PREFIX = 'drizzle/';
export const NAMING_RULE = '@typescript-eslint/naming-convention';

const FILES = ['**/*.ts'];

/** Options of Drizzle's own keys (`withTimezone`, `onDelete`…) that are not column names. */
const NOT_NAMES = '^(?:withTimezone|withCheck|onDelete|onUpdate|length|as|for|using|to|mode)$';

/** Every rule of the plugin (its `all` preset, with the strict options). */
export function ourConfig() {
  return [{ ...dataModeling.configs.all, files: FILES }];
}

/** Every rule of the plugin that runs on Python (its `python-all` preset: `**\/*.py`, the Python language). */
export function pythonConfig() {
  return [dataModeling.configs['python-all']];
}

/** Our rules plus the two comparison points, in one config so every rule sees the same parse. */
export function timingConfig() {
  return [
    ...ourConfig(),
    {
      files: FILES,
      plugins: { drizzle },
      rules: {
        'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
        'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      },
    },
    {
      files: FILES,
      plugins: { '@typescript-eslint': tseslint.plugin },
      rules: {
        [NAMING_RULE]: [
          'error',
          { selector: 'objectLiteralProperty', format: ['snake_case'], filter: { regex: NOT_NAMES, match: false } },
        ],
      },
    },
  ];
}

/** The names of the plugin's rules, as configured (`data-modeling/<name>`). */
export function ourRuleIds() {
  return Object.keys(dataModeling.rules)
    .map((name) => `${OUR_PREFIX}${name}`)
    .sort();
}

/** The names of the plugin's rules that run on Python (those of its `python-all` preset). */
export function pythonRuleIds() {
  return Object.keys(dataModeling.configs['python-all'].rules ?? {}).sort();
}

/** The plugin object, for configs that register it (the reporting floor on Python files). */
export { dataModeling };
