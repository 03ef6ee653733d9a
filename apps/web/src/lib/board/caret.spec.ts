import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffStrings, transformIndex, type TextDeltaOp } from './caret.js';

describe('transformIndex', () => {
  it('shifts the caret right by text inserted before it', () => {
    expect(transformIndex([{ retain: 2 }, { insert: 'abc' }], 5)).toBe(8);
  });

  it('leaves the caret alone for changes after it', () => {
    expect(transformIndex([{ retain: 7 }, { insert: 'x' }], 5)).toBe(5);
    expect(transformIndex([{ retain: 5 }, { delete: 3 }], 5)).toBe(5);
  });

  it('shifts the caret left by text deleted before it', () => {
    expect(transformIndex([{ retain: 1 }, { delete: 2 }], 5)).toBe(3);
  });

  it('moves a caret inside a deleted span to the start of the span', () => {
    expect(transformIndex([{ retain: 2 }, { delete: 6 }], 5)).toBe(2);
  });

  it('keeps the caret before an insert at the same place unless told otherwise', () => {
    expect(transformIndex([{ retain: 5 }, { insert: 'xy' }], 5)).toBe(5);
    expect(transformIndex([{ retain: 5 }, { insert: 'xy' }], 5, 'after')).toBe(7);
  });

  it('handles an insert at the very start (no retain)', () => {
    expect(transformIndex([{ insert: 'Hallo ' }], 3)).toBe(9);
  });

  it('matches what a real remote Y.Text change does to a local caret', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Arbeit und Ausbildung');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const caret = 'Arbeit und'.length; // local caret in doc a, after "und"
    let delta: TextDeltaOp[] = [];
    a.getText('t').observe((event) => {
      delta = event.delta as TextDeltaOp[];
    });
    b.getText('t').delete(0, 'Arbeit '.length);
    b.getText('t').insert(0, 'Sprache, ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const next = transformIndex(delta, caret);
    expect(a.getText('t').toString().slice(0, next)).toBe('Sprache, und');
  });
});

describe('diffStrings', () => {
  it('returns null for equal strings', () => {
    expect(diffStrings('abc', 'abc')).toBeNull();
  });

  it('finds a single insert, delete or replacement', () => {
    expect(diffStrings('Zil', 'Ziel')).toEqual({ index: 2, remove: 0, insert: 'e' });
    expect(diffStrings('Ziele', 'Ziel')).toEqual({ index: 4, remove: 1, insert: '' });
    expect(diffStrings('Ziel A', 'Ziel B')).toEqual({ index: 5, remove: 1, insert: 'B' });
  });

  it('never splits a surrogate pair', () => {
    const splice = diffStrings('a😀b', 'a😃b');
    expect(splice).toEqual({ index: 1, remove: 2, insert: '😃' });
  });
});
