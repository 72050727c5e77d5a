import { ESLintUtils } from '@typescript-eslint/utils';

/** Which preset a rule belongs to. `strict` includes everything in `recommended`. */
export type PresetName = 'recommended' | 'strict';

export interface DataModelingDocs {
  /** The smallest preset that enables the rule; absent for rules only in `all`. */
  recommended?: PresetName;
  /** Options the `strict` preset passes (where strict asks for more than the defaults). */
  strictOptions?: readonly unknown[];
}

export const REPO_URL = 'https://github.com/eslint-plugin-data-modeling/eslint-plugin-data-modeling';

export const createRule = ESLintUtils.RuleCreator<DataModelingDocs>(
  (name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`,
);
