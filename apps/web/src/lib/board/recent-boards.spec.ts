import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from './identity.js';
import {
  MAX_RECENT_BOARDS,
  RECENT_BOARDS_KEY,
  findRecentBoard,
  forgetBoard,
  readRecentBoards,
  refreshBoardTitle,
  rememberBoard,
  rememberLink,
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

  it('keeps role, token and known links, and forgets them with the board', () => {
    const storage = memoryStorage();
    rememberBoard(
      storage,
      {
        ...board('a'),
        role: 'facilitator',
        token: 'facilitator-token-123',
        links: { facilitator: 'facilitator-token-123', participant: 'participant-token-12' },
      },
      1,
    );
    // Opening the board again (title only) keeps the access data.
    rememberBoard(storage, { ...board('a'), title: 'Neu' }, 2);
    expect(findRecentBoard(storage, 'a')).toMatchObject({
      title: 'Neu',
      role: 'facilitator',
      token: 'facilitator-token-123',
      links: { participant: 'participant-token-12' },
    });
    // Another role's link opened on this device replaces role and token.
    rememberBoard(
      storage,
      { ...board('a'), role: 'participant', token: 'participant-token-12' },
      3,
    );
    expect(findRecentBoard(storage, 'a')).toMatchObject({
      role: 'participant',
      token: 'participant-token-12',
    });
    forgetBoard(storage, 'a');
    expect(findRecentBoard(storage, 'a')).toBeUndefined();
    expect(storage.getItem(RECENT_BOARDS_KEY)).not.toContain('token');
  });

  it('takes a rotated link, and the own token when the own role was rotated', () => {
    const storage = memoryStorage();
    rememberBoard(storage, { ...board('a'), role: 'facilitator', token: 'old-facilitator-tok' }, 1);
    rememberLink(storage, 'a', 'viewer', 'new-viewer-token-123');
    rememberLink(storage, 'a', 'facilitator', 'new-facilitator-tok');
    expect(findRecentBoard(storage, 'a')).toMatchObject({
      token: 'new-facilitator-tok',
      links: { viewer: 'new-viewer-token-123', facilitator: 'new-facilitator-tok' },
    });
    rememberLink(storage, 'gone', 'viewer', 'x');
    expect(findRecentBoard(storage, 'gone')).toBeUndefined();
  });

  it('refreshes the title of a remembered board only', () => {
    const storage = memoryStorage();
    rememberBoard(storage, board('a'), 1);
    refreshBoardTitle(storage, { id: 'a', title: 'Umbenannt', municipality: 'M' });
    refreshBoardTitle(storage, { id: 'b', title: 'Fremd', municipality: 'M' });
    expect(readRecentBoards(storage).map((b) => b.title)).toEqual(['Umbenannt']);
  });

  it('drops unknown roles and keys from stored entries', () => {
    const storage = memoryStorage();
    storage.setItem(
      RECENT_BOARDS_KEY,
      JSON.stringify([{ ...board('x'), lastOpened: 5, role: 'admin', token: 7, extra: 1 }]),
    );
    expect(readRecentBoards(storage)).toEqual([{ ...board('x'), lastOpened: 5 }]);
  });
});
