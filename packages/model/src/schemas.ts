import { z } from 'zod';
import { itemIdSchema } from './ids.js';

/** A calendar date without time, as municipal staff write it into a plan: `YYYY-MM-DD`. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-05-31.')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'This date does not exist.');

/** A language tag such as `de`, `ar`, `fa`, `uk`, `en` or `pt-BR`. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'Use a language code such as "de" or "ar".');

/** The public key of an author: 22 base64url characters, or '' when unknown. */
export const authorIdSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9_-]{22})?$/, 'Not a valid author id.');

const shortText = z.string().max(500);
const longText = z.string().max(20_000);

export const STEP_STATUSES = ['planned', 'active', 'done'] as const;
export const stepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const MEASURE_STATUSES = ['planned', 'inProgress', 'done', 'dropped'] as const;
export const measureStatusSchema = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof measureStatusSchema>;

export const STAKEHOLDER_TYPES = [
  'administration',
  'politics',
  'civilSociety',
  'migrantOrganisation',
  'business',
  'education',
  'other',
] as const;
export const stakeholderTypeSchema = z.enum(STAKEHOLDER_TYPES);
export type StakeholderType = z.infer<typeof stakeholderTypeSchema>;

/** Links between items: a need is taken up by a goal; a measure serves a goal. */
export const LINK_TYPES = ['takenUpBy', 'serves'] as const;
export const linkTypeSchema = z.enum(LINK_TYPES);
export type LinkType = z.infer<typeof linkTypeSchema>;

export const ITEM_KINDS = [
  'step',
  'field',
  'stakeholder',
  'need',
  'istStand',
  'goal',
  'milestone',
  'measure',
  'link',
  'comment',
  'report',
  'statusEntry',
  'goalReview',
] as const;
export const itemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** How a measure stands at a quarterly meeting of the steering group (step 9). */
export const TRACKING_STATUSES = ['onTrack', 'atRisk', 'late', 'done'] as const;
export const trackingStatusSchema = z.enum(TRACKING_STATUSES);
export type TrackingStatus = z.infer<typeof trackingStatusSchema>;

/** Whether a goal was reached, judged in the review workshop (step 10). */
export const REVIEW_RESULTS = ['reached', 'partly', 'notReached'] as const;
export const reviewResultSchema = z.enum(REVIEW_RESULTS);
export type ReviewResult = z.infer<typeof reviewResultSchema>;

/** A report is either a quarterly status report (step 9) or a review of the goals (step 10). */
export const REPORT_TYPES = ['quarterly', 'review'] as const;
export const reportTypeSchema = z.enum(REPORT_TYPES);
export type ReportType = z.infer<typeof reportTypeSchema>;

const rating = z.number().int().min(1).max(5);

const itemBase = {
  id: itemIdSchema,
  parentId: itemIdSchema.nullable(),
  order: z.string().min(1).max(200),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  createdBy: z.string().max(80),
  /** Pseudonymous author key (see `deriveAuthorId`); '' for items of the server or older boards. */
  createdById: authorIdSchema.default(''),
  /** Translations of the item's text fields added by bilingual people: lang → field → text. */
  translations: z
    .record(languageCodeSchema, z.record(z.string().max(40), z.string().max(20_000)))
    .default({}),
};

export const stepSchema = z.object({
  ...itemBase,
  kind: z.literal('step'),
  number: z.number().int().min(1).max(10),
  phase: z.number().int().min(1).max(3),
  date: isoDateSchema.nullable(),
  status: stepStatusSchema,
  notes: longText,
});
export const fieldSchema = z.object({
  ...itemBase,
  kind: z.literal('field'),
  title: shortText,
  description: longText,
  /** The steering group decided this field of action (step 4). */
  decided: z.boolean().default(false),
});
export const stakeholderSchema = z.object({
  ...itemBase,
  kind: z.literal('stakeholder'),
  name: shortText,
  notes: longText,
  type: stakeholderTypeSchema,
  influence: rating,
  interest: rating,
  /** Member of the steering group (step 1). Defaults keep boards from before this field valid. */
  steering: z.boolean().default(false),
});
export const needSchema = z.object({
  ...itemBase,
  kind: z.literal('need'),
  text: z.string().max(2_000),
  lang: languageCodeSchema,
});
export const istStandSchema = z.object({
  ...itemBase,
  kind: z.literal('istStand'),
  text: z.string().max(5_000),
});
export const goalSchema = z.object({
  ...itemBase,
  kind: z.literal('goal'),
  title: shortText,
  description: longText,
  /** Decided by the leadership (step 7): part of the Zielerklärung. */
  decided: z.boolean().default(false),
  /** Who answers for the goal; a plain value, not live text, like a name in a form. */
  owner: z.string().max(200).default(''),
  due: isoDateSchema.nullable().default(null),
  /** The step-6 checklist: specific and measurable are judged by people, not computed. */
  specific: z.boolean().default(false),
  measurable: z.boolean().default(false),
});
export const milestoneSchema = z.object({
  ...itemBase,
  kind: z.literal('milestone'),
  title: shortText,
  due: isoDateSchema.nullable(),
  done: z.boolean(),
});
export const measureSchema = z.object({
  ...itemBase,
  kind: z.literal('measure'),
  title: shortText,
  owner: z.string().max(200),
  description: longText,
  due: isoDateSchema.nullable(),
  status: measureStatusSchema,
  decided: z.boolean(),
});
export const linkSchema = z.object({
  ...itemBase,
  kind: z.literal('link'),
  type: linkTypeSchema,
  from: itemIdSchema,
  to: itemIdSchema,
});

