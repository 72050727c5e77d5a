import { describe, expect, it } from 'vitest';
import { hasModifier } from '../../src/model/describe.js';
import { analyze } from '../support/analyze.js';

const SCHEMA = `import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().$type<'a' | 'b'>().unique('users_name_key'),
  note: text('note').customThing().notNull(),
  seen_at: timestamp('seen_at'),
});
`;

describe('a column chain kept as a mask of its modifiers', () => {
  const [users] = analyze(SCHEMA).tables;
  const column = (key: string) => users!.columns.find((c) => c.key === key)!;

  it('answers hasModifier for the common modifiers, and for names it keeps no bit for', () => {
    expect(hasModifier(column('id'), 'primaryKey')).toBe(true);
    expect(hasModifier(column('id'), 'notNull', 'unique')).toBe(false);
    expect(hasModifier(column('name'), 'defaultNow', 'unique')).toBe(true);
    // `customThing` has no bit: the answer comes from the chain's links.
    expect(hasModifier(column('note'), 'customThing')).toBe(true);
    expect(hasModifier(column('name'), 'customThing')).toBe(false);
    expect(hasModifier(column('seen_at'), 'notNull', 'primaryKey', 'default', 'defaultNow', '$onUpdate')).toBe(false);
  });

  it('lists the links innermost first, with their calls, and the same objects at every ask', () => {
    const name = column('name');
    expect(name.modifiers.map((m) => m.name)).toEqual(['notNull', '$type', 'unique']);
    expect(name.modifiers[2]!.call.arguments).toHaveLength(1);
    expect(name.modifiers[2]!.property.name).toBe('unique');
    expect(column('name').modifiers[0]).toBe(name.modifiers[0]);
    expect(column('seen_at').modifiers).toEqual([]);
  });
});
