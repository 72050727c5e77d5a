/** The column that marks a row as deleted (the standard's soft-delete column): NULL while the row lives. */
export const SOFT_DELETE_COLUMN = 'deleted_at';
