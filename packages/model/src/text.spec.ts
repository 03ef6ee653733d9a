import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff } from './text.js';

function text(initial: string) {
  const doc = new Y.Doc();
  const ytext = doc.getText('t');
  ytext.insert(0, initial);
  const deltas: unknown[] = [];
  ytext.observe((event) => deltas.push(event.delta));
  return { doc, ytext, deltas };
}

describe('applyTextDiff', () => {
  it.each([
    ['', 'Hallo'],
    ['Hallo', ''],
    ['Maßnahme', 'Maßnahmen'],
    ['Ziel bis 2028', 'Ziel bis 2029'],
    ['abc', 'xbz'],
    ['مرحبا', 'مرحبا بكم'],
    ['Wohnen 🏠 und Arbeit', 'Wohnen 🏡 und Arbeit'],
    ['👩‍👩‍👧', '👩‍👩‍👦'],
  ])('turns %j into %j', (from, to) => {
    const { ytext } = text(from);
    applyTextDiff(ytext, to);
    expect(ytext.toString()).toBe(to);
  });

  it('changes only the span that differs, in one transaction', () => {
    const { ytext, deltas } = text('Sprachkurse mit Kinderbetreuung');
    applyTextDiff(ytext, 'Sprachkurse mit paralleler Kinderbetreuung');
    expect(deltas).toEqual([[{ retain: 16 }, { insert: 'paralleler ' }]]);
  });

  it('does nothing when the text is unchanged', () => {
    const { ytext, deltas } = text('gleich');
    applyTextDiff(ytext, 'gleich');
    expect(deltas).toEqual([]);
  });

  it('never splits a surrogate pair', () => {
    const { ytext, deltas } = text('a😀b');
    applyTextDiff(ytext, 'a😃b');
    // 😀 and 😃 share their high surrogate; the diff must replace the whole character.
    expect(deltas).toEqual([[{ retain: 1 }, { delete: 2 }, { insert: '😃' }]]);
  });
});
