import { DEFAULT_SESSION, type Role, type SessionSettings } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import {
  addRoute,
  canAdd,
  canDeleteItems,
  canEditBoardMeta,
  canEditItem,
  canTranslateItem,
  controlMode,
  isLocked,
  participationKinds,
  type Viewer,
} from './permissions.js';

const ME = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER = 'BBBBBBBBBBBBBBBBBBBBBB';
const closed: SessionSettings = DEFAULT_SESSION;
const step5: SessionSettings = { ...DEFAULT_SESSION, openStep: 5 };
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
    expect(canAdd('need', as('participant', { ...DEFAULT_SESSION, openStep: 3 }))).toBe(true);
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
    const all = { ...step5, participantsMayEditAll: true };
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

  it('keeps steering group and participants out of a locked board', () => {
    const locked = { ...step5, lock: { board: true, fields: [] } };
    for (const role of ['steering', 'participant'] as const) {
      expect(isLocked(as(role, locked))).toBe(true);
      expect(canAdd('goal', as(role, locked), 'f1')).toBe(false);
      expect(canAdd('field', as(role, locked))).toBe(false);
      expect(canEditItem({ kind: 'goal', createdById: ME, fieldId: 'f1' }, as(role, locked))).toBe(
        false,
      );
      expect(controlMode({ kind: 'goal', createdById: ME }, as(role, locked))).toBe('readonly');
    }
    expect(isLocked(as('facilitator', locked))).toBe(false);
    expect(canAdd('goal', as('facilitator', locked), 'f1')).toBe(true);
    expect(canEditItem({ kind: 'goal', fieldId: 'f1' }, as('facilitator', locked))).toBe(true);
  });

  it('locks one field with everything in it', () => {
    const locked = { ...step5, lock: { board: false, fields: ['f1'] } };
    const steering = as('steering', locked);
    expect(canAdd('goal', steering, 'f1')).toBe(false);
    expect(canAdd('goal', steering, 'f2')).toBe(true);
    expect(canAdd('field', steering)).toBe(true);
    expect(canEditItem({ kind: 'field', fieldId: 'f1' }, steering)).toBe(false);
    expect(canEditItem({ kind: 'measure', fieldId: 'f1' }, steering)).toBe(false);
    expect(canEditItem({ kind: 'measure', fieldId: 'f2' }, steering)).toBe(true);
    expect(
      canEditItem({ kind: 'goal', createdById: ME, fieldId: 'f1' }, as('participant', locked)),
    ).toBe(false);
    expect(
      canEditItem({ kind: 'goal', createdById: ME, fieldId: 'f2' }, as('participant', locked)),
    ).toBe(true);
    expect(canDeleteItems([{ kind: 'goal', fieldId: 'f1' }], steering)).toBe(false);
  });

  it('sends participants’ new items to moderation while collecting', () => {
    const collecting = { ...step5, collect: true };
    expect(addRoute('goal', as('participant', collecting), 'f1')).toBe('moderated');
    expect(canAdd('goal', as('participant', collecting), 'f1')).toBe(false);
    expect(addRoute('need', as('participant', collecting))).toBeNull();
    expect(addRoute('goal', as('steering', collecting), 'f1')).toBe('direct');
    expect(addRoute('goal', as('viewer', collecting), 'f1')).toBeNull();
    expect(
      addRoute(
        'goal',
        as('participant', { ...collecting, lock: { board: false, fields: ['f1'] } }),
        'f1',
      ),
    ).toBeNull();
    // Own items stay editable while collecting.
    expect(
      canEditItem({ kind: 'goal', createdById: ME, fieldId: 'f1' }, as('participant', collecting)),
    ).toBe(true);
  });

  it("lets participants translate other people's items of the open step", () => {
    const theirs = { kind: 'goal' as const, createdById: OTHER };
    expect(canEditItem(theirs, as('participant', step5))).toBe(false);
    expect(canTranslateItem(theirs, as('participant', step5))).toBe(true);
    expect(canTranslateItem(theirs, as('participant'))).toBe(false);
    expect(canTranslateItem({ kind: 'need' }, as('participant', step5))).toBe(false);
    expect(canTranslateItem(theirs, as('viewer', step5))).toBe(false);
    expect(canTranslateItem(theirs, as('steering'))).toBe(true);
    const locked = { ...step5, lock: { board: true, fields: [] } };
    expect(canTranslateItem(theirs, as('participant', locked))).toBe(false);
  });
});