/** A remark on an item; replies point to the first comment of their thread. */
export const commentSchema = z.object({
  ...itemBase,
  kind: z.literal('comment'),
  text: z.string().max(5_000),
  replyTo: itemIdSchema.nullable(),
  resolved: z.boolean(),
});
/** A quarterly status report (step 9) or a review (step 10); its entries are its children. */
export const reportSchema = z.object({
  ...itemBase,
  kind: z.literal('report'),
  type: reportTypeSchema,
  date: isoDateSchema,
  /** New topics (quarterly) or the summary (review). */
  notes: longText,
  /** The named version that froze this report, once it is recorded. */
  versionId: z.string().max(40).nullable(),
});
/**
 * How one measure stands in a quarterly report. `measureId` is a reference, not a parent: the
 * entry stays when the measure is deleted later, because it is history.
 */
export const statusEntrySchema = z.object({
  ...itemBase,
  kind: z.literal('statusEntry'),
  measureId: itemIdSchema,
  status: trackingStatusSchema,
  comment: longText,
});
/** The judgement on one goal in a review; stays when the goal is deleted later (history). */
export const goalReviewSchema = z.object({
  ...itemBase,
  kind: z.literal('goalReview'),
  goalId: itemIdSchema,
  result: reviewResultSchema,
  evidence: longText,
});

export const itemSchema = z.discriminatedUnion('kind', [
  stepSchema,
  fieldSchema,
  stakeholderSchema,
  needSchema,
  istStandSchema,
  goalSchema,
  milestoneSchema,
  measureSchema,
  linkSchema,
  commentSchema,
  reportSchema,
  statusEntrySchema,
  goalReviewSchema,
]);

export type Step = z.infer<typeof stepSchema>;
export type Field = z.infer<typeof fieldSchema>;
export type Stakeholder = z.infer<typeof stakeholderSchema>;
export type Need = z.infer<typeof needSchema>;
export type IstStand = z.infer<typeof istStandSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Link = z.infer<typeof linkSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Report = z.infer<typeof reportSchema>;
export type StatusEntry = z.infer<typeof statusEntrySchema>;
export type GoalReview = z.infer<typeof goalReviewSchema>;
export type Item = z.infer<typeof itemSchema>;
export type ItemOf<K extends ItemKind> = Extract<Item, { kind: K }>;

/** Per kind: which fields are collaborative text (Y.Text) and which kinds may be its parent. */
export const ITEM_TEXT_FIELDS = {
  step: ['notes'],
  field: ['title', 'description'],
  stakeholder: ['name', 'notes'],
  need: ['text'],
  istStand: ['text'],
  goal: ['title', 'description'],
  milestone: ['title'],
  measure: ['title', 'owner', 'description'],
  link: [],
  comment: ['text'],
  report: ['notes'],
  statusEntry: ['comment'],
  goalReview: ['evidence'],
} as const satisfies { [K in ItemKind]: readonly (keyof ItemOf<K>)[] };

export type TextFieldOf<K extends ItemKind> = (typeof ITEM_TEXT_FIELDS)[K][number];

