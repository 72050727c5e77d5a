/**
 * Name lists in rule options: each entry is an exact name (`"users"`) or a regular expression written as
 * `"/^audit_/u"` (slashes and flags, like eslint-plugin-regexp and perfectionist options).
 */
export type NameMatcher = (...names: (string | null)[]) => boolean;

const REGEXP_ENTRY = /^\/(.+)\/([dgimsuvy]*)$/su;

/** JSON schema of a name-pattern list, with a description. */
export function namePatternsSchema(description: string) {
  return {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
    description,
  } as const;
}

/** Builds a matcher: true when any of the given names (nulls are skipped) matches an entry. */
export function compileNamePatterns(entries: readonly string[], option: string): NameMatcher {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of entries) {
    const match = REGEXP_ENTRY.exec(entry);
    if (!match) {
      exact.add(entry);
      continue;
    }
    try {
      // The global and sticky flags make test() stateful; a name pattern has no use for them.
      patterns.push(new RegExp(match[1]!, match[2]!.replace(/[gy]/gu, '')));
    } catch (error) {
      throw new Error(`Option "${option}": ${JSON.stringify(entry)} is not a valid regular expression (${(error as Error).message}).`, { cause: error });
    }
  }
  if (exact.size === 0 && patterns.length === 0) return () => false;
  return (...names) => {
    for (const name of names) {
      if (name === null) continue;
      if (exact.has(name)) return true;
      for (const pattern of patterns) if (pattern.test(name)) return true;
    }
    return false;
  };
}
