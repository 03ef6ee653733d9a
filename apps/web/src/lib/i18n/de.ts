import type {
  MeasureStatus,
  PhaseNumber,
  StakeholderType,
  StepKey,
  StepStatus,
} from '@werkraum/model';

/**
 * The German message catalogue: every string the user sees. Later catalogues (incl. RTL
 * languages) implement the same `Messages` type, so a missing key is a type error.
 */
export interface Messages {
  /** BCP 47 tag and writing direction of this catalogue, for `<html lang dir>`. */
  locale: { lang: string; dir: 'ltr' | 'rtl' };
  app: { name: string; tagline: string; skipToContent: string };
  common: { add: string; addNamed: (what: string) => string; delete: string };
  home: {
    title: string;
    intro: string[];
    createHeading: string;
    municipalityLabel: string;
    municipalityPlaceholder: string;
    titleLabel: string;
    titlePlaceholder: string;
    submit: string;
    submitting: string;
    required: (label: string) => string;
    tooLong: (max: number) => string;
    networkError: string;
    unexpectedError: string;
    recentHeading: string;
    recentEmpty: string;
    recentOpened: (when: string) => string;
    recentForget: (title: string) => string;
  };
  errorPage: {
    title: string;
    notFound: string;
    invalidId: string;
    generic: string;
    backHome: string;
  };
  board: {
    loading: string;
    loadFailed: string;
    municipalityLabel: string;
    titleLabel: string;
    linkLabel: string;
    copyLink: string;
    copied: string;
    copyFailed: string;
    backHome: string;
    dismiss: string;
    actionFailed: string;
  };
  connection: {
    label: string;
    connecting: string;
    connected: string;
    reconnecting: string;
    offline: string;
    closed: string;
    synced: string;
    syncing: string;
  };
  peers: {
    heading: string;
    you: string;
    yourName: string;
    alone: string;
    guest: (n: string) => string;
    others: (n: number) => string;
  };
  history: { undo: string; redo: string; undoHint: string; redoHint: string };
  timeline: {
    heading: string;
    phases: Record<PhaseNumber, string>;
    steps: Record<StepKey, string>;
    stepNumber: (n: number) => string;
    date: string;
    status: string;
    notes: string;
    statuses: Record<StepStatus, string>;
  };
  fields: {
    heading: string;
    intro: string;
    addLabel: string;
    addPlaceholder: string;
    add: string;
    empty: string;
    titleLabel: string;
    descriptionLabel: string;
    untitled: string;
    moveUp: (title: string) => string;
    moveDown: (title: string) => string;
    delete: (title: string) => string;
  };
  istStand: {
    heading: string;
    addLabel: string;
    addPlaceholder: string;
    itemLabel: (n: number) => string;
    delete: (n: number) => string;
    empty: string;
  };
  goals: {
    heading: string;
    addLabel: string;
    addPlaceholder: string;
    titleLabel: string;
    descriptionLabel: string;
    untitled: string;
    delete: (title: string) => string;
    empty: string;
  };
  milestones: {
    heading: string;
    addLabel: string;
    addPlaceholder: string;
    titleLabel: string;
    due: string;
    done: string;
    delete: (title: string) => string;
  };
  measures: {
    heading: string;
    unlinkedHeading: string;
    unlinkedHint: string;
    addLabel: string;
    addPlaceholder: string;
    addUnlinkedLabel: string;
    addUnlinkedPlaceholder: string;
    titleLabel: string;
    owner: string;
    due: string;
    status: string;
    decided: string;
    statuses: Record<MeasureStatus, string>;
    delete: (title: string) => string;
    unlink: string;
    assignGoal: string;
    chooseGoal: string;
  };
  stakeholders: {
    heading: string;
    addLabel: string;
    addPlaceholder: string;
    nameLabel: string;
    type: string;
    influence: string;
    interest: string;
    types: Record<StakeholderType, string>;
    delete: (name: string) => string;
    empty: string;
  };
  needs: {
    heading: string;
    intro: string;
    addLabel: string;
    addPlaceholder: string;
    textLabel: (n: number) => string;
    field: string;
    noField: string;
    delete: (n: number) => string;
    empty: string;
  };
  confirm: {
    deleteTitle: (what: string) => string;
    dependents: string;
    noDependents: string;
    confirm: string;
    cancel: string;
    kinds: Record<
      'field' | 'istStand' | 'goal' | 'milestone' | 'measure' | 'stakeholder' | 'need' | 'link',
      (n: number) => string
    >;
  };
}

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