export const ITEM_PARENTS: { [K in ItemKind]: readonly (ItemKind | null)[] } = {
  step: [null],
  field: [null],
  stakeholder: [null],
  need: [null, 'field'],
  istStand: ['field'],
  goal: ['field'],
  milestone: ['goal'],
  measure: ['field'],
  link: [null],
  // Everything that people talk about; a reply hangs on the same item as the thread it answers.
  comment: [
    'step',
    'field',
    'stakeholder',
    'need',
    'istStand',
    'goal',
    'milestone',
    'measure',
    'report',
    'statusEntry',
    'goalReview',
  ],
  report: [null],
  statusEntry: ['report'],
  goalReview: ['report'],
};

/** Entries belong in a report of one type: status entries in quarterly ones, reviews in reviews. */
export const REPORT_ENTRY_TYPES: {
  readonly statusEntry: ReportType;
  readonly goalReview: ReportType;
} = { statusEntry: 'quarterly', goalReview: 'review' };

/** Which kinds each link type connects (from → to). */
export const LINK_ENDS: { [T in LinkType]: { from: ItemKind; to: ItemKind } } = {
  takenUpBy: { from: 'need', to: 'goal' },
  serves: { from: 'measure', to: 'goal' },
};

type BaseKeys = keyof typeof itemBase | 'kind';
/** Fields a client sets on an item of kind K: its texts (as strings) and its scalar values. */
export type ItemContent<K extends ItemKind> = Omit<ItemOf<K>, BaseKeys>;
export type ScalarFieldOf<K extends ItemKind> = Exclude<keyof ItemContent<K>, TextFieldOf<K>>;

const baseKeyMask = {
  id: true,
  parentId: true,
  order: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  createdById: true,
  translations: true,
  kind: true,
} as const;

/** zod schemas of each kind's content (everything but id, kind, parent, order and authorship). */
export const itemContentSchemas = {
  step: stepSchema.omit(baseKeyMask),
  field: fieldSchema.omit(baseKeyMask),
  stakeholder: stakeholderSchema.omit(baseKeyMask),
  need: needSchema.omit(baseKeyMask),
  istStand: istStandSchema.omit(baseKeyMask),
  goal: goalSchema.omit(baseKeyMask),
  milestone: milestoneSchema.omit(baseKeyMask),
  measure: measureSchema.omit(baseKeyMask),
  link: linkSchema.omit(baseKeyMask),
  comment: commentSchema.omit(baseKeyMask),
  report: reportSchema.omit(baseKeyMask),
  statusEntry: statusEntrySchema.omit(baseKeyMask),
  goalReview: goalReviewSchema.omit(baseKeyMask),
} as const;

/** Content defaults, so that a client can create an item with only the fields it knows. */
export const ITEM_DEFAULTS: { [K in Exclude<ItemKind, 'step'>]: ItemContent<K> } = {
  field: { title: '', description: '', decided: false },
  stakeholder: {
    name: '',
    notes: '',
    type: 'other',
    influence: 3,
    interest: 3,
    steering: false,
  },
  need: { text: '', lang: 'de' },
  istStand: { text: '' },
  goal: {
    title: '',
    description: '',
    decided: false,
    owner: '',
    due: null,
    specific: false,
    measurable: false,
  },
  milestone: { title: '', due: null, done: false },
  measure: {
    title: '',
    owner: '',
    description: '',
    due: null,
    status: 'planned',
    decided: false,
  },
  link: { type: 'serves', from: 'AAAAAAAAAAAAAAAA', to: 'AAAAAAAAAAAAAAAA' },
  comment: { text: '', replyTo: null, resolved: false },
  report: { type: 'quarterly', date: '2000-01-01', notes: '', versionId: null },
  // Placeholders: `BoardModel.create` refuses entries whose measure or goal does not exist.
  statusEntry: { measureId: 'AAAAAAAAAAAAAAAA', status: 'onTrack', comment: '' },
  goalReview: { goalId: 'AAAAAAAAAAAAAAAA', result: 'partly', evidence: '' },
};

/**
 * The board's metadata as it is in the doc. Title and municipality are live text, so they can be
 * empty for a moment while someone retypes them; only a new board needs both (see `initBoardDoc`).
 */
export const boardMetaSchema = z.object({
  municipality: z.string().max(200),
  title: z.string().max(200),
  languages: z.array(languageCodeSchema).min(1).max(20),
  createdAt: z.number().int().nonnegative(),
});
export type BoardMeta = z.infer<typeof boardMetaSchema>;

/**
 * The session timer. Times are the server's clock (ms since epoch): a running timer ends at
 * `endsAt`, so every client shows the same remaining time once it knows its offset to the server.
 */
