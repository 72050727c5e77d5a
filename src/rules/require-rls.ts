import type { TSESLint } from '@typescript-eslint/utils';
import { tableLabel, tableReportNode } from '../model/describe.js';
import { staticString } from '../model/ast.js';
import { DRIZZLE_ORM, PG_CORE } from '../model/find-tables.js';
import { analyzePolicy, COMMANDS, type Command, type PolicyFacts, type TenantTarget } from '../model/rls.js';
import { getSchema } from '../model/schema.js';
import type { LinkedPolicy, PolicyModel, SchemaModel, TableModel } from '../model/table.js';
import { addExtraEntries, type NewExtraEntry } from '../fix/extra-config.js';
import { quote, quoteOf } from '../fix/format.js';
import { ensureImport } from '../fix/imports.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missingRls' | 'missingIsolation' | 'alwaysTrue' | 'openToRole';
export type Options = [{ adminRole?: string; wrapInSelect?: boolean }];

const ISOLATION_POLICY = 'tenant_isolation';
const ADMIN_POLICY = 'admin_override';

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A column name as SQL: bare when Postgres would not fold it, else double-quoted. */
/** Builders by the cast that turns `current_setting(...)` (text) into their Postgres type; text needs none. */
const SETTING_CASTS: Readonly<Record<string, string>> = {
  uuid: '::uuid',
  integer: '::integer',
  serial: '::integer',
  smallint: '::smallint',
  smallserial: '::smallint',
  bigint: '::bigint',
  bigserial: '::bigint',
  text: '',
  varchar: '',
  char: '',
};

/**
 * The cast a policy condition needs to compare a column of this builder with a setting, or null when the
 * type is not one the fix knows (then it writes nothing: `integer = uuid` fails the migration).
 */
function settingCast(builder: string | null): string | null {
  return builder !== null && Object.hasOwn(SETTING_CASTS, builder) ? SETTING_CASTS[builder]! : null;
}

function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/u.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

const ACCESS: Record<Command, string> = { select: 'read', insert: 'insert', update: 'update', delete: 'delete' };

function policyLabel(policy: PolicyModel): string {
  return policy.name ?? `${policy.kind}(…)`;
}

/** The commands that no policy isolates (nor may isolate, where the plugin cannot read it), linked ones from other files included. */
function missingCommands(facts: readonly PolicyFacts[], linked: readonly LinkedPolicy[] | null): readonly Command[] {
  let missing: Command[] | null = null;
  for (let c = 0; c < COMMANDS.length; c++) {
    const command = COMMANDS[c]!;
    let covered = false;
    for (let f = 0; f < facts.length && !covered; f++) covered = facts[f]!.isolates.has(command) || facts[f]!.unknown.has(command);
    for (let l = 0; linked && l < linked.length && !covered; l++) covered = linked[l]!.isolates.includes(command) || linked[l]!.unknown.includes(command);
    if (!covered) (missing ??= []).push(command);
  }
  return missing ?? NO_COMMANDS;
}

const NO_COMMANDS: readonly Command[] = Object.freeze([]);

