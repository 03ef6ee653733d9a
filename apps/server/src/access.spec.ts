import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Access, hashToken, linkUrl, newToken, tokenSchema } from './access.js';
import { SQLITE_FILE_NAME, SqliteBoardStore } from './storage/sqlite.js';
import { makeTempDir } from './testing/helpers.js';
import { TokenBucket } from './rate-limit.js';

const meta = { municipality: 'Musterstadt', title: 'Strategie', languages: ['de'], createdAt: 1 };

describe('link tokens', () => {
  it('are 22 base64url characters (128 bits) and all different', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => newToken()));
    expect(tokens.size).toBe(1_000);
    for (const token of tokens) expect(tokenSchema.safeParse(token).success).toBe(true);
    expect(linkUrl('B'.repeat(22), 'tok')).toBe(`/b/${'B'.repeat(22)}#tok`);
  });

  it('hash to 32 bytes of SHA-256', () => {
    expect(Buffer.from(hashToken('abc')).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('Access with the SQLite store', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: SqliteBoardStore;
  let access: Access;
  const boardA = 'a'.repeat(22);
  const boardB = 'b'.repeat(22);
  const tokens = { facilitator: newToken(), viewer: newToken(), other: newToken() };

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = new SqliteBoardStore({ dataDir: dir });
    access = new Access({ store });
    await store.createBoard(boardA, meta, new Uint8Array([0, 0]), [
      { role: 'facilitator', tokenHash: hashToken(tokens.facilitator) },
      { role: 'viewer', tokenHash: hashToken(tokens.viewer) },
    ]);
    await store.createBoard(boardB, meta, new Uint8Array([0, 0]), [
      { role: 'facilitator', tokenHash: hashToken(tokens.other) },
    ]);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('grants the role of a board’s own token, nothing for others, malformed or missing ones', async () => {
    expect(await access.authenticate(boardA, tokens.facilitator)).toBe('facilitator');
    expect(await access.authenticate(boardA, tokens.viewer)).toBe('viewer');
    expect(await access.authenticate(boardA, tokens.other)).toBeUndefined();
    expect(await access.authenticate(boardB, tokens.other)).toBe('facilitator');
    for (const bad of [undefined, '', 'x', `${tokens.viewer}x`, 42, tokens.viewer.toLowerCase()]) {
      if (bad === tokens.viewer) continue;
      expect(await access.authenticate(boardA, bad)).toBeUndefined();
    }
  });

  it('stores only SHA-256 hashes: neither rows nor database files contain a token', async () => {
    const db = new Database(path.join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT role, token_hash FROM board_links WHERE board_id = ?')
        .all(boardA) as { role: string; token_hash: Buffer }[];
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        const token = tokens[row.role as 'facilitator' | 'viewer'];
        expect(new Uint8Array(row.token_hash)).toEqual(hashToken(token));
        expect(row.token_hash.toString('latin1')).not.toContain(token);
      }
    } finally {
      db.close();
    }
    for (const file of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`]) {
      const full = path.join(dir, file);
      if (!existsSync(full)) continue;
      const bytes = readFileSync(full).toString('latin1');
      for (const token of Object.values(tokens)) expect(bytes).not.toContain(token);
    }
  });

  it('a replaced link stops working at once and revokes registered connections', async () => {
    const revoked: string[] = [];
    const grant = await access.connect(boardA, tokens.viewer, {
      revoke: (reason) => revoked.push(reason),
    });
    expect(grant?.role).toBe('viewer');
    const facilitator = await access.connect(boardA, tokens.facilitator, {
      revoke: (reason) => revoked.push(`f:${reason}`),
    });
    const fresh = await access.rotate(boardA, 'viewer');
    expect(revoked).toEqual(['revoked']);
    expect(await access.authenticate(boardA, tokens.viewer)).toBeUndefined();
    expect(await access.authenticate(boardA, fresh)).toBe('viewer');
    expect(access.liveCount(boardA)).toBe(1);
    access.beginDelete(boardA);
    expect(revoked).toEqual(['revoked', 'f:deleted']);
    expect(await access.authenticate(boardA, tokens.facilitator)).toBeUndefined();
    access.endDelete(boardA);
    facilitator?.release();
    expect(access.liveCount(boardA)).toBe(0);
  });

  it('a connection whose check overlaps a rotation is not registered with the old token', async () => {
    const revoked: string[] = [];
    const pending = access.connect(boardA, tokens.viewer, { revoke: (r) => revoked.push(r) });
    await access.rotate(boardA, 'viewer');
    const grant = await pending;
    // Either refused, or registered and then revoked — never left open.
    expect(grant === undefined || revoked.length === 1).toBe(true);
    expect(access.liveCount(boardA)).toBe(0);
  });

  it('lists boards by the age of their last stored change and deletes everything of one', async () => {
    const db = new Database(path.join(dir, SQLITE_FILE_NAME));
    try {
      db.prepare('UPDATE boards SET updated_at = 5 WHERE id = ?').run(boardA);
      expect(await store.listExpiredBoards(10)).toEqual([boardA]);
      await store.appendUpdates(boardA, [new Uint8Array([0, 0])]);
      expect(await store.listExpiredBoards(10)).toEqual([]);
      expect(await store.deleteBoard(boardA)).toBe(true);
      expect(await store.deleteBoard(boardA)).toBe(false);
      for (const table of ['boards', 'snapshots', 'updates', 'board_links']) {
        const column = table === 'boards' ? 'id' : 'board_id';
        const { n } = db
          .prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`)
          .get(boardA) as { n: number };
        expect(n).toBe(0);
      }
      expect(await store.findLink(hashToken(tokens.facilitator))).toBeUndefined();
      expect(await store.findLink(hashToken(tokens.other))).toMatchObject({ boardId: boardB });
    } finally {
      db.close();
    }
  });
});

describe('TokenBucket', () => {
  it('allows the burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 3, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100; // one token per 100 ms
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // refills up to the burst only
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
