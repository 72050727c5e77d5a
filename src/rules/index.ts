import type { TSESLint } from '@typescript-eslint/utils';
import type { DataModelingDocs } from '../util/create-rule.js';
import booleanPrefix from './boolean-prefix.js';
import emailAddressName from './email-address-name.js';
import noHardDelete from './no-hard-delete.js';
import preferTimestamptz from './prefer-timestamptz.js';
import requireDowngrade from './require-downgrade.js';
import requireForeignKeys from './require-foreign-keys.js';
import requireIndexes from './require-indexes.js';
import requireRls from './require-rls.js';
import requireSoftDelete from './require-soft-delete.js';
import requireTenantId from './require-tenant-id.js';
import requireTimestamps from './require-timestamps.js';
import requireUuidPrimaryKey from './require-uuid-primary-key.js';
import snakeCase from './snake-case.js';
import tenantScopedUnique from './tenant-scoped-unique.js';

export type DataModelingRule = TSESLint.RuleModule<string, readonly unknown[], DataModelingDocs>;

/** Every rule of the plugin, by name (without the `data-modeling/` prefix). Keep sorted. */
export const rules = {
  'boolean-prefix': booleanPrefix,
  'email-address-name': emailAddressName,
  'no-hard-delete': noHardDelete,
  'prefer-timestamptz': preferTimestamptz,
  'require-downgrade': requireDowngrade,
  'require-foreign-keys': requireForeignKeys,
  'require-indexes': requireIndexes,
  'require-rls': requireRls,
  'require-soft-delete': requireSoftDelete,
  'require-tenant-id': requireTenantId,
  'require-timestamps': requireTimestamps,
  'require-uuid-primary-key': requireUuidPrimaryKey,
  'snake-case': snakeCase,
  'tenant-scoped-unique': tenantScopedUnique,
} satisfies Record<string, DataModelingRule>;
