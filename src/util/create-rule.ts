import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { collectSchema } from '../model/schema.js';

/** Which preset a rule belongs to. `strict` includes everything in `recommended`. */
export type PresetName = 'recommended' | 'strict';

export interface DataModelingDocs {
  /** The smallest preset that enables the rule; absent for rules only in `all`. */
  recommended?: PresetName;
  /** Options the `strict` preset passes (where strict asks for more than the defaults). */
  strictOptions?: readonly unknown[];
}

export const REPO_URL = 'https://github.com/eslint-plugin-data-modeling/eslint-plugin-data-modeling';

const ruleCreator = ESLintUtils.RuleCreator<DataModelingDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

/**
 * Creates a rule of the plugin. Every rule also carries the listeners that read the shared schema model
 * during ESLint's traversal (only the first rule created on a file gets any), so that whichever rules
 * are enabled, the model is read while the file's nodes are fresh.
 */
export const createRule: typeof ruleCreator = (rule) =>
  ruleCreator({
    ...rule,
    create(context, options) {
      return withListeners(rule.create(context, options), collectSchema(context));
    },
  });

/** Merges two sets of listeners; a selector both have runs both, the rule's first. */
function withListeners(own: TSESLint.RuleListener, extra: TSESLint.RuleListener): TSESLint.RuleListener {
  const merged: Record<string, ((node: never) => void) | undefined> = { ...own };
  for (const [selector, listener] of Object.entries(extra) as [string, ((node: never) => void) | undefined][]) {
    const first = merged[selector];
    merged[selector] =
      first && listener
        ? (node: never) => {
            first(node);
            listener(node);
          }
        : (first ?? listener);
  }
  return merged as TSESLint.RuleListener;
}
