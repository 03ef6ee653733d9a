import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc } from './board.js';
import {
  authorizeChange,
  deriveAuthorId,
  isEmptyUpdate,
  summarizeTransaction,
  type ChangeVerdict,
  type Role,
} from './roles.js';

const FACILITATOR = deriveAuthorId('facilitator-device-secret-0001');
const ALICE = deriveAuthorId('alice-device-secret-00000000001');
const BOB = deriveAuthorId('bob-device-secret-0000000000001');

/** A board as the server holds it, and a way to try one client's change against a role. */
function board() {
  const server = new Y.Doc();
  initBoardDoc(server, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  const facilitator = new BoardModel(server, { author: 'Moderation', authorId: FACILITATOR });
  const field = facilitator.create('field', { content: { title: 'Wohnen' } });
  const goal = facilitator.create('goal', { parentId: field, content: { title: 'Wohnungen' } });

  /** Runs `edit` on a client replica and checks the resulting update as the server would. */
  const attempt = (
    role: Role,
    authorId: string,
    edit: (model: BoardModel) => void,
  ): ChangeVerdict => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    edit(new BoardModel(client, { author: role, authorId }));
    const shadow = new Y.Doc();
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(server));
    let verdict: ChangeVerdict = { ok: true };
    shadow.on('afterTransaction', (tr: Y.Transaction) => {
      if (!verdict.ok) return;
      verdict = authorizeChange({
        role,
        authorId,
        before: server,
        after: shadow,
        change: summarizeTransaction(shadow, tr),
      });
    });
    for (const u of updates) Y.applyUpdate(shadow, u);
    if (verdict.ok) for (const u of updates) Y.applyUpdate(server, u);
    return verdict;
  };
  return { server, facilitator, field, goal, attempt };
}

describe('deriveAuthorId', () => {
  it('is stable, 22 characters of base64url, and differs per secret', () => {
    expect(deriveAuthorId('abc')).toBe(deriveAuthorId('abc'));
    expect(deriveAuthorId('abc')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deriveAuthorId('abc')).not.toBe(deriveAuthorId('abd'));
  });
});

describe('authorizeChange', () => {
  it('lets the facilitator change everything, session controls included', () => {
    const { attempt, goal } = board();
    expect(attempt('facilitator', FACILITATOR, (m) => m.setSession({ openStep: 3 }))).toEqual({
      ok: true,
    });
    expect(attempt('facilitator', FACILITATOR, (m) => m.delete(goal))).toEqual({ ok: true });
  });

  it('lets the steering group edit everything but the session controls', () => {
    const { attempt, goal } = board();
    expect(
      attempt('steering', BOB, (m) => m.update<'goal'>(goal, { title: 'Mehr Wohnungen' })),
    ).toEqual({ ok: true });
    expect(attempt('steering', BOB, (m) => m.setMeta({ title: 'Neuer Titel' }))).toEqual({
      ok: true,
    });
    expect(attempt('steering', BOB, (m) => m.setSession({ openStep: 5 }))).toMatchObject({
      ok: false,
    });
    expect(
      attempt('steering', BOB, (m) => m.setSession({ participantsMayEditAll: true })),
    ).toMatchObject({
      ok: false,
    });
  });

  it('refuses every write from a viewer', () => {
    const { attempt, goal, field } = board();
    expect(attempt('viewer', '', (m) => m.update<'goal'>(goal, { title: 'x' }))).toMatchObject({
      ok: false,
    });
    expect(attempt('viewer', '', (m) => m.create('istStand', { parentId: field }))).toMatchObject({
      ok: false,
    });
    expect(attempt('viewer', '', (m) => m.doc.getMap('elsewhere').set('a', 1))).toMatchObject({
      ok: false,
    });
  });

  it('lets participants add their own items of the open step’s kinds only', () => {
    const { attempt, facilitator, field, server } = board();
    // No step open: nothing.
    expect(
      attempt('participant', ALICE, (m) => m.create('need', { content: { text: 'Kita' } })),
    ).toMatchObject({
      ok: false,
      reason: 'no step is open for participation',
    });
    facilitator.setSession({ openStep: 3 });
    expect(
      attempt('participant', ALICE, (m) =>
        m.create('need', { content: { text: 'Kita-Platz', lang: 'de' } }),
      ),
    ).toEqual({
      ok: true,
    });
    expect(new BoardModel(server).list('need').map((n) => [n.text, n.createdById])).toEqual([
      ['Kita-Platz', ALICE],
    ]);
    // A goal is not a consultation item.
    expect(
      attempt('participant', ALICE, (m) => m.create('goal', { parentId: field })),
    ).toMatchObject({ ok: false });
    // New items must carry the participant's own author id, not someone else's.
    expect(
      attempt('participant', BOB, (m) => {
        m.authorId = ALICE;
        m.create('need', { content: { text: 'gefälscht' } });
      }),
    ).toMatchObject({ ok: false });
    // Nor may they touch the board meta or the steps.
    expect(attempt('participant', ALICE, (m) => m.setMeta({ title: 'Mein Board' }))).toMatchObject({
      ok: false,
    });
    expect(
      attempt('participant', ALICE, (m) => m.update<'step'>('step-3', { notes: 'x' })),
    ).toMatchObject({ ok: false });
  });

  it('keeps other people’s items safe from participants unless the facilitator allows editing all', () => {
    const { attempt, facilitator, field, goal, server } = board();
    facilitator.setSession({ openStep: 5 });
    let mine = '';
    expect(
      attempt('participant', ALICE, (m) => {
        mine = m.create('istStand', { parentId: field, content: { text: '300 Menschen in GU' } });
      }),
    ).toEqual({ ok: true });
    expect(
      attempt('participant', ALICE, (m) =>
        m.setText<'istStand'>(mine, 'text', '280 Menschen in GU'),
      ),
    ).toEqual({
      ok: true,
    });
    expect(
      attempt('participant', BOB, (m) => m.setText<'istStand'>(mine, 'text', 'überschrieben')),
    ).toMatchObject({
      ok: false,
      itemId: mine,
    });
    expect(attempt('participant', BOB, (m) => m.delete(goal))).toMatchObject({
      ok: false,
      itemId: goal,
    });
    // Deleting one's own field would take the facilitator's goal with it: refused.
    let ownField = '';
    attempt('participant', ALICE, (m) => {
      ownField = m.create('field', { content: { title: 'Eigenes Feld' } });
    });
    facilitator.create('goal', { parentId: ownField, content: { title: 'Ziel der Moderation' } });
    expect(attempt('participant', ALICE, (m) => m.delete(ownField))).toMatchObject({ ok: false });
    expect(attempt('participant', ALICE, (m) => m.delete(mine))).toEqual({ ok: true });

    facilitator.setSession({ participantsMayEditAll: true });
    expect(
      attempt('participant', BOB, (m) => m.update<'goal'>(goal, { title: 'Gemeinsam formuliert' })),
    ).toEqual({
      ok: true,
    });
    expect(new BoardModel(server).get(goal, 'goal')?.title).toBe('Gemeinsam formuliert');
    // Even then, authorship cannot be taken over.
    expect(
      attempt('participant', BOB, (m) =>
        m.doc.getMap<Y.Map<unknown>>('items').get(goal)?.set('createdById', BOB),
      ),
    ).toMatchObject({
      ok: false,
    });
  });

  it('refuses invalid item shapes from the steering group and participants', () => {
    const { attempt, goal } = board();
    expect(
      attempt('steering', BOB, (m) =>
        m.doc.getMap<Y.Map<unknown>>('items').get(goal)?.set('title', 42),
      ),
    ).toMatchObject({
      ok: false,
      reason: 'invalid item',
    });
  });
});

