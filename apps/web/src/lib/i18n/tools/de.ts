import type {
  ItemKind,
  MeasureCsvErrorCode,
  MeasureStatus,
  ReviewResult,
  TrackingStatus,
  VersionKind,
} from '@werkraum/model';
import type { ExportProblem } from '../../tools/export-problem.js';

/**
 * The strings of the tools for working between meetings: the thread of an item, comments,
 * search, versions, exports, the CSV import and the calendar feed. Each catalogue spreads its
 * `…Tools` object into its messages; `Messages` extends this type.
 */
export interface ToolMessages {
  /** Where an item came from and where it went (need → goal → … → review). */
  thread: {
    button: (name: string) => string;
    title: (name: string) => string;
    intro: string;
    needs: string;
    goals: string;
    milestones: string;
    measures: string;
    decisions: string;
    statusReports: string;
    reviews: string;
    none: string;
    current: string;
    decisionCounts: (goals: number, measures: number) => string;
    quarterlyReport: (date: string) => string;
    reviewReport: (date: string) => string;
    trackingStatuses: Record<TrackingStatus, string>;
    reviewResults: Record<ReviewResult, string>;
    deletedItem: string;
    loadingDecisions: string;
    decisionsFailed: string;
    notFound: string;
    close: string;
    /** Kinds in the singular, for list entries and search results. */
    kinds: Record<ItemKind, string>;
    untitled: string;
    /** The delete confirmation: what else hangs on the item. */
    impact: {
      linked: string;
      history: (n: number) => string;
    };
  };
  comments: {
    button: (name: string, total: number, open: number) => string;
    title: (name: string) => string;
    empty: string;
    newLabel: string;
    add: string;
    reply: string;
    replyLabel: (author: string) => string;
    send: string;
    cancel: string;
    resolve: string;
    reopen: string;
    resolved: string;
    showResolved: (n: number) => string;
    hideResolved: string;
    delete: string;
    deleteConfirm: string;
    replies: (n: number) => string;
    threadLabel: (author: string) => string;
    unknownAuthor: string;
    you: string;
    closedHint: string;
    signedAs: (name: string) => string;
    close: string;
  };
  search: {
    toolsLabel: string;
    label: string;
    placeholder: string;
    shortcut: string;
    filters: (n: number) => string;
    field: string;
    anyField: string;
    owner: string;
    status: string;
    anyStatus: string;
    statuses: Record<MeasureStatus, string>;
    overdue: string;
    decided: string;
    decidedAny: string;
    decidedYes: string;
    decidedNo: string;
    reset: string;
    results: (n: number) => string;
    moreResults: (shown: number) => string;
    heading: string;
    inField: (name: string) => string;
    overdueBadge: string;
    decidedBadge: string;
    close: string;
  };
  /** Named and automatic versions of the board (its history). */
  versionHistory: {
    button: string;
    title: string;
    intro: string;
    kinds: Record<VersionKind, string>;
    empty: string;
    loading: string;
    loadFailed: string;
    listLabel: string;
    entry: (kind: string, date: string) => string;
    by: (name: string) => string;
    view: string;
    viewLabel: (name: string) => string;
    back: string;
    viewing: (name: string, date: string) => string;
    readOnly: string;
    changesHeading: string;
    changesIntro: string;
    noChanges: string;
    removedSince: string;
    changedSince: string;
    addedSince: (n: number) => string;
    restoreItem: string;
    restoreItemLabel: (name: string) => string;
    restoreBoard: string;
    confirmItem: (name: string) => string;
    confirmBoard: (name: string) => string;
    confirmText: string;
    confirm: string;
    cancel: string;
    restoring: string;
    restored: (n: number) => string;
    restoredBoard: string;
    restoreFailed: string;
    saveLabel: string;
    save: string;
    saving: string;
    saved: (name: string) => string;
    saveFailed: string;
    close: string;
  };
  exports: {
    button: string;
    title: string;
    intro: string;
    version: string;
    latestDecision: string;
    liveBoard: string;
    decisionHeading: string;
    decisionHint: string;
    docx: string;
    pdf: string;
    dataHeading: string;
    csv: string;
    csvHint: string;
    separator: string;
    semicolon: string;
    comma: string;
    markdown: string;
    json: string;
    working: (what: string) => string;
    done: (filename: string) => string;
    problems: Record<ExportProblem, string>;
    close: string;
  };
  csvImport: {
    button: string;
    title: string;
    intro: string;
    columns: string;
    file: string;
    reading: string;
    unreadable: string;
    tooLarge: string;
    empty: string;
    summary: (good: number, bad: number) => string;
    previewHeading: string;
    row: string;
    field: string;
    measure: string;
    owner: string;
    due: string;
    status: string;
    goal: string;
    errorsHeading: string;
    rowError: (row: number, message: string) => string;
    rowColumnError: (row: number, column: string, message: string) => string;
    /** Per error code (other languages; German shows the model's own, more precise text). */
    errors: Record<MeasureCsvErrorCode, string>;
    import: (n: number) => string;
    imported: (n: number) => string;
    failed: string;
    close: string;
  };
  calendar: {
    button: string;
    title: string;
    intro: string;
    urlLabel: string;
    copy: string;
    copied: string;
    copyFailed: string;
    outlookHint: string;
    otherHint: string;
    secretHint: string;
    rotate: string;
    rotateConfirm: string;
    rotateYes: string;
    rotated: string;
    hiddenFacilitator: string;
    hiddenSteering: string;
    cancel: string;
    loading: string;
    failed: string;
    close: string;
  };
}

