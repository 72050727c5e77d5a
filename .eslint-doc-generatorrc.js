/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['all', '🌐'],
    // The column marks the rules that also run on Python (SQLModel, Alembic): those of `python-all`;
    // ✅/🔒 give the level, the same in the TypeScript and the Python presets.
    ['python-all', '🐍'],
  ],
  ignoreConfig: ['all', 'python', 'python-strict'],
  ruleDocSectionInclude: ['Rule details', 'When not to use it'],
  ruleDocSectionOptions: false,
  ruleDocTitleFormat: 'prefix-name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'options'],
  urlConfigs: 'https://github.com/eslint-plugin-data-modeling/eslint-plugin-data-modeling#presets',
};
