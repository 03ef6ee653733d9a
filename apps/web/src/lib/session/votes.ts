import type { VoteRound } from '@werkraum/model';

/** This person's dots in the open round, as the server acknowledged them. */
export interface Ballot {
  /** The round these dots belong to. */
  roundId: string;
  /** Item ids, one entry per dot (an item may get several dots). */
  mine: string[];
  remaining: number;
}

/** A ballot from an acknowledgement (`vote:cast`, `vote:retract`, `vote:mine`). */
export function ballotFromAck(roundId: string, ack: { mine: unknown; remaining: unknown }): Ballot {
  const mine = Array.isArray(ack.mine)
    ? ack.mine.filter((id): id is string => typeof id === 'string')
    : [];
  const remaining =
    typeof ack.remaining === 'number' && Number.isFinite(ack.remaining)
      ? Math.max(0, ack.remaining)
      : 0;
  return { roundId, mine, remaining };
}

/** The ballot to show for `round`: an empty one when the stored ballot is of another round. */
export function ballotFor(round: VoteRound | null, ballot: Ballot | null): Ballot | null {
  if (!round || round.status !== 'open') return null;
  if (ballot && ballot.roundId === round.id) return ballot;
  return { roundId: round.id, mine: [], remaining: round.dotsPerPerson };
}

/** How many of my dots sit on `itemId`. */
export function dotsOn(ballot: Ballot | null, itemId: string): number {
  if (!ballot) return 0;
  let n = 0;
  for (const id of ballot.mine) if (id === itemId) n++;
  return n;
}

export interface VoteResult {
  id: string;
  count: number;
  /** Share of the most-voted item (0–1), for the bar. */
  share: number;
}

/**
 * The revealed counts of the round's items, most dots first (ties in board order); items
 * without dots are listed with 0. `itemIds` are the votable items of the field, in board order.
 */
export function voteResults(round: VoteRound | null, itemIds: readonly string[]): VoteResult[] {
  if (!round || round.status !== 'revealed' || !round.counts) return [];
  const counts = round.counts;
  const known = new Set(itemIds);
  const ids = [...itemIds, ...Object.keys(counts).filter((id) => !known.has(id))];
  const max = Math.max(0, ...ids.map((id) => counts[id] ?? 0));
  return ids
    .map((id, index) => ({ id, index, count: counts[id] ?? 0 }))
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map(({ id, count }) => ({ id, count, share: max === 0 ? 0 : count / max }));
}
