import 'fake-indexeddb/auto';
import { ROLE_PERMISSIONS } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardInfo } from '../api/boards-api.js';
import {
  deleteLocalCopies,
  deletionSettled,
  LocalCopy,
  localCopyName,
  readOfflineInfo,
} from './local-copy.js';

let counter = 0;
const newBoardId = () => `board${String(++counter).padStart(17, '0')}AAAA`.slice(0, 22);

const info = (id: string): BoardInfo => ({
  id,
  municipality: 'Landkreis Musterland',
  title: 'Integrationsstrategie',
  languages: ['de'],
  createdAt: 1,
  updatedAt: 2,
  role: 'participant',
  permissions: ROLE_PERMISSIONS.participant,
  deleteAfter: null,
});

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((db) => db.name ?? '');
}

/** Opens the copy on a fresh doc and waits until it is applied. */
async function open(boardId: string, role: 'participant' | 'viewer' = 'participant') {
  const doc = new Y.Doc();
  const undo = new Y.UndoManager(doc.getMap('items'));
  const local = new LocalCopy(boardId, role, doc);
  expect(await local.loaded()).toBe(true);
  return { doc, undo, local };
}

describe('the local copy of a board', () => {
  it('keeps edits across a reload; loading them is not an undoable change', async () => {
    const id = newBoardId();
    const first = await open(id);
    first.doc.getMap('items').set('a', 'offline edit');
    first.doc.getText('title').insert(0, 'Titel');
    // IndexedDB writes are asynchronous.
    await new Promise((resolve) => setTimeout(resolve, 20));
    first.local.destroy();
    first.doc.destroy();

    const second = await open(id);
    expect(second.doc.getMap('items').get('a')).toBe('offline edit');
    expect(second.doc.getText('title').toString()).toBe('Titel');
    expect(second.undo.canUndo()).toBe(false);
    second.local.destroy();
  });

  it('is kept per board and role: a read-only link never sees another link’s edits', async () => {
    const id = newBoardId();
    const participant = await open(id, 'participant');
    participant.doc.getMap('items').set('mine', 'x');
    await new Promise((resolve) => setTimeout(resolve, 20));
    participant.local.destroy();

    const viewer = await open(id, 'viewer');
    expect(viewer.doc.getMap('items').has('mine')).toBe(false);
    viewer.local.destroy();
    expect(localCopyName(id, 'viewer')).not.toBe(localCopyName(id, 'participant'));
  });

  it('remembers the unsynced items and the board info; reads the info without a doc', async () => {
    const id = newBoardId();
    const { local } = await open(id);
    expect(await local.readUnsynced()).toEqual([]);
    local.writeUnsynced(['item-a', 'item-b', 'meta:title']);
    local.writeInfo(info(id));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await local.readUnsynced()).toEqual(['item-a', 'item-b', 'meta:title']);
    local.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await readOfflineInfo(id, 'participant')).toEqual(info(id));
    // Another role's copy (none here) has no info — and is not created by asking.
    expect(await readOfflineInfo(id, 'steering')).toBeNull();
    expect(await databaseNames()).not.toContain(localCopyName(id, 'steering'));
  });

  it('drop() deletes the copy; a copy opened right after starts empty', async () => {
    const id = newBoardId();
    const first = await open(id);
    first.doc.getMap('items').set('refused', 'x');
    await new Promise((resolve) => setTimeout(resolve, 20));
    void first.local.drop();
    // What the board does on a restart after a refused write.
    await deletionSettled(id, 'participant');
    const second = await open(id);
    expect(second.doc.getMap('items').has('refused')).toBe(false);
    second.local.destroy();
  });

  it('deleteLocalCopies removes the copies of every role (deleted, revoked, forgotten)', async () => {
    const id = newBoardId();
    for (const role of ['participant', 'viewer'] as const) {
      const { doc, local } = await open(id, role);
      doc.getMap('items').set('a', role);
      await new Promise((resolve) => setTimeout(resolve, 20));
      local.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await databaseNames()).toContain(localCopyName(id, 'viewer'));
    await deleteLocalCopies(id);
    const names = await databaseNames();
    expect(names.filter((name) => name.includes(id))).toEqual([]);
    expect(await readOfflineInfo(id, 'participant')).toBeNull();
  });
});
