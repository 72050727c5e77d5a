/**
 * What a table's indexes cover, for require-indexes on both stacks: the leading columns of each index,
 * and the columns indexed on their own.
 */
import { hasModifier } from './describe.js';
import type { ColumnFacts } from './table.js';

/** What the table's own indexes cover. */
export class Coverage<C extends Pick<ColumnFacts, 'modifiers'>> {
  /** The leading columns of each index. */
  private readonly lists: C[][] = [];

  /**
   * `selfIndexed`: whether a column is indexed on its own (Drizzle: `.primaryKey()`, `.unique()`;
   * SQLModel also `index=True`, and `primary_key=True` only on the one primary-key field).
   */
  constructor(
    private readonly tenant: C | undefined,
    private readonly selfIndexed: (column: C) => boolean = (column) => hasModifier(column, 'primaryKey', 'unique'),
  ) {}

  add(columns: C[]): void {
    this.lists.push(columns);
  }

  /**
   * One column: its own `.primaryKey()`/`.unique()`, the leading column of an index, or the second
   * column of an index that leads with the tenant column. Several: the leading columns of one index, in
   * any order (Postgres uses an index for equality on all of its leading columns, whatever their order).
   */
  covers(columns: readonly C[]): boolean {
    const first = columns[0];
    if (!first) return true;
    if (columns.length === 1) return this.coversColumn(first);
    const lists = this.lists;
    for (let i = 0; i < lists.length; i++) if (leadsWith(lists[i]!, columns)) return true;
    return false;
  }

  coversColumn(column: C): boolean {
    if (this.selfIndexed(column)) return true;
    const lists = this.lists;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i]!;
      if (list[0] === column || (this.tenant !== undefined && list[0] === this.tenant && list[1] === column)) return true;
    }
    return false;
  }
}

/** True when the first `columns.length` columns of `list` are `columns`, in any order. */
function leadsWith<C>(list: readonly C[], columns: readonly C[]): boolean {
  if (list.length < columns.length) return false;
  for (let i = 0; i < columns.length; i++) {
    const column = list[i]!;
    if (!columns.includes(column)) return false;
    // A column named twice in the index leads in place of another.
    for (let j = 0; j < i; j++) if (list[j] === column) return false;
  }
  return true;
}
