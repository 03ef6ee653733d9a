import type { Role, SessionSettings } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import {
  canAdd,
  canDeleteItems,
  canEditBoardMeta,
  canEditItem,
  controlMode,
  participationKinds,
  type Viewer,
} from './permissions.js';

const ME = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER = 'BBBBBBBBBBBBBBBBBBBBBB';
const closed: SessionSettings = { openStep: null, participantsMayEditAll: false };
const step5: SessionSettings = { openStep: 5, participantsMayEditAll: false };
const as = (role: Role, session: SessionSettings = closed, authorId = ME): Viewer => ({
  role,
  authorId,
  session,
});

describe('permissions', () => {
  it('lets facilitator and steering group edit and add everything', () => {
    for (const role of ['facilitator', 'steering'] as const) {
      expect(canAdd('goal', as(role))).toBe(true);
      expect(canEditItem({ kind: 'step', createdById: '' }, as(role))).toBe(true);
      expect(canEditItem({ kind: 'goal', createdById: OTHER }, as(role))).toBe(true);
      expect(canEditBoardMeta(as(role))).toBe(true);
      expect(controlMode({ kind: 'goal' }, as(role))).toBe('edit');
    }
  });

  it('shows the viewer everything as plain text', () => {
    expect(canAdd('goal', as('viewer', step5))).toBe(false);
    expect(canEditItem({ kind: 'goal', createdById: ME }, as('viewer', step5))).toBe(false);
    expect(controlMode(null, as('viewer'))).toBe('plain');
    expect(controlMode({ kind: 'goal' }, as('viewer'))).toBe('plain');
  });

  it('lets participants add nothing while no step is open', () => {
    expect(participationKinds(closed)).toEqual([]);
    expect(canAdd('goal', as('participant'))).toBe(false);
    expect(canEditItem({ kind: 'goal', createdById: ME }, as('participant'))).toBe(false);
  });

  it('lets participants add the kinds of the open step only', () => {
    expect(canAdd('goal', as('participant', step5))).toBe(true);
    expect(canAdd('need', as('participant', step5))).toBe(false);
    expect(canAdd('need', as('participant', { openStep: 3, participantsMayEditAll: false }))).toBe(
      true,
    );
    expect(canAdd('goal', as('participant', step5, ''))).toBe(false);
  });

  it('lets participants edit and delete only their own items unless all are opened', () => {
    const mine = { kind: 'goal' as const, createdById: ME };
    const theirs = { kind: 'goal' as const, createdById: OTHER };
    const legacy = { kind: 'goal' as const, createdById: '' };
    expect(canEditItem(mine, as('participant', step5))).toBe(true);
    expect(canEditItem(theirs, as('participant', step5))).toBe(false);
    expect(canEditItem(legacy, as('participant', step5))).toBe(false);
    expect(canEditItem(legacy, as('participant', step5, ''))).toBe(false);
    const all = { openStep: 5, participantsMayEditAll: true };
    expect(canEditItem(theirs, as('participant', all))).toBe(true);
    expect(canEditItem({ kind: 'step' }, as('participant', all))).toBe(false);
    expect(controlMode(theirs, as('participant', step5))).toBe('readonly');
    expect(controlMode(null, as('participant', step5))).toBe('readonly');
    expect(canEditBoardMeta(as('participant', all))).toBe(false);
  });

  it('refuses a delete that takes someone else’s item along', () => {
    const viewer = as('participant', step5);
    expect(
      canDeleteItems(
        [
          { kind: 'goal', createdById: ME },
          { kind: 'milestone', createdById: ME },
        ],
        viewer,
      ),
    ).toBe(true);
    expect(
      canDeleteItems(
        [
          { kind: 'goal', createdById: ME },
          { kind: 'milestone', createdById: OTHER },
        ],
        viewer,
      ),
    ).toBe(false);
    expect(canDeleteItems([{ kind: 'step' }], as('facilitator'))).toBe(false);
  });

  it('follows the permissions the server sent', () => {
    const viewer: Viewer = {
      ...as('steering'),
      permissions: { edit: 'none', runSession: false, manageBoard: false, exportBoard: true },
    };
    expect(canAdd('goal', viewer)).toBe(false);
  });
});
