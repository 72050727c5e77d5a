// Self-lint: the plugin's own sources are checked with typescript-eslint and eslint-plugin-eslint-plugin.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.out/', 'tests/.tmp*/', 'examples/', 'tests/fixtures/', 'tests/integration/fixtures/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Require|Disallow|Enforce|Prefer)' }],
      'eslint-plugin/require-meta-schema-default': 'off',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/require-meta-fixable': 'error',
      'eslint-plugin/require-meta-has-suggestions': 'error',
      'eslint-plugin/no-property-in-node': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