export const timerStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle'), durationMs: z.number().int().min(0) }),
  z.object({
    status: z.literal('running'),
    durationMs: z.number().int().min(0),
    endsAt: z.number().int().nonnegative(),
  }),
  z.object({
    status: z.literal('paused'),
    durationMs: z.number().int().min(0),
    remainingMs: z.number().int().min(0),
  }),
]);
export type TimerState = z.infer<typeof timerStateSchema>;

/** What the facilitator brings every screen to. */
export const focusSchema = z
  .object({ kind: z.enum(['step', 'field', 'item']), id: itemIdSchema })
  .nullable();
export type Focus = z.infer<typeof focusSchema>;

/** Frozen parts of the board: the whole board, or single fields (with everything in them). */
export const lockSchema = z.object({
  board: z.boolean(),
  fields: z.array(itemIdSchema).max(500),
});
export type Lock = z.infer<typeof lockSchema>;

/** A dot-voting round on the items of one field; counts are written when it is revealed. */
export const voteRoundSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  fieldId: itemIdSchema,
  dotsPerPerson: z.number().int().min(1).max(10),
  status: z.enum(['open', 'revealed', 'cancelled']),
  startedAt: z.number().int().nonnegative(),
  revealedAt: z.number().int().nonnegative().nullable(),
  /** Item id → dots; only once revealed. */
  counts: z.record(z.string(), z.number().int().min(0)).nullable(),
  voters: z.number().int().min(0).nullable(),
});
export type VoteRound = z.infer<typeof voteRoundSchema>;

/** The live-session settings kept in the board's meta (written by the facilitator only). */
export const sessionSettingsSchema = z.object({
  openStep: z.number().int().min(1).max(10).nullable(),
  participantsMayEditAll: z.boolean(),
  agenda: z.string().max(200),
  focus: focusSchema,
  timer: timerStateSchema,
  lock: lockSchema,
  /** Moderated collection: new participant items wait for the facilitator before anyone sees them. */
  collect: z.boolean(),
  vote: voteRoundSchema.nullable(),
});
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;

export const DEFAULT_SESSION: SessionSettings = {
  openStep: null,
  participantsMayEditAll: false,
  agenda: '',
  focus: null,
  timer: { status: 'idle', durationMs: 0 },
  lock: { board: false, fields: [] },
  collect: false,
  vote: null,
};

/** What a person types on the start page to create a board. */
export const createBoardInputSchema = z.object({
  municipality: z
    .string({ error: 'Bitte den Namen der Kommune angeben.' })
    .trim()
    .min(1, 'Bitte den Namen der Kommune angeben.')
    .max(200, 'Höchstens 200 Zeichen.'),
  title: z
    .string({ error: 'Bitte einen Titel angeben.' })
    .trim()
    .min(1, 'Bitte einen Titel angeben.')
    .max(200, 'Höchstens 200 Zeichen.'),
  languages: z.array(languageCodeSchema).min(1).max(20).default(['de']),
});
export type CreateBoardInput = z.input<typeof createBoardInputSchema>;

/** Longest press release the board keeps (a long one is two pages). */
export const PRESS_RELEASE_MAX = 50_000;

/** The whole board as plain, validated data: every kind sorted in display order. */
export const plainBoardSchema = z.object({
  meta: boardMetaSchema,
  steps: z.array(stepSchema).length(10),
  fields: z.array(fieldSchema),
  stakeholders: z.array(stakeholderSchema),
  needs: z.array(needSchema),
  istStand: z.array(istStandSchema),
  goals: z.array(goalSchema),
  milestones: z.array(milestoneSchema),
  measures: z.array(measureSchema),
  links: z.array(linkSchema),
  // Defaults: export files written before these kinds existed still import.
  comments: z.array(commentSchema).default([]),
  reports: z.array(reportSchema).default([]),
  statusEntries: z.array(statusEntrySchema).default([]),
  goalReviews: z.array(goalReviewSchema).default([]),
  /** The press release of step 8 (live text in the board's meta). */
  pressRelease: z.string().max(PRESS_RELEASE_MAX).default(''),
});
export type PlainBoard = z.infer<typeof plainBoardSchema>;

/** Every item of a plain board, steps first, in the order of `PlainBoard`'s arrays. */
export function plainBoardItems(board: PlainBoard): Item[] {
  return [
    ...board.steps,
    ...board.fields,
    ...board.stakeholders,
    ...board.needs,
    ...board.istStand,
    ...board.goals,
    ...board.milestones,
    ...board.measures,
    ...board.links,
    ...board.comments,
    ...board.reports,
    ...board.statusEntries,
    ...board.goalReviews,
  ];
}
