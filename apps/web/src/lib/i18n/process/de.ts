/**
 * The strings of the process views of steps 7–10 (the decision and the Zielerklärung, the press
 * release and the public results page, the quarterly status report, the review of the goals).
 * Each catalogue spreads its `…Process` object into its messages; `Messages` extends this type.
 */
export interface ProcessMessages {
  /** Step 7: the decision with the municipal leadership and the Zielerklärung. */
  decision: {
    intro: string;
    counts: (goals: number, goalsTotal: number, measures: number, measuresTotal: number) => string;
    empty: string;
    decideGoal: string;
    decideMeasure: string;
    goalOwner: string;
    measureOwner: string;
    due: string;
    otherMeasures: string;
    noMeasures: string;
    record: string;
    readOnly: string;
    confirmTitle: string;
    confirmText: string;
    nameLabel: string;
    defaultName: (date: string) => string;
    nothingDecided: string;
    listHeading: (goals: number, measures: number) => string;
    noGoalBucket: string;
    gapsHeading: string;
    gaps: { owner: string; due: string };
    confirm: string;
    cancel: string;
    recording: string;
    recorded: (name: string) => string;
    recordFailed: string;
    recordedHeading: string;
    recordedNone: string;
    recordedBy: (date: string, author: string) => string;
    frozen: string;
    frozenHint: string;
    versionsFailed: string;
  };
  /** Step 8: the press-release draft and the public results page. */
  publication: {
    intro: string;
    draftHeading: string;
    draftLabel: string;
    draftHint: string;
    generate: string;
    generateHint: string;
    generateNotEmpty: string;
    generated: (name: string) => string;
    noDeclaration: string;
    versionLabel: string;
    versionOption: (name: string, date: string) => string;
    titleLabel: string;
    defaultTitle: (municipality: string) => string;
    previewHeading: string;
    previewHint: string;
    statusHeading: string;
    notPublished: string;
    publishedAt: (date: string) => string;
    publishedVersion: (name: string) => string;
    publicUrl: string;
    copy: string;
    copied: string;
    copyFailed: string;
    openPage: string;
    publish: string;
    republish: string;
    publishTitle: string;
    publishText: string;
    publishConfirm: string;
    publishing: string;
    published: string;
    publishFailed: string;
    unpublish: string;
    unpublishTitle: string;
    unpublishText: string;
    unpublishConfirm: string;
    unpublished: string;
    unpublishFailed: string;
    facilitatorOnly: string;
    loadFailed: string;
    emptyText: string;
    /** The wording of the draft made from a Zielerklärung. */
    template: {
      headline: (municipality: string, title: string) => string;
      intro: (municipality: string, date: string, goals: number, measures: number) => string;
      field: (title: string) => string;
      goal: (title: string) => string;
      measure: (title: string, owner: string, due: string) => string;
      otherMeasures: string;
      untitled: string;
      outro: (municipality: string) => string;
    };
    /** The public results page (no login). */
    page: {
      loading: string;
      notFound: string;
      failed: string;
      retry: string;
      published: (date: string) => string;
      decided: (name: string, date: string) => string;
      declarationHeading: string;
      fieldLabel: (title: string) => string;
      goal: string;
      milestones: string;
      measures: string;
      otherMeasures: string;
      owner: string;
      due: string;
      noOwner: string;
      noDue: string;
      print: string;
      empty: string;
      madeWith: string;
    };
  };
  /** Step 9: the quarterly status report of the steering group. */
  quarterly: {
    intro: string;
    start: string;
    started: string;
    reportLabel: string;
    reportOption: (date: string, recorded: boolean) => string;
    heading: (date: string) => string;
    dateLabel: string;
    none: string;
    noMeasures: string;
    statuses: Record<'onTrack' | 'atRisk' | 'late' | 'done', string>;
    statusLabel: (measure: string) => string;
    notAssessed: string;
    commentLabel: (measure: string) => string;
    previous: (status: string) => string;
    overdue: string;
    dueOn: (date: string) => string;
    noDue: string;
    owner: (name: string) => string;
    noOwner: string;
    progress: (assessed: number, total: number, overdue: number) => string;
    deletedHeading: string;
    deletedMeasure: string;
    untitled: string;
    changesHeading: string;
    compareLabel: string;
    compareOption: (kind: 'quarterly' | 'zielerklaerung', name: string, date: string) => string;
    noBaseline: string;
    loadingDiff: string;
    diffFailed: string;
    noChanges: string;
    added: string;
    removed: string;
    changed: string;
    inField: (title: string) => string;
    renamed: (before: string) => string;
    changedFields: (fields: string) => string;
    linkServes: (measure: string, goal: string) => string;
    linkTakenUp: (need: string, goal: string) => string;
    fieldNames: Record<string, string>;
    notesHeading: string;
    notesLabel: string;
    record: string;
    recordTitle: string;
    recordText: (assessed: number, total: number) => string;
    recordName: (date: string) => string;
    recordConfirm: string;
    recording: string;
    recorded: (name: string) => string;
    recordedState: (name: string, date: string) => string;
    recordedHint: string;
    recordFailed: string;
  };
  /** Step 10: reviewing whether the goals were reached. */
  review: {
    intro: string;
    start: string;
    started: string;
    reportLabel: string;
    reportOption: (date: string, recorded: boolean) => string;
    heading: (date: string) => string;
    none: string;
    noGoals: string;
    results: Record<'reached' | 'partly' | 'notReached', string>;
    resultLegend: (goal: string) => string;
    notJudged: string;
    evidenceLabel: (goal: string) => string;
    servedBy: string;
    noMeasures: string;
    tally: (reached: number, partly: number, notReached: number, open: number) => string;
    newMeasuresHeading: string;
    newMeasuresIntro: string;
    addMeasure: (field: string) => string;
    addPlaceholder: string;
    noNewMeasures: string;
    decide: string;
    notesLabel: string;
    record: string;
    recordTitle: string;
    recordText: (judged: number, total: number) => string;
    recordName: (date: string) => string;
    recordConfirm: string;
    recording: string;
    recorded: (name: string) => string;
    recordedState: (name: string, date: string) => string;
    recordFailed: string;
    inviteHeading: string;
    inviteIntro: string;
    inviteStep: (step: number, name: string) => string;
    inviteNone: string;
    inviteCount: (n: number) => string;
    inviteCopy: string;
    inviteCopied: string;
    inviteCopyFailed: string;
    inviteListLabel: string;
    inviteLoading: string;
    inviteFailed: string;
    inviteRetry: string;
    inviteFacilitatorOnly: string;
    participantLinkHeading: string;
    participantLinkLabel: string;
    participantLinkUnknown: string;
    qrShow: string;
    qrHide: string;
    qrLabel: string;
  };
}