export default createRule<Options, MessageIds>({
  name: 'require-rls',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require row-level security with a tenant-isolation policy on every table',
      recommended: 'recommended',
    },
    fixable: 'code',
    schema: [
      {
        type: 'object',
        properties: {
          adminRole: {
            type: 'string',
            minLength: 1,
            description: "A Postgres role that may read and change every tenant's rows; the fix also adds an `admin_override` policy for it.",
          },
          wrapInSelect: {
            type: 'boolean',
            description:
              "Write the fix's condition as `tenant_id = (select current_setting(...)::uuid)`, which Postgres evaluates once per query instead of once per row.",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missingRls:
        'Table "{{table}}" does not enable row-level security, so every tenant can read and change every row; add a policy whose condition compares "{{column}}" with current_setting(\'{{setting}}\').',
      missingIsolation:
        'Table "{{table}}" has no permissive policy that limits {{commands}} to the current tenant; add one whose condition compares "{{column}}" with current_setting(\'{{setting}}\').',
      alwaysTrue:
        'Policy "{{policy}}" on table "{{table}}" applies to every role and its `{{option}}` is always true, so any tenant can {{access}} rows of every tenant; compare "{{column}}" with current_setting(\'{{setting}}\') or restrict the policy to a role.',
      openToRole:
        'Policy "{{policy}}" on table "{{table}}" lets {{role}} {{access}} rows of every tenant: its `{{option}}` is always true, and Postgres ORs permissive policies, so no tenant policy can limit that role; compare "{{column}}" with current_setting(\'{{setting}}\'), or name {{role}} in the `adminRole` option if it is the admin role.',
    },
    defaultOptions: [{ wrapInSelect: false }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;

    /** The fix: a permissive tenant-isolation policy (and the admin override) in the table's extra config. */
    function addPolicies(schema: SchemaModel, table: TableModel, target: TenantTarget) {
      // The condition names the tenant column: only where it is known to exist (a table whose tenant
      // column require-tenant-id is about to insert gets its policy on the next pass). Not beside a
      // policy another file links to the table: where the isolation belongs is for a human to say.
      // The setting is text: it is cast to the column's type, which must be seen (a wrapper's implicit
      // column, an enum or a custom type leave it unknown, and so the fix out).
      const column = table.column(target.column);
      const cast = column ? settingCast(column.builder) : null;
      if (cast === null) return null;
      if (table.policies.some((p) => p.name === ISOLATION_POLICY) || (table.linkedPolicies !== null && table.linkedPolicies.length > 0)) return null;
      const setting = `current_setting('${target.setting}')${cast}`;
      const condition = `${sqlIdentifier(target.column)} = ${options.wrapInSelect === true ? `(select ${setting})` : setting}`;
      return (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] | null => {
        const policyFn = ensureImport(fixer, sourceCode, schema, PG_CORE, 'pgPolicy');
        const sqlTag = ensureImport(fixer, sourceCode, schema, DRIZZLE_ORM, 'sql');
        if (!policyFn || !sqlTag) return null;
        const q = quoteOf(table, sourceCode);
        const policy = (name: string, to: string | null, using: string): string =>
          `${policyFn.ref}(${quote(name, q)}, { as: ${quote('permissive', q)}, for: ${quote('all', q)}, ${to === null ? '' : `to: ${quote(to, q)}, `}using: ${sqlTag.ref}\`${using}\` })`;
        const entries: NewExtraEntry[] = [
          { objectKey: 'tenantIsolation', identity: { kind: 'policy', name: ISOLATION_POLICY, columns: [] }, entry: () => policy(ISOLATION_POLICY, null, condition) },
        ];
        if (options.adminRole !== undefined && !table.policies.some((p) => p.name === ADMIN_POLICY)) {
          const role = options.adminRole;
          entries.push({ objectKey: 'adminOverride', identity: { kind: 'policy', name: ADMIN_POLICY, columns: [] }, entry: () => policy(ADMIN_POLICY, role, 'true') });
        }
        const edits = addExtraEntries(fixer, sourceCode, schema, table, entries);
        if (!edits) return null;
        return [...(policyFn.fix ? [policyFn.fix] : []), ...(sqlTag.fix ? [sqlTag.fix] : []), ...edits];
      };
    }

    function reportAlwaysTrue(table: TableModel, target: TenantTarget, facts: PolicyFacts): void {
      const opened = facts.alwaysTrue;
      if (!opened) return;
      const { policy } = facts;
      context.report({
        node: policy.nameNode ?? policy.call.callee,
        messageId: 'alwaysTrue',
        data: {
          policy: policyLabel(policy),
          table: tableLabel(table),
          option: opened.option,
          access: listText(opened.commands.map((c) => ACCESS[c])),
          column: target.column,
          setting: target.setting,
        },
      });
    }

    /**
     * An always-true permissive policy for a named role other than the admin role: that role sees every
     * tenant whatever tenant policy is added beside it (permissive policies are OR-ed).
     */
    function reportOpenToRole(table: TableModel, target: TenantTarget, facts: PolicyFacts): void {
      const { policy } = facts;
      if (facts.alwaysTrue || facts.opens.length === 0) return; // for everyone: reported as alwaysTrue
      const roleNode = policy.option(policy.kind === 'crudPolicy' ? 'role' : 'to');
      const role = roleNode ? (staticString(roleNode) ?? sourceCode.getText(roleNode)) : null;
      if (role === null || (options.adminRole !== undefined && role === options.adminRole)) return;
      const opened = facts.opens[0]!;
      context.report({
        node: policy.nameNode ?? policy.call.callee,
        messageId: 'openToRole',
        data: {
          policy: policyLabel(policy),
          table: tableLabel(table),
          role,
          option: opened.option,
          access: listText(opened.commands.map((c) => ACCESS[c])),
          column: target.column,
          setting: target.setting,
        },
      });
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const { tenantColumn, tenantSetting } = schema.settings;
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          // A root table (tenants) is isolated by its own id.
          const target: TenantTarget = { table, column: table.isRoot ? 'id' : tenantColumn, setting: tenantSetting };
          const linked = table.linkedPolicies;
          if (!table.rlsEnabled && table.policies.length === 0 && !(linked !== null && linked.length > 0)) {
            if (!table.policiesUnknown) {
              const data = { table: tableLabel(table), column: target.column, setting: target.setting };
              context.report({ node: tableReportNode(table), messageId: 'missingRls', data, fix: addPolicies(schema, table, target) });
            }
            continue;
          }
          const policies = table.policies;
          const facts = new Array<PolicyFacts>(policies.length);
          for (let p = 0; p < policies.length; p++) facts[p] = analyzePolicy(sourceCode, target, policies[p]!, schema.project);
          if (!table.isRoot) {
            for (let f = 0; f < facts.length; f++) {
              reportAlwaysTrue(table, target, facts[f]!);
              reportOpenToRole(table, target, facts[f]!);
            }
          }
          if (table.policiesUnknown) continue;
          const missing = missingCommands(facts, linked);
          if (missing.length === 0) continue;
          context.report({
            node: tableReportNode(table),
            messageId: 'missingIsolation',
            data: { table: tableLabel(table), column: target.column, setting: target.setting, commands: listText(missing) },
            fix: addPolicies(schema, table, target),
          });
        }
      },
    };
  },
});
