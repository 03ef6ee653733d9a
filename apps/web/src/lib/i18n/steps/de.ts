import type { StepMessages } from './types.js';

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

/** German strings of the working views of steps 1–6 and the step navigation. */
export const deSteps: StepMessages = {
  steps: {
    openView: 'Arbeitsansicht',
    openViewNamed: (step) => `Arbeitsansicht öffnen: ${step}`,
    heading: (number, label) => `Schritt ${number}: ${label}`,
    nav: {
      label: 'Prozessschritte',
      previous: 'Vorheriger Schritt',
      next: 'Nächster Schritt',
      overview: 'Zur Übersicht',
    },
    intros: {
      1: 'Die kommunale Spitze für den Prozess gewinnen und festlegen, wer in der Steuergruppe mitarbeitet.',
      2: 'Die Steuergruppe klärt, was sie gemeinsam erreichen will, sammelt Handlungsfelder, analysiert die Stakeholder und legt die Termine der Workshops fest.',
      3: 'Geflüchtete nennen ihre Bedürfnisse und Interessen – ein Beitrag je Bedürfnis, gern in der eigenen Sprache. Danach werden sie den Handlungsfeldern zugeordnet.',
      4: 'Die Ergebnisse der Konsultation vorstellen und die Handlungsfelder beschließen.',
      5: 'Je Handlungsfeld: Ist-Stand, erste Ziele, Meilensteine und Maßnahmen – Verwaltung, Zivilgesellschaft und Wirtschaft gemeinsam.',
      6: 'Ziele konkret machen (Checkliste je Ziel) und Maßnahmen schärfen: wer, bis wann, welcher Stand.',
    },
    leadership: {
      supportHeading: 'Unterstützung der Spitze',
      supportLabel: 'Was die kommunale Spitze zusagt (Notizen)',
      steeringHeading: 'Steuergruppe',
      steeringIntro:
        'Ämter, Beauftragte und Träger, die den Prozess steuern. Amt oder Funktion stehen bei jedem Mitglied.',
      steeringEmpty: 'Noch niemand in der Steuergruppe.',
      member: 'in der Steuergruppe',
      memberOf: (name) => `„${name}“ ist in der Steuergruppe`,
      office: 'Amt oder Funktion',
      addLabel: 'Neues Mitglied der Steuergruppe',
      addPlaceholder: 'z. B. Sozialamt',
      othersHeading: 'Weitere Stakeholder',
      othersEmpty: 'Keine weiteren Stakeholder.',
    },
    kickoff: {
      questionHeading: 'Leitfrage',
      question: 'Was wollen wir gemeinsam erreichen?',
      answersLabel: 'Antworten der Steuergruppe',
      gridHeading: 'Stakeholder-Analyse',
      gridIntro:
        'Wer hat wie viel Einfluss auf die Integration vor Ort, und wie groß ist das Interesse?',
      gridKeys:
        'Mit den Pfeiltasten verschieben: hoch und runter ändert den Einfluss, seitwärts das Interesse.',
      influence: 'Einfluss',
      interest: 'Interesse',
      low: 'gering',
      high: 'hoch',
      position: (name, influence, interest) =>
        `${name}: Einfluss ${influence}, Interesse ${interest}`,
      display: 'Darstellung',
      asGrid: 'Raster',
      asList: 'Liste',
      datesHeading: 'Termine der nächsten Treffen',
      datesIntro: 'Die Termine stehen auch in der Übersicht der Prozessschritte.',
      stepDate: (number, label) => `Schritt ${number}: ${label}`,
    },
    consultation: {
      addLabel: 'Dein Bedürfnis',
      addPlaceholder: 'Was brauchst du? Ein Punkt je Beitrag.',
      language: 'Sprache des Beitrags',
      notOpen: 'Beiträge sind möglich, sobald die Moderation diesen Schritt öffnet.',
      clustersHeading: 'Nach Handlungsfeldern geordnet',
      unassigned: 'Noch ohne Handlungsfeld',
      count: plural('Bedürfnis', 'Bedürfnisse'),
      empty: 'Hier ist noch nichts.',
    },
    results: {
      heading: 'Ergebnisse der Konsultation',
      needsCount: plural('Bedürfnis', 'Bedürfnisse'),
      noNeeds: 'Keine Bedürfnisse zugeordnet.',
      decideHeading: 'Handlungsfelder beschließen',
      decided: 'beschlossen',
      decidedOf: (name) => `Handlungsfeld „${name}“ beschlossen`,
      summary: (decided, total) => `${decided} von ${total} Handlungsfeldern beschlossen`,
    },
    concrete: {
      goalsEmpty: 'Noch keine Ziele. Sie entstehen im Analyseworkshop (Schritt 5).',
      checklist: 'Checkliste',
      specific: 'konkret formuliert',
      measurable: 'messbar',
      ownerSet: 'Verantwortlich benannt',
      dueSet: 'Termin gesetzt',
      owner: 'Verantwortlich',
      due: 'Bis wann',
      met: 'erfüllt',
      open: 'offen',
      progress: (met, total) => `${met} von ${total} erfüllt`,
      measuresHeading: 'Maßnahmen schärfen',
      measuresEmpty: 'Noch keine Maßnahmen in diesem Handlungsfeld.',
    },
  },
};