export const deProcess: ProcessMessages = {
  decision: {
    intro:
      'Die kommunale Spitze entscheidet, welche Ziele und Maßnahmen umgesetzt werden – und wer was bis wann tut. „Zielerklärung festhalten“ speichert diesen Stand als unveränderliche Version.',
    counts: (goals, goalsTotal, measures, measuresTotal) =>
      `Zur Umsetzung beschlossen: ${goals} von ${goalsTotal} Zielen, ${measures} von ${measuresTotal} Maßnahmen`,
    empty:
      'Noch keine Ziele oder Maßnahmen. Sie entstehen im Analyseworkshop (Schritt 5) und werden in der Steuergruppe (Schritt 6) konkretisiert.',
    decideGoal: 'Ziel wird umgesetzt',
    decideMeasure: 'Maßnahme wird umgesetzt',
    goalOwner: 'Verantwortlich für das Ziel',
    measureOwner: 'Wer setzt um?',
    due: 'Bis wann?',
    otherMeasures: 'Maßnahmen ohne Ziel',
    noMeasures: 'Keine Maßnahmen zu diesem Ziel.',
    record: 'Zielerklärung festhalten',
    readOnly: 'Festhalten können die Moderation und die Steuergruppe.',
    confirmTitle: 'Zielerklärung festhalten?',
    confirmText:
      'Die folgenden Ziele und Maßnahmen werden als Zielerklärung festgehalten. Diese Version lässt sich danach nicht mehr ändern; das Board kann weiter bearbeitet werden.',
    nameLabel: 'Name der Zielerklärung',
    defaultName: (date) => `Zielerklärung vom ${date}`,
    nothingDecided:
      'Noch ist kein Ziel und keine Maßnahme zur Umsetzung beschlossen. Eine leere Zielerklärung lässt sich nicht festhalten.',
    listHeading: (goals, measures) =>
      `${goals === 1 ? '1 Ziel' : `${goals} Ziele`}, ${measures === 1 ? '1 Maßnahme' : `${measures} Maßnahmen`}`,
    noGoalBucket: 'Maßnahmen ohne beschlossenes Ziel',
    gapsHeading: 'Hier fehlt noch, wer oder bis wann:',
    gaps: { owner: 'niemand verantwortlich', due: 'kein Datum' },
    confirm: 'Festhalten',
    cancel: 'Abbrechen',
    recording: 'Wird festgehalten …',
    recorded: (name) => `„${name}“ ist festgehalten.`,
    recordFailed: 'Die Zielerklärung konnte nicht festgehalten werden.',
    recordedHeading: 'Festgehaltene Zielerklärungen',
    recordedNone: 'Noch keine Zielerklärung festgehalten.',
    recordedBy: (date, author) => (author ? `${date}, von ${author}` : date),
    frozen: 'unveränderlich',
    frozenHint:
      'Eine festgehaltene Zielerklärung ändert sich nicht mehr, auch wenn das Board weiter bearbeitet wird.',
    versionsFailed: 'Die festgehaltenen Versionen konnten nicht geladen werden.',
  },
  publication: {
    intro:
      'Aus der Zielerklärung entstehen ein Entwurf für die Pressemitteilung und eine öffentliche Ergebnisseite. Öffentlich wird sie erst, wenn die Moderation sie ausdrücklich veröffentlicht – und das lässt sich zurücknehmen.',
    draftHeading: 'Pressemitteilung (Entwurf)',
    draftLabel: 'Text der Pressemitteilung',
    draftHint: 'Alle mit Bearbeitungsrecht schreiben gleichzeitig an diesem Entwurf.',
    generate: 'Entwurf aus der Zielerklärung erzeugen',
    generateHint:
      'Füllt den leeren Entwurf mit den Zielen und Maßnahmen der neuesten Zielerklärung.',
    generateNotEmpty:
      'Der Entwurf ist nicht leer. Um ihn neu zu erzeugen, zuerst den Text löschen.',
    generated: (name) => `Entwurf aus „${name}“ erzeugt.`,
    noDeclaration: 'Es gibt noch keine Zielerklärung. Sie wird in Schritt 7 festgehalten.',
    versionLabel: 'Zielerklärung für die Ergebnisseite',
    versionOption: (name, date) => `${name} (${date})`,
    titleLabel: 'Überschrift der Ergebnisseite',
    defaultTitle: (municipality) =>
      municipality ? `Integrationsstrategie ${municipality}` : 'Integrationsstrategie',
    previewHeading: 'Vorschau der öffentlichen Seite',
    previewHint: 'So sieht die Seite nach dem Veröffentlichen aus.',
    statusHeading: 'Veröffentlichung',
    notPublished: 'Die Ergebnisseite ist nicht veröffentlicht.',
    publishedAt: (date) => `Veröffentlicht am ${date}.`,
    publishedVersion: (name) => `Grundlage: ${name}`,
    publicUrl: 'Adresse der öffentlichen Seite',
    copy: 'Adresse kopieren',
    copied: 'Adresse kopiert',
    copyFailed: 'Kopieren nicht möglich – bitte die Adresse markieren und kopieren.',
    openPage: 'Öffentliche Seite öffnen',
    publish: 'Veröffentlichen …',
    republish: 'Aktualisiert veröffentlichen …',
    publishTitle: 'Ergebnisseite veröffentlichen?',
    publishText:
      'Danach kann jede Person mit der Adresse die Seite ohne Anmeldung lesen: Überschrift, Text und die Ziele und Maßnahmen der gewählten Zielerklärung mit Verantwortlichen und Terminen.',
    publishConfirm: 'Veröffentlichen',
    publishing: 'Wird veröffentlicht …',
    published: 'Die Ergebnisseite ist veröffentlicht.',
    publishFailed: 'Die Ergebnisseite konnte nicht veröffentlicht werden.',
    unpublish: 'Veröffentlichung zurücknehmen …',
    unpublishTitle: 'Veröffentlichung zurücknehmen?',
    unpublishText:
      'Die öffentliche Seite ist danach nicht mehr erreichbar. Entwurf und Zielerklärung bleiben auf dem Board.',
    unpublishConfirm: 'Zurücknehmen',
    unpublished: 'Die Veröffentlichung ist zurückgenommen.',
    unpublishFailed: 'Die Veröffentlichung konnte nicht zurückgenommen werden.',
    facilitatorOnly: 'Veröffentlichen und zurücknehmen kann nur die Moderation.',
    loadFailed: 'Der Stand der Veröffentlichung konnte nicht geladen werden.',
    emptyText: 'Der Text der Pressemitteilung ist noch leer.',
    template: {
      headline: (municipality, title) =>
        title ? `${municipality}: ${title} beschlossen` : `${municipality}: Ziele beschlossen`,
      intro: (municipality, date, goals, measures) =>
        `${municipality} hat am ${date} beschlossen, wie die Integration geflüchteter Menschen vor Ort gemeinsam gestaltet wird: ${goals === 1 ? '1 Ziel' : `${goals} Ziele`} mit ${measures === 1 ? '1 Maßnahme' : `${measures} Maßnahmen`}. Erarbeitet wurden sie von Verwaltung, Zivilgesellschaft, Wirtschaft und Geflüchteten in Workshops der Steuergruppe.`,
      field: (title) => `Handlungsfeld: ${title}`,
      goal: (title) => `Ziel: ${title}`,
      measure: (title, owner, due) =>
        `– ${title}${owner ? ` (verantwortlich: ${owner}` : ''}${owner && due ? `, bis ${due})` : owner ? ')' : due ? ` (bis ${due})` : ''}`,
      otherMeasures: 'Weitere Maßnahmen:',
      untitled: '(ohne Titel)',
      outro: (municipality) =>
        `Die Steuergruppe prüft die Umsetzung vierteljährlich und überprüft die Wirksamkeit gemeinsam mit den Beteiligten. Kontakt: ${municipality || '[Ansprechperson]'}.`,
    },
    page: {
      loading: 'Die Seite wird geladen …',
      notFound: 'Diese Ergebnisseite gibt es nicht oder nicht mehr.',
      failed: 'Die Seite konnte nicht geladen werden.',
      retry: 'Erneut versuchen',
      published: (date) => `Veröffentlicht am ${date}`,
      decided: (name, date) => `Grundlage: ${name}, beschlossen am ${date}`,
      declarationHeading: 'Beschlossene Ziele und Maßnahmen',
      fieldLabel: (title) => `Handlungsfeld: ${title}`,
      goal: 'Ziel',
      milestones: 'Meilensteine',
      measures: 'Maßnahmen',
      otherMeasures: 'Weitere Maßnahmen',
      owner: 'Verantwortlich',
      due: 'Bis',
      noOwner: 'offen',
      noDue: 'ohne Termin',
      print: 'Drucken',
      empty: 'Die Zielerklärung enthält keine Ziele oder Maßnahmen.',
      madeWith: 'Erstellt mit Werkraum',
    },
  },
  quarterly: {
    intro:
      'Jedes Quartal prüft die Steuergruppe den Stand der beschlossenen Maßnahmen gegen die Zielerklärung und sammelt neue Themen.',
    start: 'Quartalsbericht beginnen',
    started: 'Ein neuer Quartalsbericht mit dem heutigen Datum ist angelegt.',
    reportLabel: 'Bericht',
    reportOption: (date, recorded) =>
      `Quartalsbericht vom ${date}${recorded ? ' (festgehalten)' : ''}`,
    heading: (date) => `Quartalsbericht vom ${date}`,
    dateLabel: 'Datum des Berichts',
    none: 'Noch kein Quartalsbericht.',
    noMeasures:
      'Noch keine beschlossenen Maßnahmen. Welche umgesetzt werden, wird in Schritt 7 beschlossen.',
    statuses: { onTrack: 'im Plan', atRisk: 'gefährdet', late: 'verspätet', done: 'erledigt' },
    statusLabel: (measure) => `Stand von „${measure}“`,
    notAssessed: '– noch nicht bewertet –',
    commentLabel: (measure) => `Kommentar zu „${measure}“`,
    previous: (status) => `Letztes Quartal: ${status}`,
    overdue: 'überfällig',
    dueOn: (date) => `fällig am ${date}`,
    noDue: 'ohne Termin',
    owner: (name) => `Verantwortlich: ${name}`,
    noOwner: 'Niemand verantwortlich',
    progress: (assessed, total, overdue) =>
      `${assessed} von ${total} Maßnahmen bewertet${overdue > 0 ? `, ${overdue} überfällig` : ''}`,
    deletedHeading: 'Einträge zu inzwischen gelöschten Maßnahmen',
    deletedMeasure: 'gelöschte Maßnahme',
    untitled: '(ohne Titel)',
    changesHeading: 'Was hat sich geändert?',
    compareLabel: 'Vergleichen mit',
    compareOption: (kind, name, date) =>
      `${kind === 'zielerklaerung' ? 'seit der Zielerklärung' : 'seit dem letzten Quartal'}: ${name} (${date})`,
    noBaseline:
      'Es gibt noch keine Zielerklärung und keinen festgehaltenen Bericht zum Vergleichen.',
    loadingDiff: 'Vergleich wird geladen …',
    diffFailed: 'Der Vergleich konnte nicht geladen werden.',
    noChanges: 'Seitdem hat sich an Zielen und Maßnahmen nichts geändert.',
    added: 'Neu',
    removed: 'Entfernt',
    changed: 'Geändert',
    inField: (title) => `in „${title}“`,
    renamed: (before) => `vorher: „${before}“`,
    changedFields: (fields) => `geändert: ${fields}`,
    linkServes: (measure, goal) => `„${measure}“ dient dem Ziel „${goal}“`,
    linkTakenUp: (need, goal) => `„${need}“ aufgegriffen im Ziel „${goal}“`,
    fieldNames: {
      title: 'Titel',
      description: 'Beschreibung',
      owner: 'Verantwortlich',
      due: 'Termin',
      status: 'Status',
      decided: 'Beschluss',
      text: 'Text',
      done: 'erledigt',
      notes: 'Notizen',
      date: 'Datum',
      parentId: 'verschoben',
      name: 'Name',
      type: 'Art',
      influence: 'Einfluss',
      interest: 'Interesse',
      lang: 'Sprache',
      translations: 'Übersetzungen',
      specific: 'spezifisch',
      measurable: 'messbar',
      steering: 'Steuergruppe',
    },
    notesHeading: 'Neue Themen',
    notesLabel: 'Neue Themen und Notizen zu diesem Quartal',
    record: 'Bericht festhalten',
    recordTitle: 'Quartalsbericht festhalten?',
    recordText: (assessed, total) =>
      `${assessed} von ${total} Maßnahmen sind bewertet. Der Bericht wird mit dem ganzen Board als unveränderliche Version gespeichert.`,
    recordName: (date) => `Quartalsbericht vom ${date}`,
    recordConfirm: 'Festhalten',
    recording: 'Wird festgehalten …',
    recorded: (name) => `„${name}“ ist festgehalten.`,
    recordedState: (name, date) => `Festgehalten als „${name}“ (${date}).`,
    recordedHint:
      'Spätere Änderungen ändern die festgehaltene Version nicht; festhalten lässt sich erneut.',
    recordFailed: 'Der Bericht konnte nicht festgehalten werden.',
  },
  review: {
    intro:
      'Zur Hälfte oder am Ende der Umsetzung: Wurden die Ziele durch die Maßnahmen erreicht? Eingeladen sind die Teilnehmenden des Analyseworkshops und, wenn möglich, die befragten Geflüchteten. Danach wird über weitere Maßnahmen entschieden.',
    start: 'Überprüfung beginnen',
    started: 'Eine neue Überprüfung mit dem heutigen Datum ist angelegt.',
    reportLabel: 'Überprüfung',
    reportOption: (date, recorded) => `Überprüfung vom ${date}${recorded ? ' (festgehalten)' : ''}`,
    heading: (date) => `Überprüfung vom ${date}`,
    none: 'Noch keine Überprüfung.',
    noGoals:
      'Noch keine beschlossenen Ziele. Welche umgesetzt werden, wird in Schritt 7 beschlossen.',
    results: { reached: 'erreicht', partly: 'teilweise erreicht', notReached: 'nicht erreicht' },
    resultLegend: (goal) => `Ergebnis für „${goal}“`,
    notJudged: 'noch nicht bewertet',
    evidenceLabel: (goal) => `Belege für „${goal}“`,
    servedBy: 'Maßnahmen zu diesem Ziel:',
    noMeasures: 'Keine beschlossenen Maßnahmen zu diesem Ziel.',
    tally: (reached, partly, notReached, open) =>
      `Erreicht: ${reached} · teilweise: ${partly} · nicht erreicht: ${notReached} · offen: ${open}`,
    newMeasuresHeading: 'Neue Maßnahmen',
    newMeasuresIntro:
      'Weitere Maßnahmen, die aus der Überprüfung folgen. Als beschlossen markieren, sobald über sie entschieden ist.',
    addMeasure: (field) => `Neue Maßnahme in „${field}“`,
    addPlaceholder: 'Neue Maßnahme …',
    noNewMeasures: 'Seit Beginn dieser Überprüfung sind keine Maßnahmen hinzugekommen.',
    decide: 'beschlossen',
    notesLabel: 'Zusammenfassung der Überprüfung',
    record: 'Bericht festhalten',
    recordTitle: 'Überprüfung festhalten?',
    recordText: (judged, total) =>
      `${judged} von ${total} Zielen sind bewertet. Die Überprüfung wird mit dem ganzen Board als unveränderliche Version gespeichert.`,
    recordName: (date) => `Überprüfung der Wirksamkeit vom ${date}`,
    recordConfirm: 'Festhalten',
    recording: 'Wird festgehalten …',
    recorded: (name) => `„${name}“ ist festgehalten.`,
    recordedState: (name, date) => `Festgehalten als „${name}“ (${date}).`,
    recordFailed: 'Die Überprüfung konnte nicht festgehalten werden.',
    inviteHeading: 'Wieder einladen',
    inviteIntro:
      'Wer im Konsultationsworkshop (Schritt 3) und im Analyseworkshop (Schritt 5) mit Namen dabei war – für die Einladung zur Überprüfung.',
    inviteStep: (step, name) => `Schritt ${step}: ${name}`,
    inviteNone: 'Niemand mit Namen erfasst.',
    inviteCount: (n) => (n === 1 ? '1 Person' : `${n} Personen`),
    inviteCopy: 'Liste kopieren',
    inviteCopied: 'Liste kopiert',
    inviteCopyFailed: 'Kopieren nicht möglich – bitte die Liste markieren und kopieren.',
    inviteListLabel: 'Liste zum Kopieren',
    inviteLoading: 'Die Liste wird geladen …',
    inviteFailed: 'Die Liste der Anwesenden konnte nicht geladen werden.',
    inviteRetry: 'Erneut laden',
    inviteFacilitatorOnly: 'Die Liste der Anwesenden sieht nur die Moderation.',
    participantLinkHeading: 'Link zum Mitmachen',
    participantLinkLabel: 'Teilnahme-Link',
    participantLinkUnknown:
      'Der Teilnahme-Link ist auf diesem Gerät nicht bekannt. Die Moderation kann ihn unter „Links“ neu erzeugen.',
    qrShow: 'QR-Code zeigen',
    qrHide: 'QR-Code ausblenden',
    qrLabel: 'QR-Code mit dem Link zum Mitmachen',
  },
};
