import { toPlainBoard } from '@werkraum/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, type BoardClient } from '../support/clients.js';
import { fillWithMusterland, readMusterland } from '../support/musterland.js';
import { startServer } from '../support/server.js';
import { eventually } from '../support/wait.js';

describe('live sync between stock y-websocket clients', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('converges on concurrent edits of measures and a goal text; a late joiner gets everything', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const { id, links } = await server.createBoard();
    const token = links.facilitator.token;
    const a = connectClient(server.wsUrl, id, { author: 'Sozialamt', token });
    const b = connectClient(server.wsUrl, id, { author: 'Caritas', token });
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    // Both received the board the server created: meta and the ten process steps.
    expect(a.model.toPlain().steps).toHaveLength(10);
    expect(b.model.meta().title).toBe('Testboard');

    fillWithMusterland(a.model);
    const measureCount = readMusterland().fields.flatMap((f) =>
      f.goals.flatMap((g) => g.measures),
    ).length;
    await eventually(() => expect(b.model.toPlain().measures).toHaveLength(measureCount));
    const goal = b.model.list('goal')[0]!;
    const [m1, m2] = b.model.list('measure');

    // Concurrent edits: both type in the same goal title and change the same measures.
    const typeInto = (client: BoardClient, at: (s: string) => number, word: string) => {
      const start = at(client.model.get(goal.id, 'goal')!.title);
      [...word].forEach((ch, i) => {
        const now = client.model.get(goal.id, 'goal')!.title;
        client.model.setText<'goal'>(
          goal.id,
          'title',
          now.slice(0, start + i) + ch + now.slice(start + i),
        );
      });
    };
    typeInto(a, () => 0, 'Ziel A: ');
    typeInto(b, (s) => s.length, ' (Steuergruppe)');
    a.model.update<'measure'>(m1!.id, { status: 'done', owner: 'VHS Musterland Nord' });
    b.model.update<'measure'>(m1!.id, { decided: true, due: '2027-11-15' });
    b.model.update<'measure'>(m2!.id, { status: 'inProgress' });
    const newA = a.model.create('measure', {
      parentId: goal.parentId,
      content: { title: 'Sprachcafé', owner: 'Stadtbibliothek' },
    });
    const newB = b.model.create('measure', {
      parentId: goal.parentId,
      content: { title: 'Elternabende mit Dolmetschung', owner: 'Schulamt' },
    });
    a.model.link('serves', newA, goal.id);
    b.model.link('serves', newB, goal.id);

    await eventually(() => {
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
      expect(toPlainBoard(a.doc)).toEqual(toPlainBoard(b.doc));
    });
    const board = toPlainBoard(a.doc);
    const title = board.goals.find((g) => g.id === goal.id)!.title;
    expect(title.startsWith('Ziel A: ')).toBe(true);
    expect(title.endsWith(' (Steuergruppe)')).toBe(true);
    expect(title).toContain(goal.title);
    expect(board.measures.find((m) => m.id === m1!.id)).toMatchObject({
      status: 'done',
      owner: 'VHS Musterland Nord',
      decided: true,
      due: '2027-11-15',
    });
    expect(board.measures).toHaveLength(measureCount + 2);
    expect(board.links.map((l) => l.from)).toEqual(expect.arrayContaining([newA, newB]));

    // A third client connecting later receives the full state.
    const c = connectClient(server.wsUrl, id, { author: 'Spätere', token });
    cleanup.push(() => c.destroy());
    await c.whenSynced();
    await eventually(() => expect(toPlainBoard(c.doc)).toEqual(board));
  });

  it('carries awareness (who is here) between clients and removes it when one leaves', async () => {
    const server = await startServer();
    cleanup.push(() => server.close());
    const { id, links } = await server.createBoard();
    const token = links.facilitator.token;
    const a = connectClient(server.wsUrl, id, { token });
    const b = connectClient(server.wsUrl, id, { token });
    cleanup.push(() => b.destroy());
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Gast 4821', color: '#1d4e89' });
    await eventually(() =>
      expect([...b.provider.awareness.getStates().values()]).toContainEqual({
        user: { name: 'Gast 4821', color: '#1d4e89' },
      }),
    );
    a.destroy();
    await eventually(() =>
      expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false),
    );
  });
});
