// What a project puts in its eslint.config.js: the plugin's recommended preset (it applies to
// TypeScript and JavaScript modules and brings the TypeScript parser along).
import dataModeling from 'eslint-plugin-data-modeling';

export default [
  dataModeling.configs.recommended,
  {
    rules: {
      // queries.ts imports its tables from schema.ts; without type information, name the ones that
      // are soft-deleted (have a deleted_at column).
      'data-modeling/no-hard-delete': ['error', { tables: ['users', 'projects'] }],
    },
  },
];
