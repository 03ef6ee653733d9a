/**
 * The ten process steps of the seed ("Prozessschritte für die Netzwerkarbeit") in three phases.
 * Labels live in the web app's message catalogue; the model knows keys, numbers and phases.
 */
export const PHASES = [
  { phase: 1, key: 'establish' },
  { phase: 2, key: 'strategy' },
  { phase: 3, key: 'implement' },
] as const;

export const PROCESS_STEPS = [
  { number: 1, phase: 1, key: 'leadershipTalk' },
  { number: 2, phase: 1, key: 'kickoff' },
  { number: 3, phase: 1, key: 'consultation' },
  { number: 4, phase: 1, key: 'secondSteering' },
  { number: 5, phase: 2, key: 'analysis' },
  { number: 6, phase: 2, key: 'steeringReview' },
  { number: 7, phase: 2, key: 'leadershipDecision' },
  { number: 8, phase: 2, key: 'presentation' },
  { number: 9, phase: 3, key: 'quarterly' },
  { number: 10, phase: 3, key: 'review' },
] as const;

export type PhaseNumber = (typeof PHASES)[number]['phase'];
export type StepNumber = (typeof PROCESS_STEPS)[number]['number'];
export type StepKey = (typeof PROCESS_STEPS)[number]['key'];

export function stepId(number: StepNumber): `step-${StepNumber}` {
  return `step-${number}`;
}
