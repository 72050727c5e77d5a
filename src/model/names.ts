/**
 * Identifier case conversion. Drizzle's own `casing: "snake_case"` turns `userId` into `user_id`; we
 * follow it for simple names and also keep acronyms and digits readable:
 *   userID -> user_id, HTTPStatus -> http_status, address2 -> address2, oauth2Token -> oauth2_token.
 */
export function toSnakeCase(name: string): string {
  return splitWords(name)
    .map((word) => word.toLowerCase())
    .join('_');
}

export function toCamelCase(name: string): string {
  const words = splitWords(name).map((word) => word.toLowerCase());
  return words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/** snake_case: lower-case letters and digits in words joined by single underscores. */
export function isSnakeCase(name: string): boolean {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/u.test(name);
}

/**
 * Splits an identifier into words: at underscores, hyphens, spaces and dots, before an upper-case letter
 * that follows a lower-case letter or a digit, and before the last capital of an acronym that starts a
 * new word (`HTTPStatus` -> HTTP, Status). Digits stay with the word they follow (`address2`,
 * `oauth2Token` -> oauth2, Token).
 */
export function splitWords(name: string): string[] {
  const spaced = name
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  return spaced.split(/[\s_\-.]+/u).filter((word) => word.length > 0);
}
