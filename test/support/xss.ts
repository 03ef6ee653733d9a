import type { BoardModel } from '@werkraum/model';

/** Each payload would set `window.__xss` if a browser ever ran it. */
export const XSS_CORPUS = [
  `<script>window.__xss='script'</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<svg onload="window.__xss='svg'"><circle r="1"/></svg>`,
  `javascript:window.__xss='js-url'`,
  `"><iframe src="javascript:parent.__xss='iframe'"></iframe>`,
  `<a href="javascript:window.__xss='href'">klick</a>`,
  `<details open ontoggle="window.__xss='details'">x</details>`,
  `'"><body onload="window.__xss='body'">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">`,
];

/** Writes a payload into every text field of every kind of item, and into the board meta. */
export function fillWithXss(model: BoardModel): void {
  let n = 0;
  const next = () => XSS_CORPUS[n++ % XSS_CORPUS.length] as string;
  model.doc.transact(() => {
    model.setMeta({ title: next(), municipality: next() });
    model.update('step-5', { notes: next() });
    const field = model.create('field', { content: { title: next(), description: next() } });
    model.create('istStand', { parentId: field, content: { text: next() } });
    const goal = model.create('goal', {
      parentId: field,
      content: { title: next(), description: next() },
    });
    model.create('milestone', { parentId: goal, content: { title: next(), due: '2028-01-31' } });
    const measure = model.create('measure', {
      parentId: field,
      content: { title: next(), owner: next(), description: next() },
    });
    model.link('serves', measure, goal);
    model.create('need', { parentId: field, content: { text: next(), lang: 'ar' } });
    model.create('stakeholder', { content: { name: next(), notes: next() } });
  });
}
