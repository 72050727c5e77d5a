import type { TSESLint } from '@typescript-eslint/utils';
import { createConfigs, type PresetKey } from './configs.js';
import { python } from './python/language.js';
import { rules } from './rules/index.js';

export type { DataModelingSettings, TableFactorySetting } from './settings.js';
export { SETTINGS_KEY } from './settings.js';

const meta = { name: 'eslint-plugin-data-modeling', version: '0.1.0' } as const;

// `languages.python` is used as `language: 'data-modeling/python'` (ESLint >= 9.7).
const languages = { python };

const plugin = { meta, rules, languages } as unknown as TSESLint.FlatConfig.Plugin & {
  meta: typeof meta;
  rules: typeof rules;
  languages: typeof languages;
};

const configs: Record<PresetKey, TSESLint.FlatConfig.Config> = createConfigs(plugin, rules);

const dataModeling = Object.assign(plugin, { configs });

export { rules, configs, meta, languages };
export default dataModeling;
