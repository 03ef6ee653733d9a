import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from './identity.js';
import {
  MAX_RECENT_BOARDS,
  RECENT_BOARDS_KEY,
  forgetBoard,
  readRecentBoards,
  rememberBoard,
} from './recent-boards.js';

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const board = (id: string) => ({ id, title: `Titel ${id}`, municipality: 'Musterstadt' });

describe('recent boards', () => {
  it('is empty at first', () => {
    expect(readRecentBoards(memoryStorage())).toEqual([]);
    expect(readRecentBoards(undefined)).toEqual([]);
  });

  it('keeps the most recently opened board first, once', () => {
    const storage = memoryStorage();
    rememberBoard(storage, board('a'), 1);
    rememberBoard(storage, board('b'), 2);
    rememberBoard(storage, { ...board('a'), title: 'Neu' }, 3);
    const list = readRecentBoards(storage);
    expect(list.map((b) => b.id)).toEqual(['a', 'b']);
    expect(list[0]).toEqual({ id: 'a', title: 'Neu', municipality: 'Musterstadt', lastOpened: 3 });
  });

  it('forgets a board', () => {
    const storage = memoryStorage();
    rememberBoard(storage, board('a'), 1);
    rememberBoard(storage, board('b'), 2);
    expect(forgetBoard(storage, 'a').map((b) => b.id)).toEqual(['b']);
  });

  it('caps the list', () => {
    const storage = memoryStorage();
    for (let i = 0; i < MAX_RECENT_BOARDS + 5; i++) rememberBoard(storage, board(`b${i}`), i);
    expect(readRecentBoards(storage)).toHaveLength(MAX_RECENT_BOARDS);
  });

  it('survives damaged storage', () => {
    const storage = memoryStorage();
    storage.setItem(RECENT_BOARDS_KEY, 'nope');
    expect(readRecentBoards(storage)).toEqual([]);
    storage.setItem(
      RECENT_BOARDS_KEY,
      JSON.stringify([{ id: 1 }, { ...board('x'), lastOpened: 5 }]),
    );
    expect(readRecentBoards(storage).map((b) => b.id)).toEqual(['x']);
  });
});