describe('isEmptyUpdate', () => {
  it('tells an empty sync step 2 from a real write', () => {
    const doc = new Y.Doc();
    const empty = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
    expect(isEmptyUpdate(empty)).toBe(true);
    doc.getMap('meta').set('x', 1);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });
});

describe('locks and moderated collection', () => {
  it('freezes a locked field or the whole board for the steering group and participants', () => {
    const { attempt, facilitator, field, goal } = board();
    const other = facilitator.create('field', { content: { title: 'Arbeit' } });
    facilitator.setSession({ openStep: 5, lock: { board: false, fields: [field] } });
    expect(attempt('steering', BOB, (m) => m.update<'goal'>(goal, { title: 'x' }))).toMatchObject({
      ok: false,
      reason: 'the field is locked',
    });
    expect(
      attempt('participant', ALICE, (m) =>
        m.create('goal', { parentId: field, content: { title: 'neu' } }),
      ),
    ).toMatchObject({ ok: false, reason: 'the field is locked' });
    expect(
      attempt('participant', ALICE, (m) =>
        m.create('goal', { parentId: other, content: { title: 'neu' } }),
      ),
    ).toEqual({ ok: true });
    expect(
      attempt('facilitator', FACILITATOR, (m) => m.update<'goal'>(goal, { title: 'y' })),
    ).toEqual({ ok: true });
    facilitator.setSession({ lock: { board: true, fields: [] } });
    expect(attempt('steering', BOB, (m) => m.update<'field'>(other, { title: 'z' }))).toMatchObject(
      {
        ok: false,
        reason: 'the board is locked',
      },
    );
    expect(
      attempt('steering', BOB, (m) => m.setSession({ lock: { board: false, fields: [] } })),
    ).toMatchObject({
      ok: false,
    });
  });

  it('sends new participant items to moderation while collecting, edits of own items still pass', () => {
    const { attempt, facilitator } = board();
    facilitator.setSession({ openStep: 3 });
    let need = '';
    expect(
      attempt(
        'participant',
        ALICE,
        (m) => (need = m.create('need', { content: { text: 'Kita' } })),
      ),
    ).toEqual({
      ok: true,
    });
    facilitator.setSession({ collect: true });
    expect(
      attempt('participant', ALICE, (m) => m.create('need', { content: { text: 'Bus' } })),
    ).toMatchObject({
      ok: false,
      reason: 'new items go to the moderation queue while collecting',
    });
    expect(
      attempt('participant', ALICE, (m) => m.setText<'need'>(need, 'text', 'Kita-Platz')),
    ).toEqual({ ok: true });
  });
});

describe('translations by participants', () => {
  it('lets a bilingual participant translate someone else’s item, but not rewrite it', () => {
    const { attempt, facilitator } = board();
    facilitator.setSession({ openStep: 3 });
    const need = facilitator.create('need', {
      content: { text: 'Потрібна допомога з житлом', lang: 'uk' },
    });
    expect(
      attempt('participant', ALICE, (m) =>
        m.setTranslation<'need'>(need, 'text', 'de', 'Wir brauchen Hilfe bei der Wohnungssuche'),
      ),
    ).toEqual({ ok: true });
    expect(
      attempt('participant', ALICE, (m) => m.setText<'need'>(need, 'text', 'überschrieben')),
    ).toMatchObject({
      ok: false,
    });
    expect(
      attempt('participant', ALICE, (m) => {
        m.setTranslation<'need'>(need, 'text', 'en', 'We need help');
        m.update<'need'>(need, { lang: 'ru' });
      }),
    ).toMatchObject({ ok: false });
  });
});
