import { toCamelCase as drizzleCamelCase, toSnakeCase as drizzleSnakeCase } from 'drizzle-orm/casing';
import { describe, expect, it } from 'vitest';
import { dbNameFromKey } from '../../src/model/columns.js';
import { drizzleCase, isCamelCase, isSnakeCase, splitWords, toCamelCase, toSnakeCase } from '../../src/model/names.js';

describe('toSnakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['userID', 'user_id'],
    ['HTTPStatus', 'http_status'],
    ['address2', 'address2'],
    ['oauth2Token', 'oauth2_token'],
    ['userIDs', 'user_ids'],
    ['URLs', 'urls'],
    ['myURLParser', 'my_url_parser'],
    ['S3Bucket', 's3_bucket'],
    ['ipv4Address', 'ipv4_address'],
    ['isHTTPS', 'is_https'],
    ['HTTPSettings', 'http_settings'],
    ['PascalCase', 'pascal_case'],
    ['SCREAMING_CASE', 'screaming_case'],
    ['kebab-case', 'kebab_case'],
    ['User Accounts', 'user_accounts'],
    ['already_snake', 'already_snake'],
    ['tenant_id2', 'tenant_id2'],
    ['userId_old', 'user_id_old'],
    ['id', 'id'],
    ['ID', 'id'],
  ])('%s -> %s', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
    expect(isSnakeCase(toSnakeCase(input))).toBe(true);
  });

  it('is idempotent on snake_case names', () => {
    for (const name of ['created_at', 'oauth2_token', 'address2', 'a_1', 'x']) expect(toSnakeCase(name)).toBe(name);
  });

  it('cannot make names with non-ASCII letters or a leading digit snake_case', () => {
    expect(isSnakeCase(toSnakeCase('café'))).toBe(false);
    expect(isSnakeCase(toSnakeCase('2fa'))).toBe(false);
  });
});

describe('splitWords / toCamelCase', () => {
  it('splits at case changes, keeps digits with the word they follow and plural acronyms whole', () => {
    expect(splitWords('oauth2Token')).toEqual(['oauth2', 'Token']);
    expect(splitWords('HTTPStatus')).toEqual(['HTTP', 'Status']);
    expect(splitWords('userIDsByName')).toEqual(['user', 'IDs', 'By', 'Name']);
    expect(splitWords('billing_email')).toEqual(['billing', 'email']);
  });

  it('writes camelCase from any casing', () => {
    expect(toCamelCase('billing_email_address')).toBe('billingEmailAddress');
    expect(toCamelCase('is_email_verified')).toBe('isEmailVerified');
    expect(toCamelCase('oauth2_token')).toBe('oauth2Token');
    expect(toCamelCase('HTTPStatus')).toBe('httpStatus');
  });
});

describe('isSnakeCase / isCamelCase', () => {
  it('accepts only lower-case words joined by single underscores', () => {
    expect(['created_at', 'address2', 'oauth2_token', 'a_1'].every(isSnakeCase)).toBe(true);
    expect(['createdAt', 'Created_at', '_id', 'id_', 'a__b', '2fa', 'user-id', ''].some(isSnakeCase)).toBe(false);
  });

  it('camelCase starts lower-case and has letters and digits only', () => {
    expect(['createdAt', 'userID', 'oauth2Token', 'id'].every(isCamelCase)).toBe(true);
    expect(['CreatedAt', 'created_at', '$id'].some(isCamelCase)).toBe(false);
  });
});

describe('drizzleCase: the database name Drizzle derives under a casing option', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['userID', 'user_id'],
    ['HTTPStatus', 'http_status'],
    ['address2', 'address2'],
    ['oauth2Token', 'oauth2_token'],
    // Drizzle splits a digit after a capital, and the plural of an acronym: the model must agree with it.
    ['S3Bucket', 's_3_bucket'],
    ['userIDs', 'user_i_ds'],
    ['created_at', 'created_at'],
  ])('snake_case: %s -> %s', (key, expected) => {
    expect(drizzleCase(key, 'snake_case')).toBe(expected);
    expect(dbNameFromKey(key, 'snake_case')).toBe(expected);
  });

  it('agrees with drizzle-orm itself', () => {
    const keys = ['createdAt', 'userID', 'userIDs', 'HTTPStatus', 'HTTP2Client', 'S3Bucket', 'oauth2Token', 'address2', 'a1B2', 'user_ID', "owner's", 'ipv4Address', 'x'];
    for (const key of keys) {
      expect(drizzleCase(key, 'snake_case')).toBe(drizzleSnakeCase(key));
      expect(drizzleCase(key, 'camelCase')).toBe(drizzleCamelCase(key));
    }
  });

  it('camelCase and preserve', () => {
    expect(dbNameFromKey('created_at', 'camelCase')).toBe('createdAt');
    expect(dbNameFromKey('user_ID', 'camelCase')).toBe('userID');
    expect(dbNameFromKey('createdAt', 'preserve')).toBe('createdAt');
  });
});
