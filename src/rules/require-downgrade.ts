import { requireDowngradePython, type MessageIds } from '../python/rules/require-downgrade.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export default createRule<[], MessageIds>({
  name: 'require-downgrade',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every Alembic migration to have a downgrade() that undoes its upgrade()',
      recommended: 'recommended',
    },
    fixable: 'code',
    // The Python half (src/python/rules/require-downgrade.ts) reports the suggestions.
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions
    hasSuggestions: true,
    languages: ['data-modeling/python'],
    schema: [],
    messages: {
      missing:
        'Migration "{{revision}}" has no downgrade(); add one that undoes what upgrade() does, so that the migration can be rolled back and both directions tested.',
      empty:
        'The downgrade() of migration "{{revision}}" does nothing while its upgrade() changes the database; make it undo what upgrade() does, so that the migration can be rolled back and both directions tested.',
      notUndone:
        'The downgrade() of migration "{{revision}}" does not drop table "{{table}}", which its upgrade() creates; a downgrade must leave no table of its upgrade behind.',
      dropTable: 'Drop table "{{table}}" in downgrade().',
    },
  },
  create(context) {
    // A Python-only rule: on any other language there is no migration to read.
    if (!isPythonSourceCode(context.sourceCode)) return {};
    return requireDowngradePython(context, context.sourceCode, []);
  },
});