const plural = (one: string, many: string) => (n: number) => `${n} ${n === 1 ? one : many}`;

export const deTools: ToolMessages = {
  thread: {
    button: (name) => `Verlauf von „${name}“`,
    title: (name) => `Verlauf: ${name}`,
    intro:
      'Woher der Eintrag kommt und wohin er führt: Bedürfnis → Ziel → Meilenstein → Maßnahme → Beschluss → Statusberichte → Überprüfung.',
    needs: 'Bedürfnisse',
    goals: 'Ziele',
    milestones: 'Meilensteine',
    measures: 'Maßnahmen',
    decisions: 'Beschlüsse (Zielerklärung)',
    statusReports: 'Statusberichte',
    reviews: 'Überprüfung der Wirksamkeit',
    none: 'Noch nichts.',
    current: '(dieser Eintrag)',
    decisionCounts: (goals, measures) =>
      `${plural('Ziel', 'Ziele')(goals)} und ${plural('Maßnahme', 'Maßnahmen')(measures)} beschlossen`,
    quarterlyReport: (date) => `Quartalsbericht vom ${date}`,
    reviewReport: (date) => `Überprüfung vom ${date}`,
    trackingStatuses: {
      onTrack: 'im Plan',
      atRisk: 'gefährdet',
      late: 'verspätet',
      done: 'erledigt',
    },
    reviewResults: {
      reached: 'erreicht',
      partly: 'teilweise erreicht',
      notReached: 'nicht erreicht',
    },
    deletedItem: 'inzwischen gelöscht',
    loadingDecisions: 'Beschlüsse werden geladen …',
    decisionsFailed: 'Die Beschlüsse konnten nicht geladen werden.',
    notFound: 'Diesen Eintrag gibt es nicht mehr.',
    close: 'Schließen',
    kinds: {
      step: 'Prozessschritt',
      field: 'Handlungsfeld',
      stakeholder: 'Stakeholder',
      need: 'Bedürfnis',
      istStand: 'Ist-Stand',
      goal: 'Ziel',
      milestone: 'Meilenstein',
      measure: 'Maßnahme',
      link: 'Verknüpfung',
      comment: 'Kommentar',
      report: 'Bericht',
      statusEntry: 'Statuseintrag',
      goalReview: 'Bewertung eines Ziels',
    },
    untitled: 'ohne Titel',
    impact: {
      linked: 'Verknüpft mit (bleibt bestehen, verliert aber die Verknüpfung):',
      history: (n) =>
        n === 1
          ? '1 Statuseintrag oder Bewertung verweist darauf; er bleibt als Verlauf erhalten.'
          : `${n} Statuseinträge oder Bewertungen verweisen darauf; sie bleiben als Verlauf erhalten.`,
    },
  },
  comments: {
    button: (name, total, open) =>
      total === 0
        ? `Kommentare zu „${name}“`
        : `Kommentare zu „${name}“: ${total}, davon ${open} offen`,
    title: (name) => `Kommentare: ${name}`,
    empty: 'Noch keine Kommentare.',
    newLabel: 'Neuer Kommentar',
    add: 'Kommentieren',
    reply: 'Antworten',
    replyLabel: (author) => `Antwort an ${author}`,
    send: 'Senden',
    cancel: 'Abbrechen',
    resolve: 'Als erledigt markieren',
    reopen: 'Wieder öffnen',
    resolved: 'erledigt',
    showResolved: (n) => (n === 1 ? '1 erledigten zeigen' : `${n} erledigte zeigen`),
    hideResolved: 'Erledigte ausblenden',
    delete: 'Löschen',
    deleteConfirm: 'Wirklich löschen',
    replies: (n) => (n === 1 ? '1 Antwort' : `${n} Antworten`),
    threadLabel: (author) => `Kommentar von ${author}`,
    unknownAuthor: 'Unbekannt',
    you: '(du)',
    closedHint:
      'Kommentieren können Teilnehmende, solange die Moderation einen Schritt für Beiträge geöffnet hat.',
    signedAs: (name) => `Du schreibst als ${name}.`,
    close: 'Schließen',
  },
  search: {
    toolsLabel: 'Werkzeuge',
    label: 'Board durchsuchen',
    placeholder: 'Suchen …',
    shortcut: 'Taste „/“ springt in die Suche.',
    filters: (n) => (n === 0 ? 'Filter' : `Filter (${n})`),
    field: 'Handlungsfeld',
    anyField: 'alle Handlungsfelder',
    owner: 'Verantwortlich',
    status: 'Status der Maßnahme',
    anyStatus: 'jeder Status',
    statuses: {
      planned: 'geplant',
      inProgress: 'in Umsetzung',
      done: 'umgesetzt',
      dropped: 'verworfen',
    },
    overdue: 'nur überfällige',
    decided: 'Beschlossen',
    decidedAny: 'egal',
    decidedYes: 'ja',
    decidedNo: 'nein',
    reset: 'Zurücksetzen',
    results: (n) => (n === 0 ? 'Keine Treffer.' : n === 1 ? '1 Treffer' : `${n} Treffer`),
    moreResults: (shown) => `Die ersten ${shown} werden gezeigt. Bitte die Suche eingrenzen.`,
    heading: 'Suchergebnisse',
    inField: (name) => `in ${name}`,
    overdueBadge: 'überfällig',
    decidedBadge: 'beschlossen',
    close: 'Suche schließen',
  },
  versionHistory: {
    button: 'Versionen',
    title: 'Versionen des Boards',
    intro:
      'Gespeicherte Stände: Zielerklärung, Quartalsberichte, Überprüfungen und das Ende jeder Sitzung. Du kannst jeden Stand ansehen und einzelne Einträge oder das ganze Board daraus wiederherstellen.',
    kinds: {
      zielerklaerung: 'Zielerklärung',
      quarterly: 'Quartalsbericht',
      review: 'Überprüfung',
      session: 'Ende einer Sitzung',
      manual: 'Von Hand gespeichert',
    },
    empty: 'Noch keine Versionen gespeichert.',
    loading: 'Versionen werden geladen …',
    loadFailed: 'Die Versionen konnten nicht geladen werden.',
    listLabel: 'Gespeicherte Versionen, neueste zuerst',
    entry: (kind, date) => `${kind}, ${date}`,
    by: (name) => `gespeichert von ${name}`,
    view: 'Ansehen',
    viewLabel: (name) => `Version „${name}“ ansehen`,
    back: 'Zurück zur Liste',
    viewing: (name, date) => `Stand „${name}“ vom ${date}`,
    readOnly: 'So sah das Board zu diesem Zeitpunkt aus – nur zum Lesen.',
    changesHeading: 'Seitdem geändert',
    changesIntro:
      'Diese Einträge sind heute anders oder fehlen; du kannst sie einzeln zurückholen.',
    noChanges: 'Seitdem hat sich an den Einträgen nichts geändert.',
    removedSince: 'seitdem gelöscht',
    changedSince: 'seitdem geändert',
    addedSince: (n) =>
      n === 1
        ? '1 Eintrag ist seitdem neu dazugekommen.'
        : `${n} Einträge sind seitdem neu dazugekommen.`,
    restoreItem: 'Wiederherstellen',
    restoreItemLabel: (name) => `„${name}“ aus dieser Version wiederherstellen`,
    restoreBoard: 'Ganzes Board auf diesen Stand setzen …',
    confirmItem: (name) => `„${name}“ aus dieser Version wiederherstellen?`,
    confirmBoard: (name) => `Das ganze Board auf den Stand „${name}“ setzen?`,
    confirmText:
      'Die Wiederherstellung ist eine neue Änderung: Alle sehen sie sofort, und der heutige Stand lässt sich später aus einer Version ebenso zurückholen.',
    confirm: 'Wiederherstellen',
    cancel: 'Abbrechen',
    restoring: 'Wird wiederhergestellt …',
    restored: (n) =>
      n === 1 ? '1 Eintrag wiederhergestellt.' : `${n} Einträge wiederhergestellt.`,
    restoredBoard: 'Das Board wurde auf diesen Stand gesetzt.',
    restoreFailed: 'Die Wiederherstellung ist fehlgeschlagen.',
    saveLabel: 'Name für den aktuellen Stand',
    save: 'Stand speichern',
    saving: 'Wird gespeichert …',
    saved: (name) => `Gespeichert: ${name}`,
    saveFailed: 'Der Stand konnte nicht gespeichert werden.',
    close: 'Schließen',
  },
  exports: {
    button: 'Exportieren',
    title: 'Exporte',
    intro: 'Dateien für Rat, Verwaltung und Archiv.',
    version: 'Stand',
    latestDecision: 'neueste Zielerklärung',
    liveBoard: 'aktueller Stand',
    decisionHeading: 'Beschlussvorlage',
    decisionHint:
      'Aus der Zielerklärung: beschlossene Ziele, Meilensteine und Maßnahmen mit Verantwortlichen und Terminen – für Stadtrat oder Kreistag.',
    docx: 'Word (DOCX)',
    pdf: 'PDF',
    dataHeading: 'Daten',
    csv: 'Maßnahmen als CSV',
    csvHint: 'Öffnet sich in Excel; lässt sich wieder importieren.',
    separator: 'Trennzeichen',
    semicolon: 'Semikolon (Excel auf Deutsch)',
    comma: 'Komma',
    markdown: 'Ganzes Board als Markdown',
    json: 'Ganzes Board als JSON (zum Archivieren)',
    working: (what) => `${what} wird erstellt …`,
    done: (filename) => `Heruntergeladen: ${filename}`,
    problems: {
      noDecision:
        'Es gibt noch keine Zielerklärung. Sie entsteht, wenn der Beschluss in Schritt 7 festgehalten wird.',
      pdfUnavailable:
        'Das PDF kann dieser Server gerade nicht erzeugen. Die Word-Datei hat denselben Inhalt.',
      forbidden: 'Exporte dürfen nur Moderation und Steuergruppe herunterladen.',
      network: 'Der Server ist nicht erreichbar. Bitte gleich noch einmal versuchen.',
      failed: 'Der Export ist fehlgeschlagen.',
    },
    close: 'Schließen',
  },
  csvImport: {
    button: 'Maßnahmen importieren',
    title: 'Maßnahmen aus einer CSV-Datei importieren',
    intro:
      'Für Maßnahmen, die bisher in Excel geführt wurden: In Excel „Speichern unter“ → „CSV UTF-8“ wählen. Die erste Zeile enthält die Spaltennamen.',
    columns:
      'Spalten: Handlungsfeld, Maßnahme, Verantwortlich, Fällig (z. B. 31.05.2027), Status (geplant, in Arbeit, erledigt, verworfen), Beschreibung und – wenn gewünscht – Ziel. Handlungsfeld und Ziel müssen auf dem Board schon so heißen.',
    file: 'CSV-Datei wählen',
    reading: 'Datei wird gelesen …',
    unreadable: 'Die Datei konnte nicht gelesen werden.',
    tooLarge: 'Die Datei ist zu groß (höchstens 2 MB).',
    empty: 'In der Datei stehen keine Maßnahmen.',
    summary: (good, bad) =>
      `${good === 1 ? '1 Zeile' : `${good} Zeilen`} bereit, ${bad === 1 ? '1 Zeile' : `${bad} Zeilen`} mit Fehlern.`,
    previewHeading: 'Vorschau',
    row: 'Zeile',
    field: 'Handlungsfeld',
    measure: 'Maßnahme',
    owner: 'Verantwortlich',
    due: 'Fällig',
    status: 'Status',
    goal: 'Ziel',
    errorsHeading: 'Diese Zeilen werden nicht importiert',
    rowError: (row, message) => `Zeile ${row}: ${message}`,
    rowColumnError: (row, column, message) => `Zeile ${row}, Spalte „${column}“: ${message}`,
    errors: {
      empty: 'Die Datei ist leer.',
      missingColumn: 'Diese Spalte fehlt.',
      missingValue: 'Hier fehlt ein Wert.',
      unknownField: 'Dieses Handlungsfeld gibt es auf dem Board nicht.',
      unknownGoal: 'Dieses Ziel gibt es auf dem Board nicht.',
      badDate: 'Kein Datum wie 31.05.2027 oder 2027-05-31.',
      badStatus: 'Kein Status (geplant, in Arbeit, erledigt, verworfen).',
      tooLong: 'Der Text ist zu lang.',
    },
    import: (n) => (n === 1 ? '1 Maßnahme importieren' : `${n} Maßnahmen importieren`),
    imported: (n) => (n === 1 ? '1 Maßnahme importiert.' : `${n} Maßnahmen importiert.`),
    failed: 'Der Import ist fehlgeschlagen.',
    close: 'Schließen',
  },
  calendar: {
    button: 'Kalender',
    title: 'Termine als Kalender abonnieren',
    intro:
      'Termine der Prozessschritte, Meilensteine, Maßnahmen und Ziele als Kalender-Abo (iCalendar). Der Kalender aktualisiert sich von selbst.',
    urlLabel: 'Adresse des Kalenders',
    copy: 'Adresse kopieren',
    copied: 'Adresse kopiert.',
    copyFailed: 'Kopieren nicht möglich – bitte die Adresse markieren und kopieren.',
    outlookHint: 'Outlook: Kalender hinzufügen → Aus dem Internet abonnieren → Adresse einfügen.',
    otherHint:
      'Andere Kalender (z. B. Thunderbird, Apple, Google) bieten „Kalender abonnieren“ per Adresse an.',
    secretHint:
      'Wer diese Adresse kennt, sieht alle Termine des Boards. Gib sie nur an die Steuergruppe weiter.',
    rotate: 'Neue Adresse erzeugen',
    rotateConfirm:
      'Die bisherige Adresse hört dann auf zu funktionieren; wer sie abonniert hat, muss die neue eintragen. Fortfahren?',
    rotateYes: 'Ja, neue Adresse',
    rotated: 'Neue Adresse erzeugt. Die alte funktioniert nicht mehr.',
    hiddenFacilitator:
      'Es gibt schon einen Kalender. Seine Adresse wird aus Sicherheitsgründen nur einmal angezeigt und ist auf diesem Gerät nicht gespeichert. Du kannst eine neue Adresse erzeugen; die alte hört dann auf zu funktionieren.',
    hiddenSteering:
      'Es gibt schon einen Kalender. Seine Adresse wird aus Sicherheitsgründen nur einmal angezeigt. Bitte die Moderation um die Adresse.',
    cancel: 'Abbrechen',
    loading: 'Adresse wird geladen …',
    failed: 'Die Adresse des Kalenders konnte nicht geladen werden.',
    close: 'Schließen',
  },
};