export const de: Messages = {
  locale: { lang: 'de', dir: 'ltr' },
  app: {
    name: 'Werkraum',
    tagline: 'Das gemeinsame Board für die kommunale Netzwerkarbeit',
    skipToContent: 'Zum Inhalt springen',
  },
  common: {
    add: 'Hinzufügen',
    addNamed: (what) => `Hinzufügen: ${what}`,
    delete: 'Löschen',
  },
  home: {
    title: 'Werkraum – gemeinsam an der Integrationsstrategie arbeiten',
    intro: [
      'Werkraum ist ein Board, auf dem Kommunen ihre Netzwerkarbeit für die Integration Geflüchteter gemeinsam planen: von der Steuergruppe über Konsultations- und Analyseworkshops bis zur Überprüfung der Wirksamkeit.',
      'Alle arbeiten live am selben Board – am Laptop, am Handy oder über den Beamer. Wer den Link hat, macht mit, ganz ohne Konto.',
      'Handlungsfelder, Ist-Stand, Ziele, Meilensteine und Maßnahmen bleiben über alle zehn Prozessschritte hinweg verbunden.',
    ],
    createHeading: 'Neues Board',
    municipalityLabel: 'Kommune',
    municipalityPlaceholder: 'z. B. Landkreis Musterland',
    titleLabel: 'Titel',
    titlePlaceholder: 'z. B. Integrationsstrategie 2027',
    submit: 'Board anlegen',
    submitting: 'Board wird angelegt …',
    required: (label) => `Bitte „${label}“ ausfüllen.`,
    tooLong: (max) => `Höchstens ${max} Zeichen.`,
    networkError: 'Der Server ist nicht erreichbar. Bitte später noch einmal versuchen.',
    unexpectedError: 'Das Board konnte nicht angelegt werden.',
    recentHeading: 'Zuletzt auf diesem Gerät geöffnet',
    recentEmpty: 'Auf diesem Gerät wurde noch kein Board geöffnet.',
    recentOpened: (when) => `zuletzt geöffnet ${when}`,
    recentForget: (title) => `„${title}“ aus der Liste entfernen`,
  },
  errorPage: {
    title: 'Da ist etwas schiefgegangen',
    notFound: 'Dieses Board gibt es nicht. Bitte den Link prüfen.',
    invalidId: 'Dieser Link ist unvollständig oder fehlerhaft. Bitte den Link prüfen.',
    generic: 'Die Seite konnte nicht geladen werden.',
    backHome: 'Zur Startseite',
  },
  board: {
    loading: 'Board wird geladen …',
    loadFailed: 'Das Board konnte nicht geladen werden.',
    municipalityLabel: 'Kommune',
    titleLabel: 'Titel des Boards',
    linkLabel: 'Link zum Board',
    copyLink: 'Link kopieren',
    copied: 'Link kopiert',
    copyFailed: 'Kopieren nicht möglich – bitte den Link markieren und kopieren.',
    backHome: 'Startseite',
    dismiss: 'Hinweis schließen',
    actionFailed: 'Die Änderung konnte nicht gespeichert werden.',
  },
  connection: {
    label: 'Verbindung',
    connecting: 'verbinde …',
    connected: 'verbunden',
    reconnecting: 'verbinde neu …',
    offline: 'offline',
    closed: 'Verbindung beendet',
    synced: 'synchronisiert',
    syncing: 'wird synchronisiert',
  },
  peers: {
    heading: 'Wer ist da',
    you: '(du)',
    yourName: 'Dein Name',
    alone: 'nur du',
    guest: (n) => `Gast ${n}`,
    others: (n) => (n === 1 ? '1 weitere Person' : `${n} weitere Personen`),
  },
  history: {
    undo: 'Rückgängig',
    redo: 'Wiederholen',
    undoHint: 'Eigene Änderung rückgängig machen (Strg+Z)',
    redoHint: 'Eigene Änderung wiederholen (Strg+Umschalt+Z)',
  },
  timeline: {
    heading: 'Prozessschritte',
    phases: {
      1: 'Prozess etablieren',
      2: 'Strategie entwickeln',
      3: 'Strategie umsetzen',
    },
    steps: {
      leadershipTalk: 'Gespräch mit kommunaler Spitze',
      kickoff: 'Auftakttreffen der Steuergruppe',
      consultation: 'Konsultationsworkshop',
      secondSteering: 'Zweites Treffen der Steuergruppe',
      analysis: 'Analyseworkshop',
      steeringReview: 'Treffen der Steuergruppe',
      leadershipDecision: 'Gespräch mit kommunaler Spitze',
      presentation: 'Präsentation der Ergebnisse',
      quarterly: 'Quartalstreffen der Steuergruppe',
      review: 'Wirksamkeit überprüfen',
    },
    stepNumber: (n) => `Schritt ${n}`,
    date: 'Datum',
    status: 'Status',
    notes: 'Notizen',
    statuses: { planned: 'geplant', active: 'läuft', done: 'erledigt' },
  },
  fields: {
    heading: 'Handlungsfelder',
    intro: 'Je Handlungsfeld: Ist-Stand, Ziele mit Meilensteinen und Maßnahmen.',
    addLabel: 'Neues Handlungsfeld',
    addPlaceholder: 'z. B. Arbeit und Ausbildung',
    add: 'Hinzufügen',
    empty: 'Noch keine Handlungsfelder. Lege oben das erste an.',
    titleLabel: 'Name des Handlungsfelds',
    descriptionLabel: 'Beschreibung',
    untitled: 'Handlungsfeld ohne Namen',
    moveUp: (title) => `„${title}“ nach oben`,
    moveDown: (title) => `„${title}“ nach unten`,
    delete: (title) => `Handlungsfeld „${title}“ löschen`,
  },
  istStand: {
    heading: 'Ist-Stand',
    addLabel: 'Neuer Punkt zum Ist-Stand',
    addPlaceholder: 'Ist-Stand: Was gibt es schon?',
    itemLabel: (n) => `Ist-Stand, Punkt ${n}`,
    delete: (n) => `Ist-Stand-Punkt ${n} löschen`,
    empty: 'Noch nichts erfasst.',
  },
  goals: {
    heading: 'Ziele',
    addLabel: 'Neues Ziel',
    addPlaceholder: 'Neues Ziel: Was wollen wir erreichen?',
    titleLabel: 'Ziel',
    descriptionLabel: 'Beschreibung des Ziels',
    untitled: 'Ziel ohne Titel',
    delete: (title) => `Ziel „${title}“ löschen`,
    empty: 'Noch keine Ziele.',
  },
  milestones: {
    heading: 'Meilensteine',
    addLabel: 'Neuer Meilenstein',
    addPlaceholder: 'Neuer Meilenstein',
    titleLabel: 'Meilenstein',
    due: 'Bis',
    done: 'erreicht',
    delete: (title) => `Meilenstein „${title}“ löschen`,
  },
  measures: {
    heading: 'Maßnahmen',
    unlinkedHeading: 'Maßnahmen ohne Ziel',
    unlinkedHint: 'Diese Maßnahmen gehören zum Handlungsfeld, dienen aber noch keinem Ziel.',
    addLabel: 'Maßnahme hinzufügen',
    addPlaceholder: 'Neue Maßnahme für dieses Ziel',
    addUnlinkedLabel: 'Maßnahme ohne Ziel hinzufügen',
    addUnlinkedPlaceholder: 'Neue Maßnahme ohne Ziel',
    titleLabel: 'Maßnahme',
    owner: 'Verantwortlich',
    due: 'Bis',
    status: 'Status',
    decided: 'beschlossen',
    statuses: {
      planned: 'geplant',
      inProgress: 'in Umsetzung',
      done: 'umgesetzt',
      dropped: 'verworfen',
    },
    delete: (title) => `Maßnahme „${title}“ löschen`,
    unlink: 'Von diesem Ziel lösen',
    assignGoal: 'Einem Ziel zuordnen',
    chooseGoal: '– Ziel wählen –',
  },
  stakeholders: {
    heading: 'Stakeholder',
    addLabel: 'Neuer Stakeholder',
    addPlaceholder: 'z. B. Jobcenter',
    nameLabel: 'Name',
    type: 'Art',
    influence: 'Einfluss (1–5)',
    interest: 'Interesse (1–5)',
    types: {
      administration: 'Verwaltung',
      politics: 'Politik',
      civilSociety: 'Zivilgesellschaft',
      migrantOrganisation: 'Migrant*innenorganisation',
      business: 'Wirtschaft',
      education: 'Bildung',
      other: 'Sonstige',
    },
    delete: (name) => `Stakeholder „${name}“ löschen`,
    empty: 'Noch keine Stakeholder erfasst.',
  },
  needs: {
    heading: 'Bedürfnisse',
    intro: 'Was Geflüchtete im Konsultationsworkshop genannt haben.',
    addLabel: 'Neues Bedürfnis',
    addPlaceholder: 'Was ist wichtig?',
    textLabel: (n) => `Bedürfnis ${n}`,
    field: 'Handlungsfeld',
    noField: '– noch keinem zugeordnet –',
    delete: (n) => `Bedürfnis ${n} löschen`,
    empty: 'Noch keine Bedürfnisse erfasst.',
  },
  confirm: {
    deleteTitle: (what) => `„${what}“ löschen?`,
    dependents: 'Damit wird auch gelöscht:',
    noDependents: 'Daran hängt nichts weiter.',
    confirm: 'Löschen',
    cancel: 'Abbrechen',
    kinds: {
      field: plural('Handlungsfeld', 'Handlungsfelder'),
      istStand: plural('Ist-Stand-Punkt', 'Ist-Stand-Punkte'),
      goal: plural('Ziel', 'Ziele'),
      milestone: plural('Meilenstein', 'Meilensteine'),
      measure: plural('Maßnahme', 'Maßnahmen'),
      stakeholder: plural('Stakeholder', 'Stakeholder'),
      need: plural('Bedürfnis', 'Bedürfnisse'),
      link: plural('Verknüpfung', 'Verknüpfungen'),
    },
  },
};
