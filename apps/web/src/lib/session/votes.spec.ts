import type { VoteRound } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { ballotFor, ballotFromAck, dotsOn, voteResults } from './votes.js';

const round = (patch: Partial<VoteRound> = {}): VoteRound => ({
  id: 'AAAAAAAAAAAAAAAA',
  fieldId: 'field-1',
  dotsPerPerson: 3,
  status: 'open',
  startedAt: 1,
  revealedAt: null,
  counts: null,
  voters: null,
  ...patch,
});

describe('vote bookkeeping', () => {
  it('starts a round with all dots and drops a ballot of an older round', () => {
    expect(ballotFor(round(), null)).toEqual({
      roundId: 'AAAAAAAAAAAAAAAA',
      mine: [],
      remaining: 3,
    });
    const old = { roundId: 'BBBBBBBBBBBBBBBB', mine: ['x'], remaining: 2 };
    expect(ballotFor(round(), old)?.mine).toEqual([]);
    expect(ballotFor(round({ status: 'revealed' }), old)).toBeNull();
    expect(ballotFor(null, old)).toBeNull();
  });

  it('takes the acknowledged dots and counts them per item', () => {
    const ballot = ballotFromAck('AAAAAAAAAAAAAAAA', { mine: ['a', 'b', 'a', 7], remaining: 0 });
    expect(ballot).toEqual({ roundId: 'AAAAAAAAAAAAAAAA', mine: ['a', 'b', 'a'], remaining: 0 });
    expect(ballotFor(round(), ballot)).toBe(ballot);
    expect(dotsOn(ballot, 'a')).toBe(2);
    expect(dotsOn(ballot, 'c')).toBe(0);
    expect(ballotFromAck('r', { mine: null, remaining: -2 })).toEqual({
      roundId: 'r',
      mine: [],
      remaining: 0,
    });
  });

  it('sorts revealed results by dots, ties in board order, with bar shares', () => {
    const revealed = round({ status: 'revealed', counts: { b: 4, c: 2, a: 2 }, voters: 3 });
    expect(voteResults(revealed, ['a', 'b', 'c', 'd'])).toEqual([
      { id: 'b', count: 4, share: 1 },
      { id: 'a', count: 2, share: 0.5 },
      { id: 'c', count: 2, share: 0.5 },
      { id: 'd', count: 0, share: 0 },
    ]);
    expect(voteResults(round(), ['a'])).toEqual([]);
  });
});
