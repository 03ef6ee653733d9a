import { readFileSync } from 'node:fs';
import type { BoardModel, MeasureStatus, StakeholderType } from '@werkraum/model';

interface MusterlandMeasure {
  title: string;
  owner: string;
  due: string;
  status: string;
  decided: boolean;
}

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
      measures: MusterlandMeasure[];
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

export function readMusterland(): Musterland {
  return JSON.parse(
    readFileSync(new URL('../fixtures/musterland.json', import.meta.url), 'utf8'),
  ) as Musterland;
}

/** Writes the Musterland example (shared/examples) into a board through the model API. */
export function fillWithMusterland(model: BoardModel): void {
  const data = readMusterland();
  model.doc.transact(() => {
    model.setMeta({
      municipality: data.municipality,
      title: data.title,
      languages: data.languages,
    });
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
    for (const field of data.fields) {
      const fieldId = model.create('field', { content: { title: field.title } });
      fieldIds.set(field.title, fieldId);
      for (const text of field.istStand) {
        model.create('istStand', { parentId: fieldId, content: { text } });
      }
      for (const goal of field.goals) {
        const goalId = model.create('goal', { parentId: fieldId, content: { title: goal.title } });
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
              decided: m.decided,
            },
          });
          model.link('serves', measureId, goalId);
        }
      }
    }
    for (const need of data.needs) {
      const fieldId = fieldIds.get(need.field) ?? null;
      const needId = model.create('need', {
        parentId: fieldId,
        content: { text: need.text, lang: need.lang },
      });
      const goalId = goalIdsByField.get(need.field)?.[0];
      if (goalId) model.link('takenUpBy', needId, goalId);
    }
  });
}
