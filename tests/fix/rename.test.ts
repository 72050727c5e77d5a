import { describe, expect, it } from 'vitest';
import { mergeOverlapping, type TextEdit } from '../../src/fix/rename.js';

const edit = (start: number, end: number, text = 'x'): TextEdit => ({ range: [start, end], text });

describe('mergeOverlapping', () => {
  it('gives the first report of each overlapping group the edits of the whole group, sorted', () => {
    const a = [edit(10, 12), edit(90, 95)]; // a key and a reference at the end of the file
    const b = [edit(20, 22), edit(100, 105)];
    const c = [edit(200, 201)]; // apart from the others
    const merged = mergeOverlapping([b, a, c, null]);
    expect(merged[1]).toEqual([edit(10, 12), edit(20, 22), edit(90, 95), edit(100, 105)]);
    expect(merged[0]).toEqual(b); // the others keep their own edits
    expect(merged[2]).toEqual(c);
    expect(merged[3]).toBeNull();
  });

  it('merges ranges that only touch: ESLint would not apply both in one pass', () => {
    const merged = mergeOverlapping([[edit(0, 5)], [edit(5, 8)]]);
    expect(merged[0]).toEqual([edit(0, 5), edit(5, 8)]);
  });

  it('leaves a group alone when its edits conflict, and drops exact duplicates', () => {
    expect(mergeOverlapping([[edit(0, 5, 'a'), edit(10, 20)], [edit(3, 6, 'b')]])).toEqual([[edit(0, 5, 'a'), edit(10, 20)], [edit(3, 6, 'b')]]);
    expect(mergeOverlapping([[edit(0, 5), edit(8, 9)], [edit(0, 5), edit(7, 8)]])[1]).toEqual([edit(0, 5), edit(7, 8), edit(8, 9)]);
  });
});
