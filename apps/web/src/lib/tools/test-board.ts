import { BoardModel, initBoardDoc } from '@werkraum/model';
import * as Y from 'yjs';

/** A small board for the tools' specs: need → goal ← measure, a milestone, comments. */
export function makeBoard() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'M', title: 'T', languages: ['de'], createdAt: 0 });
  let clock = 1_000;
  const model = new BoardModel(doc, {
    author: 'Amira',
    authorId: 'AAAAAAAAAAAAAAAAAAAAAA',
    now: () => (clock += 1_000),
  });
  const field = model.create('field', { content: { title: 'Arbeit' } });
  const goal = model.create('goal', { parentId: field, content: { title: 'Sprachkurse' } });
  const milestone = model.create('milestone', { parentId: goal, content: { title: 'Standorte' } });
  const measure = model.create('measure', {
    parentId: field,
    content: { title: 'Kurse mit Kinderbetreuung', owner: 'VHS', due: '2027-05-31' },
  });
  model.link('serves', measure, goal);
  const need = model.create('need', { content: { text: 'Kinderbetreuung', lang: 'de' } });
  model.link('takenUpBy', need, goal);
  return { doc, model, field, goal, milestone, measure, need };
}
