/**
 * require-rls on Alembic migrations: every table `op.create_table` makes (one with the tenant column, or
 * a root table, isolated by its `id`) has row-level security enabled and a permissive policy that limits
 * every command to the current tenant once the history has run: in the same migration after the
 * `create_table`, or in a later one of the revision chain. Reported at the table name of the
 * `create_table`; the fix writes the `op.execute(...)` statements after it and their reverse before the
 * table's `op.drop_table` in `downgrade()`.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { ADMIN_POLICY, classifySql, COMMANDS, CommandSet, ISOLATION_POLICY, recordConditions, settingCast, sqlIdentifier, type Command, type ConditionKind, type SqlTenantTarget } from '../../model/rls.js';
import { readSettings } from '../../settings.js';
import {
  descendants,
  historyOf,
  pyString,
  readMigration,
  sameTable,
  securityAfter,
  sqlTable,
  type Condition,
  type Migration,
  type MigrationOp,
  type MigrationStep,
  type TableRef,
} from '../alembic.js';
import { eol, lineEnd, lineStart, statementIndent } from '../fix.js';
import { at, type PyRule } from './context.js';

type MessageIds = 'missingRls' | 'missingIsolation' | 'alwaysTrue' | 'openToRole' | 'addPolicies';
type Options = [{ adminRole?: string; wrapInSelect?: boolean }];

function classify(condition: Condition, target: SqlTenantTarget): ConditionKind {
  if (condition === undefined) return 'absent';
  if (condition === null) return 'unknown';
  return classifySql(condition, target);
}

/** The commands no policy isolates (nor may isolate, where a condition cannot be read). */
function missingCommands(policies: readonly Extract<MigrationOp, { kind: 'createPolicy' }>[], target: SqlTenantTarget): Command[] {
  const facts = { isolates: new CommandSet(), unknown: new CommandSet() };
  for (const policy of policies) {
    if (!policy.permissive) continue; // restrictive policies only narrow what permissive ones grant
    recordConditions(facts, policy.commands, classify(policy.using, target), classify(policy.withCheck, target), true);
  }
  return COMMANDS.filter((c) => !facts.isolates.has(c) && !facts.unknown.has(c));
}

const ACCESS: Readonly<Record<Command, string>> = { select: 'read', insert: 'insert', update: 'update', delete: 'delete' };

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function tableLabel(table: TableRef): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

export const requireRlsPython: PyRule<MessageIds, Options> = (context, sourceCode, [options]) => {
  const settings = readSettings(context.settings);

  /**
   * A permissive policy of this migration whose USING or WITH CHECK is always true lets every tenant (or
   * the roles it names) past any tenant policy, as long as no later step drops it. Root tables are
   * isolated by their id and may be open by design.
   */
  function reportOpenPolicies(step: MigrationStep, following: readonly MigrationOp[]): void {
    for (const op of step.ops) {
      if (op.kind !== 'createPolicy' || !op.permissive || settings.rootTables.includes(op.table.name)) continue;
      const column = settings.tenantColumn;
      const target: SqlTenantTarget = { table: { name: op.table.name }, column, setting: settings.tenantSetting };
      const opened: { option: string; commands: Command[] }[] = [];
      if (classify(op.using, target) === 'true') opened.push({ option: 'USING', commands: op.commands.filter((c) => c !== 'insert') });
      if (classify(op.withCheck, target) === 'true') opened.push({ option: 'WITH CHECK', commands: op.commands.filter((c) => c === 'insert' || c === 'update') });
      const open = opened.find((o) => o.commands.length > 0);
      if (!open) continue;
      const after = securityAfter(op.table, [op, ...following]);
      if (after.state !== 'known' || !after.policies.includes(op)) continue; // dropped later, or cannot tell
      const data = {
        policy: op.name,
        table: tableLabel(op.table),
        option: open.option,
        access: listText(open.commands.map((c) => ACCESS[c])),
        column,
        setting: settings.tenantSetting,
      };
      if (op.roles.includes('public')) context.report({ ...at(step.statement), messageId: 'alwaysTrue', data });
      else {
        const role = op.roles.find((r) => r !== options.adminRole);
        if (role !== undefined) context.report({ ...at(step.statement), messageId: 'openToRole', data: { ...data, role } });
      }
    }
  }

  return {
    'Script:exit'() {
      const migration = readMigration(sourceCode.ast);
      const upgrade = migration?.upgrade;
      if (!migration || !upgrade || migration.revision === null || migration.opRef === null) return;
      const creates = upgrade.steps.filter((s) => s.ops[0]?.kind === 'createTable');
      const policies = upgrade.steps.filter((s) => s.ops.some((op) => op.kind === 'createPolicy'));
      if (creates.length === 0 && policies.length === 0) return;
      const file = context.physicalFilename;
      // Without the file's place on disk, later migrations cannot be seen.
      if (!file || !/\.py$/u.test(file)) return;
      const history = historyOf(file, migration, settings, context.cwd);
      if (!history.complete) return;
      const later = descendants(history, migration.revision).flatMap((m) => m.upgrade);
      const allOps = [...history.byRevision.values()].flatMap((m) => m.upgrade);
      for (const step of policies) reportOpenPolicies(step, [...upgrade.steps.slice(upgrade.steps.indexOf(step) + 1).flatMap((s) => s.ops), ...later]);
      for (const step of creates) {
        const create = step.ops[0] as Extract<MigrationOp, { kind: 'createTable' }>;
        const table = create.table;
        const isRoot = settings.rootTables.includes(table.name);
        const column = isRoot ? 'id' : settings.tenantColumn;
        const columnData = create.columns?.find((c) => c.name === column);
        // Only tenant-scoped tables (and roots, isolated by their id); columns that cannot be read: silent.
        if (!columnData) continue;
        const after = upgrade.steps.slice(upgrade.steps.indexOf(step) + 1).flatMap((s) => s.ops);
        const security = securityAfter(table, [...after, ...later]);
        if (security.state !== 'known') continue;
        const target: SqlTenantTarget = { table: { name: table.name }, column, setting: settings.tenantSetting };
        const missing = missingCommands(security.policies, target);
        const data = { table: tableLabel(table), column, setting: settings.tenantSetting };
        const fix = () => {
          const cast = settingCast(columnData.builder);
          // A policy of the name the fix writes already exists somewhere in the history: a human decides.
          const taken = allOps.some((op) => op.kind === 'createPolicy' && sameTable(op.table, table) && (op.name === ISOLATION_POLICY || op.name === ADMIN_POLICY));
          if (cast === null || taken) return null;
          return writePolicies(sourceCode.text, migration, step, table, column, cast, settings.tenantSetting, !security.rlsEnabled, missing.length > 0, options);
        };
        if (security.rlsEnabled && missing.length === 0) continue;
        // A later step drops or changes the tenant column: a policy on it would make that step fail, so a
        // human decides where the policy goes (a suggestion).
        const altered = [...after, ...later].some(
          (op) => op.kind === 'other' && op.alters !== undefined && sameTable(op.alters.table, table) && (op.alters.column === null || op.alters.column === column),
        );
        const write = fix();
        const report = !security.rlsEnabled
          ? ({ messageId: 'missingRls', data } as const)
          : ({ messageId: 'missingIsolation', data: { ...data, commands: listText(missing) } } as const);
        context.report({
          ...at(step.tableNode!),
          ...report,
          ...(altered ? { suggest: write ? [{ messageId: 'addPolicies' as const, data: { table: data.table }, fix: write }] : [] } : { fix: write }),
        });
      }
    },
  };
};

