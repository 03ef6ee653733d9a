import { describe, expect, it } from 'vitest';
import { catalogueFunctions, compareKeyTrees, fillMissing } from './key-tree.js';

describe('compareKeyTrees', () => {
  const reference = {
    a: 'x',
    nested: { b: 'y', f: (n: number) => `${n}` },
    list: ['p', 'q'],
    sections: [{ heading: 'h', paragraphs: ['p'] }],
  };

  it('accepts the same shape with other texts', () => {
    const candidate = {
      a: 'X',
      nested: { b: 'Y', f: (k: number) => `#${k}` },
      list: ['P', 'Q'],
      sections: [{ heading: 'H', paragraphs: ['P'] }],
    };
    expect(compareKeyTrees(reference, candidate)).toEqual([]);
  });

  it('reports missing and extra keys with their paths', () => {
    const candidate = {
      a: 'X',
      nested: { f: (n: number) => `${n}`, extra: 'z' },
      list: ['P', 'Q'],
      sections: [{ heading: 'H', paragraphs: ['P'] }],
    };
    expect(compareKeyTrees(reference, candidate)).toEqual([
      'nested.b: missing',
      'nested.extra: not in the German catalogue',
    ]);
  });

  it('reports other kinds, arities and list lengths', () => {
    const candidate = {
      a: () => 'X',
      nested: { b: 'Y', f: () => 'n' },
      list: ['P'],
      sections: [{ heading: 'H', paragraphs: 'P' }],
    };
    expect(compareKeyTrees(reference, candidate)).toEqual([
      'a: expected string, found function',
      'nested.f: expected 1 parameter(s), found 0',
      'list: expected 2 entries, found 1',
      'sections[0].paragraphs: expected array, found string',
    ]);
  });
});

describe('catalogueFunctions', () => {
  it('lists every function with its path', () => {
    const tree = { a: 'x', b: { c: (n: number) => `${n}` }, d: [{ e: () => 'e' }] };
    expect(catalogueFunctions(tree).map((entry) => entry.path)).toEqual(['b.c', 'd.0.e']);
  });
});

describe('fillMissing', () => {
  it('takes the keys a catalogue lacks from the reference, deeply', () => {
    const reference = { a: 'A', nested: { b: 'B', c: 'C' }, list: ['x'], fn: () => 'f' };
    const filled = fillMissing(reference, { a: 'a', nested: { b: 'b' }, list: ['y', 'z'] });
    expect(filled).toEqual({
      a: 'a',
      nested: { b: 'b', c: 'C' },
      list: ['y', 'z'],
      fn: reference.fn,
    });
  });
});
