/**
 * Test support for the export specs: the Musterland example (test/fixtures/musterland.json) as a
 * real board, written through the model API, plus a few items the exports must handle (an
 * Arabic measure with a German translation, a Farsi goal, the hostile string decided).
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import {
  BoardModel,
  initBoardDoc,
  type MeasureStatus,
  type PlainBoard,
  type StakeholderType,
} from '@werkraum/model';

interface Musterland {
  municipality: string;
  title: string;
  languages: string[];
  steps: { step: number; date: string; status: string; notes: string }[];
  stakeholders: { name: string; type: string; influence: number; interest: number }[];
  needs: { lang: string; text: string; de: string; field: string }[];
  fields: {
    title: string;
    istStand: string[];
    goals: {
      title: string;
      milestones: { title: string; due: string }[];
      measures: { title: string; owner: string; due: string; status: string; decided: boolean }[];
    }[];
  }[];
}

const STAKEHOLDER_TYPES: Record<string, StakeholderType> = {
  Verwaltung: 'administration',
  Politik: 'politics',
  Zivilgesellschaft: 'civilSociety',
  Migrantenselbstorganisation: 'migrantOrganisation',
  Wirtschaft: 'business',
  Bildung: 'education',
};

const MEASURE_STATUSES: Record<string, MeasureStatus> = {
  planned: 'planned',
  'in progress': 'inProgress',
  done: 'done',
  dropped: 'dropped',
};

export const HOSTILE = "<img src=x onerror=alert('xss')> Sprechstunde vor Ort in den Gemeinden";
export const ARABIC_MEASURE = 'دروس لغة للأمهات مع رعاية الأطفال';
export const ARABIC_MEASURE_DE = 'Sprachkurse für Mütter mit Kinderbetreuung';
export const FARSI_GOAL = 'همه کودکان تا سال ۲۰۲۸ جای مهدکودک دارند.';
export const FARSI_GOAL_DE = 'Alle Kinder haben bis 2028 einen Kita-Platz.';

export function readMusterland(): Musterland {
  const url = new URL('../../../../test/fixtures/musterland.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Musterland;
}

export interface MusterlandBoard {
  doc: Y.Doc;
  model: BoardModel;
  board: () => PlainBoard;
  data: Musterland;
}

/**
 * The Musterland board. Goals are decided when at least one of their measures is; each goal
 * gets owner and due date; the hostile measure is decided too (so that it reaches every export).
 */
export function musterlandBoard(): MusterlandBoard {
  const data = readMusterland();
  const doc = new Y.Doc();
  initBoardDoc(doc, {
    municipality: data.municipality,
    title: data.title,
    languages: data.languages,
    createdAt: Date.UTC(2027, 0, 5),
  });
  const model = new BoardModel(doc, { author: 'Test', now: () => Date.UTC(2027, 0, 5, 12) });
  doc.transact(() => {
    for (const step of data.steps) {
      model.update(`step-${step.step}`, {
        date: step.date,
        status: step.status === 'done' ? 'done' : 'planned',
        notes: step.notes,
      });
    }
    for (const s of data.stakeholders) {
      model.create('stakeholder', {
        content: {
          name: s.name,
          type: STAKEHOLDER_TYPES[s.type] ?? 'other',
          influence: s.influence,
          interest: s.interest,
        },
      });
    }
    const fieldIds = new Map<string, string>();
    const goalIdsByField = new Map<string, string[]>();
    let goalIndex = 0;
    for (const field of data.fields) {
      const fieldId = model.create('field', { content: { title: field.title } });
      fieldIds.set(field.title, fieldId);
      for (const text of field.istStand) {
        model.create('istStand', { parentId: fieldId, content: { text } });
      }
      for (const goal of field.goals) {
        goalIndex++;
        const decided = goal.measures.some((m) => m.decided);
        const goalId = model.create('goal', {
          parentId: fieldId,
          content: {
            title: goal.title,
            decided,
            owner: `Steuergruppe ${field.title}`,
            due: `${2027 + (goalIndex % 3)}-12-31`,
          },
        });
        goalIdsByField.set(field.title, [...(goalIdsByField.get(field.title) ?? []), goalId]);
        for (const m of goal.milestones) {
          model.create('milestone', { parentId: goalId, content: { title: m.title, due: m.due } });
        }
        for (const m of goal.measures) {
          const measureId = model.create('measure', {
            parentId: fieldId,
            content: {
              title: m.title,
              owner: m.owner,
              due: m.due,
              status: MEASURE_STATUSES[m.status] ?? 'planned',
              decided: m.decided || m.title === HOSTILE,
            },
          });
          model.link('serves', measureId, goalId);
        }
      }
    }
    // Right-to-left content with German translations, in "Sprache und Bildung".
    const education = fieldIds.get('Sprache und Bildung')!;
    const farsiGoal = model.create('goal', {
      parentId: education,
      content: { title: FARSI_GOAL, decided: true, owner: 'Jugendamt', due: '2028-08-01' },
    });
    model.setTranslation(farsiGoal, 'title', 'de', FARSI_GOAL_DE);
    const arabicMeasure = model.create('measure', {
      parentId: education,
      content: {
        title: ARABIC_MEASURE,
        owner: 'Volkshochschule Musterland',
        due: '2028-02-15',
        status: 'planned',
        decided: true,
      },
    });
    model.setTranslation(arabicMeasure, 'title', 'de', ARABIC_MEASURE_DE);
    model.link('serves', arabicMeasure, farsiGoal);
    for (const need of data.needs) {
      const fieldId = fieldIds.get(need.field) ?? null;
      const needId = model.create('need', {
        parentId: fieldId,
        content: { text: need.text, lang: need.lang },
      });
      if (need.lang !== 'de') model.setTranslation(needId, 'text', 'de', need.de);
      const goalId = goalIdsByField.get(need.field)?.[0];
      if (goalId) model.link('takenUpBy', needId, goalId);
    }
  });
  return { doc, model, board: () => model.toPlain(), data };
}
