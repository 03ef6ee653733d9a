import { BoardModel, initBoardDoc } from '@werkraum/model';
import * as Y from 'yjs';

/**
 * A small board for the process specs: one field with a decided goal served by a decided
 * measure (owner and due), an undecided goal and an undecided measure, plus a decided measure
 * that serves no goal.
 */
export function processBoard(now = () => 1_000) {
  const doc = new Y.Doc();
  initBoardDoc(doc, {
    municipality: 'Landkreis Musterland',
    title: 'Integrationsstrategie 2027',
    languages: ['de'],
    createdAt: 0,
  });
  const model = new BoardModel(doc, { author: 'Moderation', now });
  const field = model.create('field', { content: { title: 'Arbeit und Ausbildung' } });
  const goal = model.create('goal', {
    parentId: field,
    content: { title: 'Mehr Geflüchtete in Ausbildung', decided: true, owner: 'Jobcenter' },
  });
  const other = model.create('goal', { parentId: field, content: { title: 'Offenes Ziel' } });
  const measure = model.create('measure', {
    parentId: field,
    content: {
      title: 'Ausbildungsmesse',
      owner: 'Wirtschaftsförderung',
      due: '2027-05-31',
      decided: true,
    },
  });
  model.link('serves', measure, goal);
  const undecided = model.create('measure', {
    parentId: field,
    content: { title: 'Sprachcafé' },
  });
  model.link('serves', undecided, goal);
  const loose = model.create('measure', {
    parentId: field,
    content: { title: 'Lotsenprogramm', decided: true },
  });
  return { doc, model, ids: { field, goal, other, measure, undecided, loose } };
}
