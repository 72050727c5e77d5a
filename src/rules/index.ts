import type { TSESLint } from '@typescript-eslint/utils';
import type { DataModelingDocs } from '../util/create-rule.js';
import requireTenantId from './require-tenant-id.js';
import requireTimestamps from './require-timestamps.js';
import requireUuidPrimaryKey from './require-uuid-primary-key.js';

export type DataModelingRule = TSESLint.RuleModule<string, readonly unknown[], DataModelingDocs>;

/** Every rule of the plugin, by name (without the `data-modeling/` prefix). Keep sorted. */
export const rules = {
  'require-tenant-id': requireTenantId,
  'require-timestamps': requireTimestamps,
  'require-uuid-primary-key': requireUuidPrimaryKey,
} satisfies Record<string, DataModelingRule>;
