import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Casing } from '../settings.js';
import { dbNameFromKey } from './columns.js';

/**
 * What type information (typed linting: `parserOptions.projectService` or `project`) tells about
 * Drizzle values. Used where the schema model cannot see: tables imported from another module, the
 * receiver of a `.delete()` call. Every answer can be "unknown" (`null`): callers then fall back to what
 * the file shows, or stay silent. Nothing here imports `typescript` at run time: the checker comes from
 * the parser.
 */
export interface TypeInfo {
  checker: ts.TypeChecker;
  services: ParserServicesWithTypeInformation;
}

/** The type information of the file, or null when the user has not enabled typed linting. */
export function getTypeInfo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeInfo | null {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
  return { checker: services.program.getTypeChecker(), services: services as ParserServicesWithTypeInformation };
}

const DRIZZLE_PATH = /[\\/]drizzle-orm[\\/]/u;

function declaredInDrizzle(symbol: ts.Symbol | undefined): boolean {
  const declarations = symbol?.declarations ?? [];
  return declarations.length > 0 && declarations.every((d) => DRIZZLE_PATH.test(d.getSourceFile().fileName));
}

/**
 * Whether a method call is Drizzle's: true when the called signature is declared in drizzle-orm
 * (`PgDatabase.delete`, inherited by transactions and every driver's database), false when it is declared
 * elsewhere (`Map.prototype.delete`, an HTTP client), null when the checker cannot tell (an `any`).
 */
export function isDrizzleMethodCall(info: TypeInfo, call: TSESTree.CallExpression): boolean | null {
  const tsNode = info.services.esTreeNodeToTSNodeMap.get(call) as ts.CallExpression;
  const signature = info.checker.getResolvedSignature(tsNode);
  const declaration = signature?.getDeclaration() as ts.Declaration | undefined;
  if (!declaration) return null;
  return DRIZZLE_PATH.test(declaration.getSourceFile().fileName);
}

/** A Drizzle table as its type describes it. */
export interface TypedTable {
  /** The table's database name, when the type carries it as a literal. */
  name: string | null;
  /** Column property key -> database name (null when the type does not carry a literal name). */
  columns: Map<string, string | null>;
  /** Finds a column's property key by its database name. */
  keyOf(dbName: string): string | undefined;
}

function propertyType(info: TypeInfo, type: ts.Type, name: string, at: ts.Node): ts.Type | null {
  const symbol = info.checker.getPropertyOfType(type, name);
  return symbol ? info.checker.getTypeOfSymbolAtLocation(symbol, at) : null;
}

function literal(type: ts.Type | null): string | null {
  return type?.isStringLiteral() ? type.value : null;
}

/**
 * Reads the table an expression evaluates to from its type: `typeof users` is a
 * `PgTableWithColumns<{ name: "users"; columns: { deletedAt: PgColumn<{ name: "deleted_at" }> } }>`.
 * Returns null when the expression is not (known to be) one Drizzle table: an `any`, a union, a generic
 * `PgTable` whose columns are a record type.
 *
 * A name-less builder (`timestamp()`) carries its key as its name in the type; under the `snake_case`
 * casing the database name is the key converted, as Drizzle does at run time.
 */
export function tableFromType(info: TypeInfo, node: TSESTree.Expression, casing: Casing): TypedTable | null {
  const tsNode = info.services.esTreeNodeToTSNodeMap.get(node);
  const type = info.checker.getTypeAtLocation(tsNode);
  if (type.isUnion()) return null;
  const metaSymbol = info.checker.getPropertyOfType(type, '_');
  if (!metaSymbol || !declaredInDrizzle(metaSymbol)) return null;
  const meta = info.checker.getTypeOfSymbolAtLocation(metaSymbol, tsNode);
  if (literal(propertyType(info, meta, 'brand', tsNode)) !== 'Table') return null;
  const columnsType = propertyType(info, meta, 'columns', tsNode);
  if (!columnsType || columnsType.getStringIndexType() || columnsType.isUnion()) return null;
  const columns = new Map<string, string | null>();
  for (const property of info.checker.getPropertiesOfType(columnsType)) {
    const columnType = info.checker.getTypeOfSymbolAtLocation(property, tsNode);
    const columnMeta = propertyType(info, columnType, '_', tsNode);
    const typeName = columnMeta ? literal(propertyType(info, columnMeta, 'name', tsNode)) : null;
    const key = property.getName();
    // Only a name equal to the key can be a name-less builder's; Drizzle's casing applies to those.
    columns.set(key, typeName === key && casing !== 'preserve' ? dbNameFromKey(key, casing) : typeName);
  }
  return {
    name: literal(propertyType(info, meta, 'name', tsNode)),
    columns,
    keyOf(dbName) {
      for (const [key, name] of columns) if (name === dbName) return key;
      return undefined;
    },
  };
}
