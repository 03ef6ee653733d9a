/**
 * The strings of the working views of process steps 1–6 and of the step navigation (`?step=N`).
 * Each catalogue spreads its `…Steps` object into its messages; `Messages` extends this type.
 */
export interface StepMessages {
  /** The working views of process steps 1–6 and the step navigation (issue #5). */
  steps: {
    /** The timeline's button that opens a step's working view (short, visible). */
    openView: string;
    /** Its accessible name: „Arbeitsansicht öffnen: Schritt 2, Auftakttreffen …“. */
    openViewNamed: (step: string) => string;
    /** The heading of a working view; `number` is already formatted for the locale. */
    heading: (number: string, label: string) => string;
    /** The step switcher at the top of a working view. */
    nav: {
      label: string;
      previous: string;
      next: string;
      overview: string;
    };
    /** What each view is for (one sentence under the heading). */
    intros: Record<1 | 2 | 3 | 4 | 5 | 6, string>;
    leadership: {
      supportHeading: string;
      supportLabel: string;
      steeringHeading: string;
      steeringIntro: string;
      steeringEmpty: string;
      member: string;
      memberOf: (name: string) => string;
      office: string;
      addLabel: string;
      addPlaceholder: string;
      othersHeading: string;
      othersEmpty: string;
    };
    kickoff: {
      questionHeading: string;
      question: string;
      answersLabel: string;
      gridHeading: string;
      gridIntro: string;
      gridKeys: string;
      influence: string;
      interest: string;
      low: string;
      high: string;
      position: (name: string, influence: number, interest: number) => string;
      display: string;
      asGrid: string;
      asList: string;
      datesHeading: string;
      datesIntro: string;
      stepDate: (number: string, label: string) => string;
    };
    consultation: {
      addLabel: string;
      addPlaceholder: string;
      language: string;
      notOpen: string;
      clustersHeading: string;
      unassigned: string;
      count: (n: number) => string;
      empty: string;
    };
    results: {
      heading: string;
      needsCount: (n: number) => string;
      noNeeds: string;
      decideHeading: string;
      decided: string;
      decidedOf: (name: string) => string;
      summary: (decided: number, total: number) => string;
    };
    concrete: {
      goalsEmpty: string;
      checklist: string;
      specific: string;
      measurable: string;
      ownerSet: string;
      dueSet: string;
      owner: string;
      due: string;
      met: string;
      open: string;
      progress: (met: number, total: number) => string;
      measuresHeading: string;
      measuresEmpty: string;
    };
  };
}