/**
 * Writes `op.execute(...)` lines after the `create_table` in `upgrade()` (ENABLE ROW LEVEL SECURITY when
 * it is not enabled, the tenant-isolation policy, the admin policy when `adminRole` names one) and their
 * reverse before the table's `op.drop_table` in `downgrade()`, when it has one.
 */
function writePolicies(
  text: string,
  migration: Migration,
  step: MigrationStep,
  table: TableRef,
  column: string,
  cast: string,
  setting: string,
  enable: boolean,
  isolate: boolean,
  options: Options[0],
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | null) | null {
  const op = migration.opRef!;
  const indent = statementIndent(text, step.statement.range[0]);
  if (indent === null) return null;
  const t = sqlTable(table);
  const value = `current_setting('${setting}')${cast}`;
  const condition = `${sqlIdentifier(column)} = ${options.wrapInSelect === true ? `(select ${value})` : value}`;
  const up: string[] = [];
  const down: string[] = [];
  if (enable) {
    up.push(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
    down.unshift(`ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`);
  }
  if (isolate) {
    up.push(`CREATE POLICY ${ISOLATION_POLICY} ON ${t} FOR ALL USING (${condition})`);
    down.unshift(`DROP POLICY ${ISOLATION_POLICY} ON ${t}`);
    if (options.adminRole !== undefined) {
      up.push(`CREATE POLICY ${ADMIN_POLICY} ON ${t} FOR ALL TO ${sqlIdentifier(options.adminRole)} USING (true)`);
      down.unshift(`DROP POLICY ${ADMIN_POLICY} ON ${t}`);
    }
  }
  if (up.length === 0) return null;
  const nl = eol(text);
  const drop = migration.downgrade?.steps.find((s) => s.ops.length === 1 && s.ops[0]!.kind === 'dropTable' && sameTable(s.ops[0]!.table, table));
  const downIndent = drop ? statementIndent(text, drop.statement.range[0]) : null;
  // After the create_table, and after the statements right after it that already secure the table.
  const steps = migration.upgrade!.steps;
  let anchor = step;
  for (let i = steps.indexOf(step) + 1; i < steps.length; i++) {
    const next = steps[i]!;
    if (!next.ops.every((o) => (o.kind === 'rls' || o.kind === 'createPolicy') && sameTable(o.table, table))) break;
    anchor = next;
  }
  return (fixer) => {
    const end = lineEnd(text, anchor.statement.range[1]);
    const fixes = [fixer.insertTextAfterRange([end, end], up.map((sql) => `${nl}${indent}${op}.execute(${pyString(sql)})`).join(''))];
    if (drop && downIndent !== null) {
      const start = lineStart(text, drop.statement.range[0]);
      fixes.push(fixer.insertTextBeforeRange([start, start], down.map((sql) => `${downIndent}${op}.execute(${pyString(sql)})${nl}`).join('')));
    }
    return fixes;
  };
}
