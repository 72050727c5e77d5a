import type { TSESLint } from '@typescript-eslint/utils';
import { createConfigs, type PresetKey } from './configs.js';
import { rules } from './rules/index.js';

export type { DataModelingSettings, TableFactorySetting } from './settings.js';
export { SETTINGS_KEY } from './settings.js';

const meta = { name: 'eslint-plugin-data-modeling', version: '0.1.0' } as const;

const plugin = { meta, rules } as unknown as TSESLint.FlatConfig.Plugin & { meta: typeof meta; rules: typeof rules };

const configs: Record<PresetKey, TSESLint.FlatConfig.Config> = createConfigs(plugin, rules);

const dataModeling = Object.assign(plugin, { configs });

export { rules, configs, meta };
export default dataModeling;
