import type { SessionErrorCode } from '../session/protocol.js';
import type {
  ItemKind,
  MeasureStatus,
  Role,
  PhaseNumber,
  StakeholderType,
  StepKey,
  StepStatus,
} from '@werkraum/model';
import { deSteps } from './steps/de.js';
import type { StepMessages } from './steps/types.js';
import { deTools, type ToolMessages } from './tools/de.js';
import { deProcess, type ProcessMessages } from './process/de.js';

/**
 * The German message catalogue: every string the user sees. Later catalogues (incl. RTL
 * languages) implement the same `Messages` type, so a missing key is a type error.
 */
export interface Messages extends ToolMessages, StepMessages, ProcessMessages {
  /** BCP 47 tag and writing direction of this catalogue, for `<html lang dir>`. */
  locale: { lang: string; dir: 'ltr' | 'rtl' };
  /** The language switcher and the language of each contribution. */
  language: { label: string; itemLanguage: string };
  /** Translations of a contribution, added by bilingual people. */
  translations: {
    add: string;
    heading: string;
    language: string;
    chooseLanguage: string;
    text: (language: string) => string;
    done: string;
  };
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
    recentRole: (role: string) => string;
    recentNoAccess: string;
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
  join: {
    heading: string;
    explanation: string;
    nameLabel: string;
    withName: string;
    anonymous: string;
    problems: { empty: string; tooLong: (max: number) => string; control: string };
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
  roles: {
    names: Record<Role, string>;
    badge: (role: string) => string;
    descriptions: Record<Role, string>;
  };
  access: {
    checking: string;
    missingTitle: string;
    missingText: string;
    revokedTitle: string;
    revokedText: string;
    deletedTitle: string;
    deletedText: string;
    failedTitle: string;
    failedText: string;
    retry: string;
    writeRefused: string;
    writeRefusedDetail: string;
    rateLimited: string;
    readOnlyHint: string;
    viewerNote: string;
  };
  links: {
    heading: string;
    intro: string;
    show: string;
    hide: string;
    linkLabel: (role: string) => string;
    unknown: string;
    generate: string;
    rotate: string;
    rotateFor: (role: string) => string;
    generateFor: (role: string) => string;
    rotateTitle: (role: string) => string;
    rotateText: string;
    rotateOwnText: string;
    rotateConfirm: string;
    rotateFailed: string;
    rotated: (role: string) => string;
    copyFor: (role: string) => string;
    qrShow: (role: string) => string;
    qrHide: string;
    qrAlt: (role: string) => string;
    shareLabel: string;
    ownLabel: string;
  };
  session: {
    heading: string;
    openStepLabel: string;
    noStep: string;
    editAll: string;
    editAllHint: string;
    stepOption: (n: number, label: string) => string;
  };
  live: {
    heading: string;
    problem: string;
    errors: Record<SessionErrorCode, string>;
    offline: string;
    agenda: {
      label: string;
      hint: string;
      show: string;
      clear: string;
      current: string;
    };
    focus: {
      button: (name: string) => string;
      short: string;
      clear: string;
      badge: string;
      noFollow: string;
      current: (name: string) => string;
    };
    timer: {
      heading: string;
      label: string;
      minutes: string;
      start: string;
      preset: (n: number) => string;
      presetLabel: (n: number) => string;
      pause: string;
      resume: string;
      add: (n: number) => string;
      addLabel: (n: number) => string;
      reset: string;
      ended: string;
      paused: string;
      running: string;
      idle: string;
      remaining: (time: string) => string;
    };
    lock: {
      board: string;
      field: (name: string) => string;
      fieldShort: string;
      badge: string;
      boardText: string;
      fieldText: string;
    };
    vote: {
      heading: string;
      dots: string;
      start: (field: string) => string;
      startShort: string;
      running: string;
      runningIn: (field: string) => string;
      remaining: (n: number) => string;
      anonymous: string;
      cast: (name: string) => string;
      retract: (name: string) => string;
      mine: (n: number) => string;
      reveal: string;
      cancel: string;
      results: (field: string) => string;
      points: (n: number) => string;
      voters: (n: number) => string;
      otherField: string;
    };
    collect: {
      toggle: string;
      hint: string;
      queueHeading: (n: number) => string;
      queueEmpty: string;
      reveal: string;
      revealLabel: (text: string) => string;
      revealAll: string;
      discard: string;
      discardLabel: (text: string) => string;
      discardQuestion: (text: string) => string;
      discardYes: string;
      discardNo: string;
      from: (name: string) => string;
      pendingHeading: string;
      pending: string;
      submitted: string;
      in: (where: string) => string;
    };
    presence: {
      heading: string;
      counts: string;
      count: (role: string, n: number) => string;
      editing: (title: string) => string;
      nobody: string;
      roleGroup: (role: string, n: number) => string;
    };
    beamer: {
      open: string;
      openHint: string;
      joinHeading: string;
      joinText: string;
      joinUnknown: string;
      participants: (n: number) => string;
      overview: string;
      empty: string;
      qrLabel: string;
      stepLabel: (n: number, title: string) => string;
      inField: (name: string) => string;
    };
  };
  participation: {
    open: (step: string) => string;
    canAdd: (kinds: string) => string;
    own: string;
    all: string;
    closed: string;
    badge: string;
    kinds: Record<ItemKind, string>;
  };
  manage: {
    heading: string;
    exportButton: string;
    exporting: string;
    exportHint: string;
    exportFailed: string;
    deleteButton: string;
    deleteTitle: string;
    deleteText: string;
    deleteTypeLabel: (title: string) => string;
    deleteConfirm: string;
    deleting: string;
    deleteFailed: string;
    deletedNotice: string;
    retention: (date: string) => string;
  };
  importBoard: {
    heading: string;
    text: string;
    label: string;
    importing: string;
    invalidFile: string;
    failed: string;
  };
  /** The read-only outline of the whole board (headings and nested lists, for screen readers). */
  outline: {
    toggle: string;
    heading: string;
    intro: string;
    phase: (n: number, name: string) => string;
    step: (n: number, name: string) => string;
    none: string;
  };
  /** The polite live region: other people's changes, summarised. */
  announce: { remoteChanges: (n: number) => string };
  /** Weak wifi: the local copy, unsynced changes and their confirmation (offline notice). */
  offline: {
    offline: string;
    noServer: string;
    unsynced: (n: number) => string;
    whenBack: string;
    saving: string;
    saved: string;
    viewOnly: string;
    openedOffline: string;
    refusedDropped: string;
    /** For the privacy page: what the local copy is and when it goes. */
    privacyNote: string;
  };
  /** The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 12a BGG). */
  statement: {
    title: string;
    intro: string;
    statusHeading: string;
    status: string;
    gapsHeading: string;
    gapsIntro: string;
    gaps: { text: string; reason: string }[];
    preparationHeading: string;
    prepared: (date: string) => string;
    method: string;
    feedbackHeading: string;
    feedbackText: string;
    contactLabel: string;
    contactMissing: string;
    enforcementHeading: string;
    enforcement: string[];
    enforcementBodyLabel: string;
    federalBody: string;
    backHome: string;
  };
  footer: { privacy: string; label: string; accessibility: string };
  privacy: {
    title: string;
    intro: string;
    sections: { heading: string; paragraphs: string[] }[];
    backHome: string;
  };
  confirm: {
    deleteTitle: (what: string) => string;
    dependents: string;
    noDependents: string;
    confirm: string;
    cancel: string;
    kinds: Record<Exclude<ItemKind, 'step'>, (n: number) => string>;
  };
}

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

export const de: Messages = {
  locale: { lang: 'de', dir: 'ltr' },
  language: { label: 'Sprache', itemLanguage: 'Sprache des Beitrags' },
  translations: {
    add: 'Übersetzung hinzufügen',
    heading: 'Übersetzungen',
    language: 'Sprache der Übersetzung',
    chooseLanguage: '– Sprache wählen –',
    text: (language) => `Übersetzung (${language})`,
    done: 'Fertig',
  },
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
    recentForget: (title) => `„${title}“ auf diesem Gerät vergessen (auch den gespeicherten Link)`,
    recentRole: (role) => `Rolle: ${role}`,
    recentNoAccess: 'kein Zugangslink gespeichert',
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
  join: {
    heading: 'Wie möchtest du teilnehmen?',
    explanation:
      'Dein Name erscheint bei den anderen Anwesenden und an deinen Beiträgen. Er wird nicht protokolliert.',
    nameLabel: 'Dein Name',
    withName: 'Mit Namen teilnehmen',
    anonymous: 'Anonym teilnehmen',
    problems: {
      empty: 'Bitte gib einen Namen ein – oder nimm anonym teil.',
      tooLong: (max) => `Der Name darf höchstens ${max} Zeichen lang sein.`,
      control: 'Der Name darf keine Steuerzeichen enthalten.',
    },
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
  roles: {
    names: {
      facilitator: 'Moderation',
      steering: 'Steuergruppe',
      participant: 'Teilnahme',
      viewer: 'Beamer-Ansicht',
    },
    badge: (role) => `Deine Rolle: ${role}`,
    descriptions: {
      facilitator: 'Bearbeitet alles, leitet die Sitzung, verwaltet die Links.',
      steering: 'Bearbeitet alles, ohne Sitzungssteuerung.',
      participant: 'Trägt im geöffneten Schritt eigene Beiträge bei.',
      viewer: 'Nur lesen – für den Beamer.',
    },
  },
  access: {
    checking: 'Zugang wird geprüft …',
    missingTitle: 'Für dieses Board fehlt der Zugangslink',
    missingText:
      'Boards öffnen sich nur über ihren persönlichen Link. Bitte den vollständigen Link verwenden, den du von der Moderation bekommen hast.',
    revokedTitle: 'Dieser Link gilt nicht mehr',
    revokedText:
      'Die Moderation hat den Link erneuert. Bitte frag nach dem neuen Link für dieses Board.',
    deletedTitle: 'Dieses Board wurde gelöscht',
    deletedText:
      'Die Moderation hat das Board mit allen Inhalten gelöscht. Es wurde auch von diesem Gerät entfernt.',
    failedTitle: 'Das Board ist gerade nicht erreichbar',
    failedText: 'Der Server antwortet nicht. Bitte gleich noch einmal versuchen.',
    retry: 'Noch einmal versuchen',
    writeRefused: 'Diese Änderung ist nicht erlaubt und wurde verworfen.',
    writeRefusedDetail: 'Das Board zeigt wieder den gespeicherten Stand.',
    rateLimited: 'Gerade sind sehr viele verbunden. Neuer Versuch in wenigen Sekunden …',
    readOnlyHint: 'Nur lesen: Dieses Feld kannst du gerade nicht bearbeiten.',
    viewerNote: 'Beamer-Ansicht: nur lesen.',
  },
  links: {
    heading: 'Zugangslinks',
    intro:
      'Jede Rolle hat einen eigenen geheimen Link. Der Server speichert die Links nur als Hash, nie lesbar; sichtbar sind sie nur auf dem Gerät, das sie erzeugt hat.',
    show: 'Zugangslinks anzeigen',
    hide: 'Zugangslinks ausblenden',
    linkLabel: (role) => `Link für ${role}`,
    unknown: 'Auf diesem Gerät nicht bekannt.',
    generate: 'Neuen Link erzeugen',
    rotate: 'Link erneuern',
    rotateFor: (role) => `Link für ${role} erneuern`,
    generateFor: (role) => `Neuen Link für ${role} erzeugen`,
    rotateTitle: (role) => `Link für ${role} erneuern?`,
    rotateText:
      'Der bisherige Link hört sofort auf zu funktionieren – für alle, die ihn benutzen. Wer weiter mitarbeiten soll, braucht den neuen Link.',
    rotateOwnText:
      'Das ist dein eigener Link: Dieses Gerät wechselt sofort auf den neuen Link. Alle anderen Geräte mit dem alten Moderationslink verlieren den Zugang.',
    rotateConfirm: 'Link erneuern',
    rotateFailed: 'Der Link konnte nicht erneuert werden.',
    rotated: (role) => `Neuer Link für ${role} erzeugt.`,
    copyFor: (role) => `Link für ${role} kopieren`,
    qrShow: (role) => `QR-Code für ${role} zeigen`,
    qrHide: 'QR-Code ausblenden',
    qrAlt: (role) => `QR-Code mit dem Link für ${role}`,
    shareLabel: 'Link für Teilnehmende',
    ownLabel: 'Dein Link zum Board',
  },
  session: {
    heading: 'Live-Sitzung',
    openStepLabel: 'Für Beiträge der Teilnehmenden geöffnet',
    noStep: '– kein Schritt geöffnet –',
    editAll: 'Teilnehmende dürfen alle Beiträge bearbeiten und löschen',
    editAllHint: 'Sonst nur ihre eigenen.',
    stepOption: (n, label) => `Schritt ${n}: ${label}`,
  },
  live: {
    heading: 'Live-Sitzung',
    problem: 'Nicht ausgeführt:',
    errors: {
      bad_request: 'Die Eingabe wurde nicht angenommen.',
      forbidden: 'Das darf diese Rolle nicht.',
      not_found: 'Das gibt es (nicht mehr) auf dem Board.',
      rate_limited: 'Zu viele Befehle in kurzer Zeit – bitte einen Moment warten.',
      internal: 'Auf dem Server ist ein Fehler aufgetreten.',
      unavailable: 'Keine Verbindung zur Live-Sitzung – bitte gleich noch einmal versuchen.',
    },
    offline: 'Live-Sitzung: verbinde …',
    agenda: {
      label: 'Aktueller Tagesordnungspunkt',
      hint: 'Erscheint bei allen und auf dem Beamer.',
      show: 'Anzeigen',
      clear: 'Leeren',
      current: 'Jetzt',
    },
    focus: {
      button: (name) => `Fokus auf „${name}“ setzen`,
      short: 'Fokus',
      clear: 'Fokus aufheben',
      badge: 'Im Fokus',
      noFollow: 'Fokus nicht folgen',
      current: (name) => `Im Fokus: ${name}`,
    },
    timer: {
      heading: 'Timer',
      label: 'Timer',
      minutes: 'Minuten',
      start: 'Starten',
      preset: (n) => `${n} Min.`,
      presetLabel: (n) => `Timer mit ${n} Minuten starten`,
      pause: 'Pause',
      resume: 'Weiter',
      add: (n) => `+${n} Min.`,
      addLabel: (n) => (n === 1 ? '1 Minute hinzufügen' : `${n} Minuten hinzufügen`),
      reset: 'Zurücksetzen',
      ended: 'Zeit abgelaufen',
      paused: 'pausiert',
      running: 'läuft',
      idle: 'nicht gestartet',
      remaining: (time) => `noch ${time}`,
    },
    lock: {
      board: 'Board sperren',
      field: (name) => `Feld „${name}“ sperren`,
      fieldShort: 'Feld sperren',
      badge: 'Gesperrt',
      boardText: 'Das Board ist gesperrt: Nur die Moderation kann gerade etwas ändern.',
      fieldText: 'Dieses Feld ist gesperrt: Nur die Moderation kann hier gerade etwas ändern.',
    },
    vote: {
      heading: 'Punkte-Abstimmung',
      dots: 'Punkte pro Person',
      start: (field) => `Abstimmung in „${field}“ starten`,
      startShort: 'Abstimmung starten',
      running: 'Abstimmung läuft',
      runningIn: (field) => `Abstimmung läuft: ${field}`,
      remaining: (n) => (n === 1 ? 'noch 1 Punkt' : `noch ${n} Punkte`),
      anonymous:
        'Die Abstimmung ist anonym: Die Punkte der anderen sind erst mit dem Ergebnis zu sehen.',
      cast: (name) => `Punkt geben: ${name}`,
      retract: (name) => `Punkt zurücknehmen: ${name}`,
      mine: (n) => (n === 1 ? '1 Punkt von dir' : `${n} Punkte von dir`),
      reveal: 'Ergebnis zeigen',
      cancel: 'Abstimmung abbrechen',
      results: (field) => `Ergebnis der Abstimmung: ${field}`,
      points: (n) => (n === 1 ? '1 Punkt' : `${n} Punkte`),
      voters: (n) => (n === 1 ? '1 Person hat abgestimmt' : `${n} Personen haben abgestimmt`),
      otherField: 'Eine andere Abstimmung läuft gerade.',
    },
    collect: {
      toggle: 'Beiträge erst nach Freigabe zeigen',
      hint: 'Neue Beiträge der Teilnehmenden warten, bis die Moderation sie freigibt.',
      queueHeading: (n) => `Warten auf Freigabe (${n})`,
      queueEmpty: 'Keine Beiträge in der Warteschlange.',
      reveal: 'Freigeben',
      revealLabel: (text) => `„${text}“ freigeben`,
      revealAll: 'Alle freigeben',
      discard: 'Verwerfen',
      discardLabel: (text) => `„${text}“ verwerfen`,
      discardQuestion: (text) =>
        `„${text}“ wirklich verwerfen? Das lässt sich nicht rückgängig machen.`,
      discardYes: 'Ja, verwerfen',
      discardNo: 'Behalten',
      from: (name) => `von ${name}`,
      pendingHeading: 'Deine Beiträge',
      pending: 'wartet auf Freigabe',
      submitted: 'Dein Beitrag wartet auf die Freigabe durch die Moderation.',
      in: (where) => `in ${where}`,
    },
    presence: {
      heading: 'Anwesend',
      counts: 'Anwesend nach Rolle',
      count: (role, n) => `${role}: ${n}`,
      editing: (title) => `bearbeitet „${title}“`,
      nobody: 'Noch niemand verbunden.',
      roleGroup: (role, n) => `${role} (${n})`,
    },
    beamer: {
      open: 'Beamer-Ansicht öffnen',
      openHint: 'Öffnet die Ansicht für den Projektor in einem neuen Fenster.',
      joinHeading: 'Mitmachen',
      joinText: 'QR-Code scannen oder Link eingeben:',
      joinUnknown:
        'Der Teilnahme-Link ist auf diesem Gerät nicht bekannt. Die Moderation kann ihn unter „Links“ neu erzeugen.',
      participants: (n) => (n === 1 ? '1 Person dabei' : `${n} Personen dabei`),
      overview: 'Handlungsfelder',
      empty: 'Noch keine Handlungsfelder.',
      qrLabel: 'QR-Code mit dem Link zum Mitmachen',
      stepLabel: (n, title) => `Schritt ${n}: ${title}`,
      inField: (name) => `Handlungsfeld: ${name}`,
    },
  },
  participation: {
    open: (step) => `Für Beiträge geöffnet: ${step}.`,
    canAdd: (kinds) => `Du kannst hinzufügen: ${kinds}.`,
    own: 'Bearbeiten und löschen kannst du deine eigenen Beiträge.',
    all: 'Die Moderation hat erlaubt, alle Beiträge zu bearbeiten.',
    closed: 'Gerade ist kein Schritt für Beiträge geöffnet. Du kannst das Board ansehen.',
    badge: 'für Beiträge geöffnet',
    kinds: {
      step: 'Prozessschritte',
      field: 'Handlungsfelder',
      stakeholder: 'Stakeholder',
      need: 'Bedürfnisse',
      istStand: 'Ist-Stand',
      goal: 'Ziele',
      milestone: 'Meilensteine',
      measure: 'Maßnahmen',
      link: 'Verknüpfungen',
      comment: 'Kommentare',
      report: 'Berichte',
      statusEntry: 'Statuseinträge',
      goalReview: 'Zielbewertungen',
    },
  },
  manage: {
    heading: 'Board verwalten',
    exportButton: 'Export herunterladen (JSON)',
    exporting: 'Export wird erstellt …',
    exportHint: 'Alle Inhalte des Boards als Datei – zum Archivieren oder Umziehen.',
    exportFailed: 'Der Export ist fehlgeschlagen.',
    deleteButton: 'Board löschen …',
    deleteTitle: 'Board endgültig löschen?',
    deleteText:
      'Das Board wird mit allen Inhalten sofort und endgültig gelöscht. Alle Links hören auf zu funktionieren. Das lässt sich nicht rückgängig machen – lade vorher den Export herunter, wenn du die Inhalte behalten willst.',
    deleteTypeLabel: (title) => `Zum Bestätigen den Titel eingeben: „${title}“`,
    deleteConfirm: 'Endgültig löschen',
    deleting: 'Wird gelöscht …',
    deleteFailed: 'Das Board konnte nicht gelöscht werden.',
    deletedNotice: 'Das Board wurde gelöscht.',
    retention: (date) => `Wird am ${date} gelöscht, wenn niemand mehr daran arbeitet.`,
  },
  importBoard: {
    heading: 'Board aus Datei importieren',
    text: 'Eine Export-Datei (JSON) eines Werkraum-Boards wird zu einem neuen Board mit neuen Links. Du moderierst es.',
    label: 'Export-Datei wählen',
    importing: 'Board wird importiert …',
    invalidFile: 'Diese Datei ist kein Werkraum-Export (JSON).',
    failed: 'Der Import ist fehlgeschlagen.',
  },
  outline: {
    toggle: 'Gliederungsansicht',
    heading: 'Gliederung des Boards',
    intro:
      'Das ganze Board zum Lesen, mit Überschriften und Listen: Prozessschritte, Handlungsfelder mit Ist-Stand, Zielen, Meilensteinen und Maßnahmen. Bearbeiten kannst du es in der Board-Ansicht.',
    phase: (n, name) => `Phase ${n}: ${name}`,
    step: (n, name) => `Schritt ${n}: ${name}`,
    none: 'Noch keine Einträge.',
  },
  announce: {
    remoteChanges: (n) => (n === 1 ? '1 Änderung von anderen' : `${n} Änderungen von anderen`),
  },
  offline: {
    offline: 'Offline – deine Änderungen bleiben auf diesem Gerät erhalten.',
    noServer: 'Keine Verbindung zum Server – deine Änderungen bleiben auf diesem Gerät erhalten.',
    unsynced: (n) =>
      n === 1
        ? 'Änderungen an 1 Eintrag sind noch nicht gespeichert.'
        : `Änderungen an ${n} Einträgen sind noch nicht gespeichert.`,
    whenBack: 'Sie werden gesendet, sobald die Verbindung wieder steht.',
    saving: 'Wieder verbunden – deine Änderungen werden gespeichert …',
    saved: 'Wieder verbunden – alle Änderungen gespeichert.',
    viewOnly: 'Offline – das Board zeigt den zuletzt geladenen Stand.',
    openedOffline:
      'Aus der Kopie auf diesem Gerät geöffnet – der Server ist gerade nicht erreichbar.',
    refusedDropped:
      'Die Kopie des Boards auf diesem Gerät wurde verworfen, samt noch nicht gespeicherter Änderungen.',
    privacyNote:
      'Außerdem eine Kopie jedes Boards, das du auf diesem Gerät öffnest (in der Datenbank des Browsers), damit es auch ohne Verbindung erreichbar bleibt und Änderungen erhalten bleiben, bis der Server sie hat. „Vergessen“ auf der Startseite löscht sie; ebenso das Löschen des Boards oder ein ungültig gewordener Link.',
  },
  statement: {
    title: 'Erklärung zur Barrierefreiheit',
    intro:
      'Öffentliche Stellen sind nach dem Behindertengleichstellungsgesetz (BGG) und den Gesetzen der Länder verpflichtet, ihre Websites und mobilen Anwendungen barrierefrei zu gestalten. Diese Erklärung gilt für die Anwendung Werkraum auf diesem Server. Betrieben wird sie von der Stelle, die unter „Feedback und Kontakt“ genannt ist.',
    statusHeading: 'Stand der Vereinbarkeit mit den Anforderungen',
    status:
      'Werkraum ist wegen der unten genannten Unvereinbarkeiten teilweise mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) vereinbar. Maßstab sind die Erfolgskriterien der WCAG 2.1 auf Stufe AA (EN 301 549).',
    gapsHeading: 'Nicht barrierefreie Inhalte',
    gapsIntro: 'Die folgenden Inhalte sind nicht oder nur eingeschränkt barrierefrei:',
    gaps: [
      {
        text: 'Es gibt keine Informationen in Deutscher Gebärdensprache und in Leichter Sprache (§ 4 BITV 2.0).',
        reason: 'Sie sind noch nicht erstellt worden.',
      },
      {
        text: 'Die Beamer-Ansicht ist für die Projektion gebaut: Sie hat ein festes Layout ohne Scrollen. Bei starker Vergrößerung oder sehr viel Inhalt wird Text abgeschnitten.',
        reason:
          'Auf der Leinwand soll alles auf einmal sichtbar sein. Dieselben Inhalte stehen vollständig auf dem Board und in der Gliederungsansicht.',
      },
      {
        text: 'Eingabefelder für Titel (Board, Handlungsfelder, Ziele, Maßnahmen) zeigen ihren Rahmen erst beim Überfahren mit der Maus oder beim Fokussieren (Kontrast von Bedienelementen, WCAG 1.4.11).',
        reason:
          'Titel sollen wie Überschriften lesbar bleiben. Das Feld hat einen sichtbaren Namen und ist mit der Tastatur erreichbar.',
      },
      {
        text: 'Änderungen anderer Personen werden Screenreadern nur zusammengefasst angesagt („3 Änderungen von anderen“), nicht im Einzelnen.',
        reason:
          'In Workshops ändern viele Personen gleichzeitig; Einzelansagen würden die Arbeit unmöglich machen. Die Gliederungsansicht zeigt den aktuellen Stand.',
      },
      {
        text: 'Übersetzungen der Oberfläche (außer Deutsch) stammen von Freiwilligen und sind teilweise noch nicht geprüft.',
        reason: 'Die Prüfung durch Muttersprachlerinnen und Muttersprachler steht noch aus.',
      },
      {
        text: 'Werkraum wurde noch nicht mit Screenreadern (NVDA, JAWS, VoiceOver, TalkBack) in allen Abläufen getestet.',
        reason: 'Die Prüfung mit Hilfsmitteln und mit Betroffenen ist geplant.',
      },
    ],
    preparationHeading: 'Erstellung dieser Erklärung',
    prepared: (date) => `Diese Erklärung wurde am ${date} erstellt.`,
    method:
      'Grundlage ist eine Selbstbewertung: Alle Seiten und Dialoge wurden auf Deutsch und Arabisch automatisch mit axe-core gegen WCAG 2.1 A und AA geprüft (die Beamer-Ansicht zusätzlich auf einen Kontrast von 7:1), und ein Ablauf wurde nur mit der Tastatur getestet. Außerdem wurden eine Breite von 360 Pixeln, 200 % Vergrößerung, Mindestgrößen von Schaltflächen und reduzierte Bewegung geprüft.',
    feedbackHeading: 'Feedback und Kontakt',
    feedbackText:
      'Sind dir Mängel beim barrierefreien Zugang zu Werkraum aufgefallen, oder brauchst du Inhalte in einer anderen Form? Dann melde dich bitte bei:',
    contactLabel: 'Kontakt für Barrierefreiheit',
    contactMissing:
      '[Von der betreibenden Kommune anzupassen: Name der Stelle, E-Mail-Adresse und Telefonnummer. Einzutragen in der Server-Einstellung ACCESSIBILITY_CONTACT.]',
    enforcementHeading: 'Durchsetzungsverfahren',
    enforcement: [
      'Wenn du auf deine Rückmeldung innerhalb von sechs Wochen keine zufriedenstellende Antwort erhältst, kannst du ein Schlichtungs- oder Durchsetzungsverfahren einleiten. Es ist kostenlos; du brauchst keinen Rechtsbeistand.',
      'Für Stellen des Bundes ist die Schlichtungsstelle nach § 16 BGG zuständig. Für Kommunen und Landesbehörden ist es die Schlichtungs- oder Durchsetzungsstelle des jeweiligen Landes.',
    ],
    enforcementBodyLabel: 'Zuständige Stelle',
    federalBody:
      'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen (www.schlichtungsstelle-bgg.de)',
    backHome: 'Zur Startseite',
  },
  footer: { privacy: 'Datenschutz', label: 'Fußzeile', accessibility: 'Barrierefreiheit' },
  privacy: {
    title: 'Datenschutz',
    intro:
      'Werkraum ist ohne Konto nutzbar und erhebt so wenig Daten wie möglich. Hier steht, was gespeichert wird, wo, wie lange, und welche Rechte du hast.',
    sections: [
      {
        heading: 'Was gespeichert wird',
        paragraphs: [
          'Der Inhalt der Boards: Prozessschritte, Handlungsfelder, Ziele, Maßnahmen und alle anderen Beiträge.',
          'An jedem Beitrag der Name oder das Pseudonym, das die verfassende Person gewählt hat, und eine zufällige Kennung ihres Geräts (kein Rückschluss auf die Person). Wer anonym teilnimmt, erscheint als „Gast“ mit einer Nummer.',
          'Die Zugangslinks nur als Hash: Der Server kann damit prüfen, ob ein Link gilt, ihn aber nicht wiederherstellen.',
          'Es gibt keine Konten, kein Tracking, keine Analyse-Werkzeuge und keine Cookies. Die Seite lädt nichts von fremden Servern (keine externen Schriften, keine CDN).',
          'Wer gerade auf einem Board ist (Name, Farbe), wird nur während der Verbindung an die anderen übertragen und nicht gespeichert.',
          'Auf deinem Gerät (im Browser-Speicher) liegen: dein Name oder Pseudonym, eine zufällige Autorenkennung sowie die Liste der geöffneten Boards mit Rolle und Zugangslink. „Vergessen“ auf der Startseite entfernt ein Board davon.',
        ],
      },
      {
        heading: 'Wo',
        paragraphs: [
          'Auf dem Server, der dieses Werkraum betreibt (in der Regel der Server der Kommune oder ihres Dienstleisters), in einer SQLite-Datei im Datenverzeichnis. Es werden keine Daten an Dritte übermittelt.',
        ],
      },
      {
        heading: 'Wie lange',
        paragraphs: [
          'Bis die Moderation das Board löscht – oder automatisch, wenn 24 Monate lang niemand mehr daran gearbeitet hat. Der Betreiber kann diese Frist einstellen; das Board zeigt das Löschdatum an.',
        ],
      },
      {
        heading: 'Deine Rechte',
        paragraphs: [
          'Datenübertragbarkeit: Moderation und Steuergruppe können alle Inhalte eines Boards als Datei (JSON) exportieren und in ein anderes Werkraum importieren.',
          'Löschung: Die Moderation kann ein Board jederzeit endgültig löschen. Wenn ein einzelner Beitrag von dir entfernt werden soll, wende dich an die Moderation deines Boards oder an den Betreiber dieses Servers.',
        ],
      },
    ],
    backHome: 'Zur Startseite',
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
      comment: plural('Kommentar', 'Kommentare'),
      report: plural('Bericht', 'Berichte'),
      statusEntry: plural('Statuseintrag', 'Statuseinträge'),
      goalReview: plural('Zielbewertung', 'Zielbewertungen'),
    },
  },
  ...deTools,
  ...deSteps,
  ...deProcess,
};
