import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '$lib/board/identity.js';
import { findRecentBoard } from '$lib/board/recent-boards.js';
import { rememberCreatedBoard } from './created-board.js';

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('a created board on this device', () => {
  it('keeps the facilitator token and every role’s link', () => {
    const storage = memoryStorage();
    rememberCreatedBoard(
      storage,
      {
        id: 'B',
        role: 'facilitator',
        title: 'T',
        municipality: 'M',
        links: {
          facilitator: { token: 'f-token', url: '/b/B#f-token' },
          participant: { token: 'p-token', url: '/b/B#p-token' },
        },
      },
      5,
    );
    expect(findRecentBoard(storage, 'B')).toEqual({
      id: 'B',
      title: 'T',
      municipality: 'M',
      lastOpened: 5,
      role: 'facilitator',
      token: 'f-token',
      links: { facilitator: 'f-token', participant: 'p-token' },
    });
  });
});
