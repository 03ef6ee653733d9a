import { toPlainBoard } from '@werkraum/model';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, containsUpdate, type BoardClient } from '../support/clients.js';
import { makeDataDir, spawnServer } from '../support/server.js';
import { eventually } from '../support/wait.js';

describe('durability: committed before relayed', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('keeps every update any client had received when the server is killed with SIGKILL', async () => {
    const dataDir = await makeDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const first = await spawnServer({ dataDir });
    cleanup.push(() => first.kill());
    const { id, links } = await first.createBoard();
    const token = links.facilitator.token;

    const clients: BoardClient[] = ['Jobcenter', 'VHS', 'Caritas'].map((author) =>
      connectClient(first.wsUrl, id, { author, token }),
    );
    cleanup.push(() => clients.forEach((c) => c.destroy()));
    await Promise.all(clients.map((c) => c.whenSynced()));
    const field = clients[0]!.model.create('field', {
      content: { title: 'Arbeit und Ausbildung' },
    });
    await eventually(() => clients.forEach((c) => expect(c.model.has(field)).toBe(true)));

    // Everyone edits as fast as the event loop lets them until the server dies mid-stream.
    let editing = true;
    const loops = clients.map(async (client, n) => {
      let i = 0;
      while (editing) {
        const measure = client.model.create('measure', {
          parentId: field,
          content: { title: `Maßnahme ${n}-${i}`, owner: `Träger ${n}` },
        });
        client.model.update<'measure'>(measure, { status: i % 2 ? 'inProgress' : 'planned' });
        i++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    await eventually(() => clients.forEach((c) => expect(c.received.length).toBeGreaterThan(200)), {
      timeoutMs: 15_000,
    });
    await first.kill('SIGKILL');
    editing = false;
    await Promise.all(loops);
    // Freeze what each client had received from the server before the kill.
    const received = clients.map((c) => [...c.received]);
    clients.forEach((c) => c.provider.disconnect());
    const receivedCount = received.reduce((n, list) => n + list.length, 0);
    expect(receivedCount).toBeGreaterThan(600);

    const second = await spawnServer({ dataDir });
    cleanup.push(() => second.kill('SIGTERM'));
    const late = connectClient(second.wsUrl, id, { author: 'Nachher', token });
    cleanup.push(() => late.destroy());
    await late.whenSynced();

    const missing = received.flat().filter((update) => !containsUpdate(late.doc, update));
    expect(missing).toHaveLength(0);
    const board = toPlainBoard(late.doc);
    expect(board.fields.map((f) => f.title)).toEqual(['Arbeit und Ausbildung']);
    // Each measure a client had seen arrive from others is on the board after the restart.
    expect(board.measures.length).toBeGreaterThan(100);
  });
});
