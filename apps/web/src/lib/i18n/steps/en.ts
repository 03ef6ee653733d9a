import type { StepMessages } from './types.js';

const plural = (one: string, other: string) => (n: number) => `${n} ${n === 1 ? one : other}`;

/** English strings of the working views of steps 1–6 and the step navigation. */
export const enSteps: StepMessages = {
  steps: {
    openView: 'Working view',
    openViewNamed: (step) => `Open the working view: ${step}`,
    heading: (number, label) => `Step ${number}: ${label}`,
    nav: {
      label: 'Process steps',
      previous: 'Previous step',
      next: 'Next step',
      overview: 'Back to the overview',
    },
    intros: {
      1: 'Win the municipal leadership’s support for the process and agree who works in the steering group.',
      2: 'The steering group agrees what it wants to achieve together, collects fields of action, analyses the stakeholders and fixes the workshop dates.',
      3: 'Refugees name their needs and interests – one contribution per need, in their own language if they like. Afterwards the needs are sorted into fields of action.',
      4: 'Present the results of the consultation and decide the fields of action.',
      5: 'For each field of action: current state (Ist-Stand), first goals, milestones and measures – administration, civil society and business together.',
      6: 'Make the goals concrete (a checklist per goal) and refine the measures: who, by when, how far along.',
    },
    leadership: {
      supportHeading: 'Support from the leadership',
      supportLabel: 'What the municipal leadership commits to (notes)',
      steeringHeading: 'Steering group',
      steeringIntro:
        'Offices, commissioners and organisations that steer the process. Each member’s office or role is noted with them.',
      steeringEmpty: 'Nobody in the steering group yet.',
      member: 'in the steering group',
      memberOf: (name) => `“${name}” is in the steering group`,
      office: 'Office or role',
      addLabel: 'New steering group member',
      addPlaceholder: 'e.g. social welfare office',
      othersHeading: 'Other stakeholders',
      othersEmpty: 'No other stakeholders.',
    },
    kickoff: {
      questionHeading: 'Guiding question',
      question: 'What do we want to achieve together?',
      answersLabel: 'The steering group’s answers',
      gridHeading: 'Stakeholder analysis',
      gridIntro:
        'Who has how much influence on integration locally, and how strong is their interest?',
      gridKeys:
        'Move with the arrow keys: up and down change the influence, sideways the interest.',
      influence: 'Influence',
      interest: 'Interest',
      low: 'low',
      high: 'high',
      position: (name, influence, interest) =>
        `${name}: influence ${influence}, interest ${interest}`,
      display: 'Display',
      asGrid: 'Grid',
      asList: 'List',
      datesHeading: 'Dates of the next meetings',
      datesIntro: 'The dates also appear in the overview of the process steps.',
      stepDate: (number, label) => `Step ${number}: ${label}`,
    },
    consultation: {
      addLabel: 'Your need',
      addPlaceholder: 'What do you need? One point per contribution.',
      language: 'Language of the contribution',
      notOpen: 'You can contribute as soon as the facilitator opens this step.',
      clustersHeading: 'Sorted by field of action',
      unassigned: 'Not in a field of action yet',
      count: plural('need', 'needs'),
      empty: 'Nothing here yet.',
    },
    results: {
      heading: 'Results of the consultation',
      needsCount: plural('need', 'needs'),
      noNeeds: 'No needs assigned.',
      decideHeading: 'Decide the fields of action',
      decided: 'decided',
      decidedOf: (name) => `Field of action “${name}” decided`,
      summary: (decided, total) => `${decided} of ${total} fields of action decided`,
    },
    concrete: {
      goalsEmpty: 'No goals yet. They are set in the analysis workshop (step 5).',
      checklist: 'Checklist',
      specific: 'worded concretely',
      measurable: 'measurable',
      ownerSet: 'owner named',
      dueSet: 'date set',
      owner: 'Responsible',
      due: 'By when',
      met: 'done',
      open: 'open',
      progress: (met, total) => `${met} of ${total} done`,
      measuresHeading: 'Refine the measures',
      measuresEmpty: 'No measures in this field of action yet.',
    },
  },
};
