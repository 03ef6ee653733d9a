import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { z } from 'zod';
import { newItemId } from './ids.js';
import { PROCESS_STEPS, stepId } from './process.js';
import {
  ITEM_DEFAULTS,
  ITEM_PARENTS,
  ITEM_TEXT_FIELDS,
  LINK_ENDS,
  PRESS_RELEASE_MAX,
  REPORT_ENTRY_TYPES,
  authorIdSchema,
  boardMetaSchema,
  languageCodeSchema,
  itemContentSchemas,
  DEFAULT_SESSION,
  sessionSettingsSchema,
  itemSchema,
  plainBoardSchema,
  type BoardMeta,
  type Item,
  type ItemContent,
  type ItemKind,
  type ItemOf,
  type LinkType,
  type PlainBoard,
  type SessionSettings,
  type TextFieldOf,
} from './schemas.js';
import { applyTextDiff } from './text.js';

/*
 * The raw shape of a board's Y.Doc. Nothing outside this package reads or writes it.
 *
 *   doc.getMap('meta')   municipality: Y.Text, title: Y.Text, languages: string[],
 *                        createdAt: number, schemaVersion: number,
 *                        openStep: number | null, editAll: boolean  (session settings),
 *                        pressRelease: Y.Text (step 8)
 *   doc.getMap('items')  id → Y.Map { kind, parentId, order, createdAt, updatedAt, createdBy, createdById,
 *                        <text fields as Y.Text>, <scalar fields as plain values> }
 *
 * One flat map of items keyed by stable id: a move is a change of `parentId`/`order` (Yjs arrays
 * cannot move), links are items of their own, and every update maps to the item it touches.
 */
export const BOARD_SCHEMA_VERSION = 1;

const META = 'meta';
const ITEMS = 'items';
const PRESS_RELEASE = 'pressRelease';

export type ItemMap = Y.Map<unknown>;

export class ModelError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid' | 'forbidden_parent' | 'immutable',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

function itemsOf(doc: Y.Doc): Y.Map<ItemMap> {
  return doc.getMap<ItemMap>(ITEMS);
}

function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

const TRANSLATIONS = 'translations';

/** Translations are stored flat, `<lang>/<field>` → Y.Text, so that two people adding
 * different translations at once never replace each other's map. */
function readTranslations(map: Y.Map<unknown>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, value] of map.entries()) {
    const slash = key.indexOf('/');
    if (slash <= 0 || !(value instanceof Y.Text)) continue;
    const lang = key.slice(0, slash);
    (out[lang] ??= {})[key.slice(slash + 1)] = value.toString();
  }
  return out;
}

/** An item's value in plain form: texts as strings, translations as lang → field → text. */
export function plainValue(key: string, value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (key === TRANSLATIONS && value instanceof Y.Map) return readTranslations(value);
  return value;
}

/** Reads one raw item into a plain object (not yet validated). */
function readRaw(id: string, map: ItemMap): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  for (const [key, value] of map.entries()) out[key] = plainValue(key, value);
  return out;
}

function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Writes the board's metadata (no validation; callers validate). */
export function writeBoardMeta(doc: Y.Doc, meta: BoardMeta): void {
  doc.transact(() => {
    const m = metaOf(doc);
    m.set('schemaVersion', BOARD_SCHEMA_VERSION);
    m.set('municipality', new Y.Text(meta.municipality));
    m.set('title', new Y.Text(meta.title));
    m.set('languages', meta.languages);
    m.set('createdAt', meta.createdAt);
  });
}

/** Writes the board's metadata and the ten process steps into a fresh doc, in one transaction. */
export function initBoardDoc(doc: Y.Doc, meta: BoardMeta): void {
  const valid = boardMetaSchema
    .extend({
      municipality: z.string().trim().min(1).max(200),
      title: z.string().trim().min(1).max(200),
    })
    .parse(meta);
  doc.transact(() => {
    writeBoardMeta(doc, valid);
    // Created with the board, so that two people who open the press release of an older board
    // at once are the only case that can race (see `BoardModel.pressReleaseText`).
    metaOf(doc).set(PRESS_RELEASE, new Y.Text());
    const items = itemsOf(doc);
    let order: string | null = null;
    for (const step of PROCESS_STEPS) {
      order = generateKeyBetween(order, null);
      const map = new Y.Map<unknown>();
      map.set('kind', 'step');
      map.set('parentId', null);
      map.set('order', order);
      map.set('createdAt', valid.createdAt);
      map.set('updatedAt', valid.createdAt);
      map.set('createdBy', '');
      map.set('createdById', '');
      map.set('number', step.number);
      map.set('phase', step.phase);
      map.set('date', null);
      map.set('status', 'planned');
      map.set('notes', new Y.Text());
      items.set(stepId(step.number), map);
    }
  });
}

/** The board's metadata as plain, validated data. Throws if the doc holds no board. */
export function readBoardMeta(doc: Y.Doc): BoardMeta {
  const m = metaOf(doc);
  return boardMetaSchema.parse({
    municipality: plainValue('municipality', m.get('municipality')),
    title: plainValue('title', m.get('title')),
    languages: m.get('languages'),
    createdAt: m.get('createdAt'),
  });
}

/** The press release of step 8 as plain text ('' when nobody has written one). */
export function readPressRelease(doc: Y.Doc): string {
  const text = metaOf(doc).get(PRESS_RELEASE);
  return text instanceof Y.Text ? text.toString().slice(0, PRESS_RELEASE_MAX) : '';
}

/** Meta key of each session setting. Only the facilitator may change them. */
const SESSION_KEYS: { readonly [K in keyof SessionSettings]: string } = {
  openStep: 'openStep',
  participantsMayEditAll: 'editAll',
  agenda: 'agenda',
  focus: 'focus',
  timer: 'timer',
  lock: 'lock',
  collect: 'collect',
  vote: 'vote',
};

/** Meta keys that only the facilitator may change (session controls). */
export const SESSION_META_KEYS: readonly string[] = Object.values(SESSION_KEYS);

/**
 * The live-session settings. Each is read on its own and falls back to its default when missing
 * or invalid, so that one broken value does not reset the others.
 */
export function readSession(doc: Y.Doc): SessionSettings {
  const m = metaOf(doc);
  const out: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(SESSION_KEYS)) {
    const schema = sessionSettingsSchema.shape[field as keyof SessionSettings];
    const parsed = schema.safeParse(m.get(key));
    out[field] = parsed.success ? parsed.data : DEFAULT_SESSION[field as keyof SessionSettings];
  }
  return out as SessionSettings;
}

/**
 * The field an item belongs to: the field itself, or the field above it through `parentId`
 * (a link belongs to the field of its `from` end). Null for items outside fields.
 */
export function fieldOfItem(doc: Y.Doc, id: string): string | null {
  const items = itemsOf(doc);
  let current: string | null = id;
  for (let depth = 0; current !== null && depth < 8; depth++) {
    const map: ItemMap | undefined = items.get(current);
    if (!(map instanceof Y.Map)) return null;
    const kind = map.get('kind');
    if (kind === 'field') return current;
    if (kind === 'link') {
      const from = map.get('from');
      current = typeof from === 'string' ? from : null;
      continue;
    }
    const parent = map.get('parentId');
    current = typeof parent === 'string' ? parent : null;
  }
  return null;
}

/** Whether the doc has been initialised as a board. */
export function isBoardDoc(doc: Y.Doc): boolean {
  return metaOf(doc).has('schemaVersion');
}

export interface InvalidItem {
  id: string;
  reason: string;
}

/**
 * Reads every item, validates it against its kind's schema and drops what cannot be shown:
 * items that fail validation, items whose parent is missing or of the wrong kind (for example a
 * goal added while someone else deleted its field) and links whose ends are gone. All replicas
 * with the same state drop the same items, so everyone sees the same board.
 */
export function readItems(doc: Y.Doc): { items: Map<string, Item>; invalid: InvalidItem[] } {
  const candidates = new Map<string, Item>();
  const invalid: InvalidItem[] = [];
  for (const [id, map] of itemsOf(doc).entries()) {
    if (!(map instanceof Y.Map)) {
      invalid.push({ id, reason: 'not a map' });
      continue;
    }
    const parsed = itemSchema.safeParse(readRaw(id, map));
    if (parsed.success) candidates.set(id, parsed.data);
    else invalid.push({ id, reason: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  const visible = new Map<string, Item>();
  const resolving = new Set<string>();
  const isVisible = (item: Item): boolean => {
    if (visible.has(item.id)) return true;
    if (resolving.has(item.id)) return false; // a parent cycle is never visible
    resolving.add(item.id);
    let ok: boolean;
    if (item.kind === 'link') {
      const ends = LINK_ENDS[item.type];
      const from = candidates.get(item.from);
      const to = candidates.get(item.to);
      ok =
        item.parentId === null &&
        from?.kind === ends.from &&
        to?.kind === ends.to &&
        isVisible(from) &&
        isVisible(to);
    } else {
      const allowed = ITEM_PARENTS[item.kind];
      if (item.parentId === null) ok = allowed.includes(null);
      else {
        const parent = candidates.get(item.parentId);
        ok = parent !== undefined && allowed.includes(parent.kind) && isVisible(parent);
      }
    }
    resolving.delete(item.id);
    if (ok) visible.set(item.id, item);
    return ok;
  };
  for (const item of candidates.values()) {
    if (!isVisible(item)) invalid.push({ id: item.id, reason: 'orphaned' });
  }
  return { items: visible, invalid };
}

/** The whole board as plain data, validated with `plainBoardSchema`. */
export function toPlainBoard(doc: Y.Doc): PlainBoard {
  const { items } = readItems(doc);
  const byKind = <K extends ItemKind>(kind: K): ItemOf<K>[] =>
    [...items.values()].filter((i): i is ItemOf<K> => i.kind === kind).sort(compareOrder);
  return plainBoardSchema.parse({
    meta: readBoardMeta(doc),
    steps: byKind('step').sort((a, b) => a.number - b.number),
    fields: byKind('field'),
    stakeholders: byKind('stakeholder'),
    needs: byKind('need'),
    istStand: byKind('istStand'),
    goals: byKind('goal'),
    milestones: byKind('milestone'),
    measures: byKind('measure'),
    links: byKind('link'),
    comments: byKind('comment').sort((a, b) => a.createdAt - b.createdAt || compareOrder(a, b)),
    reports: byKind('report').sort((a, b) => compareDates(a.date, b.date) || compareOrder(a, b)),
    statusEntries: byKind('statusEntry'),
    goalReviews: byKind('goalReview'),
    pressRelease: readPressRelease(doc),
  });
}

function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type CreatableKind = Exclude<ItemKind, 'step' | 'link'>;

export interface BoardModelOptions {
  /** Display name or pseudonym written as `createdBy` on new items. */
  author?: string;
  /** The author's public key (`deriveAuthorId`), written as `createdById` on new items. */
  authorId?: string;
  /** Clock for timestamps (tests pass a fixed one). */
  now?: () => number;
}

export interface CreateOptions<K extends CreatableKind> {
  parentId?: string | null;
  content?: Partial<ItemContent<K>>;
  /** Insert before this sibling; omitted or null appends at the end. */
  beforeId?: string | null;
}

export interface MoveOptions {
  /** New parent; omitted keeps the current one. */
  parentId?: string | null;
  /** Place before this sibling; omitted or null moves to the end. */
  beforeId?: string | null;
}

/** Minimum time between two `updatedAt` writes caused by typing in the same item. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The typed API over one board's Y.Doc: create, read, update, delete and move every kind of item.
 * Each method is one Yjs transaction, so that undo and sync see one step.
 */
export class BoardModel {
  readonly doc: Y.Doc;
  #items: Y.Map<ItemMap>;
  #meta: Y.Map<unknown>;
  #author: string;
  #authorId: string;
  #now: () => number;

  constructor(doc: Y.Doc, options: BoardModelOptions = {}) {
    this.doc = doc;
    this.#items = itemsOf(doc);
    this.#meta = metaOf(doc);
    this.#author = (options.author ?? '').slice(0, 80);
    this.#authorId = authorIdSchema.parse(options.authorId ?? '');
    this.#now = options.now ?? Date.now;
  }

  set author(name: string) {
    this.#author = name.slice(0, 80);
  }

  get author(): string {
    return this.#author;
  }

  set authorId(id: string) {
    this.#authorId = authorIdSchema.parse(id);
  }

  get authorId(): string {
    return this.#authorId;
  }

  /** The Yjs types that hold the board, for an UndoManager's scope. */
  get sharedTypes(): Y.AbstractType<unknown>[] {
    return [this.#meta, this.#items] as Y.AbstractType<unknown>[];
  }

  meta(): BoardMeta {
    return readBoardMeta(this.doc);
  }

  metaText(field: 'title' | 'municipality'): Y.Text {
    const text = this.#meta.get(field);
    if (!(text instanceof Y.Text)) throw new ModelError('not_found', `Board has no ${field}.`);
    return text;
  }

  setMeta(patch: Partial<Pick<BoardMeta, 'title' | 'municipality' | 'languages'>>): void {
    const valid = boardMetaSchema
      .pick({ title: true, municipality: true, languages: true })
      .partial()
      .parse(patch);
    this.doc.transact(() => {
      if (valid.title !== undefined) applyTextDiff(this.metaText('title'), valid.title);
      if (valid.municipality !== undefined)
        applyTextDiff(this.metaText('municipality'), valid.municipality);
      if (valid.languages !== undefined) this.#meta.set('languages', valid.languages);
    });
  }

  /**
   * The live text of the press release (step 8), for binding an editor. Boards from before step 8
   * had none; it is added on first use.
   */
  pressReleaseText(): Y.Text {
    const text = this.#meta.get(PRESS_RELEASE);
    if (text instanceof Y.Text) return text;
    const created = new Y.Text();
    this.doc.transact(() => this.#meta.set(PRESS_RELEASE, created));
    return created;
  }

  toPlain(): PlainBoard {
    return toPlainBoard(this.doc);
  }

  session(): SessionSettings {
    return readSession(this.doc);
  }

  /** Session controls (facilitator only; the server refuses them from other roles). */
  setSession(patch: Partial<SessionSettings>): void {
    const valid = sessionSettingsSchema.partial().parse(patch) as Record<string, unknown>;
    this.doc.transact(() => {
      for (const [field, value] of Object.entries(valid)) {
        if (value === undefined) continue;
        this.#meta.set(SESSION_KEYS[field as keyof SessionSettings], value);
      }
    });
  }

  /** The field an item belongs to (itself for a field), or null (steps, stakeholders, …). */
  fieldOf(id: string): string | null {
    return fieldOfItem(this.doc, id);
  }

  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** One item as plain validated data, or undefined when it is missing or invalid. */
  get<K extends ItemKind>(id: string, kind?: K): ItemOf<K> | undefined {
    const map = this.#items.get(id);
    if (!(map instanceof Y.Map)) return undefined;
    const parsed = itemSchema.safeParse(readRaw(id, map));
    if (!parsed.success) return undefined;
    if (kind !== undefined && parsed.data.kind !== kind) return undefined;
    return parsed.data as ItemOf<K>;
  }

  /** Items of one kind (optionally under one parent), in display order. */
  list<K extends ItemKind>(kind: K, parentId?: string | null): ItemOf<K>[] {
    const out: ItemOf<K>[] = [];
    for (const [id, map] of this.#items.entries()) {
      if (map.get('kind') !== kind) continue;
      if (parentId !== undefined && map.get('parentId') !== parentId) continue;
      const item = this.get(id, kind);
      if (item) out.push(item);
    }
    return out.sort(compareOrder);
  }

  /** The collaborative text of one field of an item, for binding an editor. */
  text<K extends ItemKind>(id: string, field: TextFieldOf<K>): Y.Text {
    const text = this.#requireMap(id).get(field);
    if (!(text instanceof Y.Text)) {
      throw new ModelError('invalid', `Item ${id} has no text field "${String(field)}".`);
    }
    return text;
  }

  create<K extends CreatableKind>(kind: K, options: CreateOptions<K> = {}): string {
    const parentId = options.parentId ?? null;
    this.#checkParent(kind, parentId);
    const now = this.#now();
    // A report opened without a date is dated today (the meeting it records is usually now).
    const dated =
      kind === 'report' ? { date: new Date(now).toISOString().slice(0, 10) } : undefined;
    const content = itemContentSchemas[kind].parse({
      ...ITEM_DEFAULTS[kind],
      ...dated,
      ...options.content,
    });
    this.#checkReferences(kind, parentId, content as Record<string, unknown>);
    const id = newItemId();
    this.doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('kind', kind);
      map.set('parentId', parentId);
      map.set('order', this.#orderBefore(kind, parentId, options.beforeId ?? null, id));
      map.set('createdAt', now);
      map.set('updatedAt', now);
      map.set('createdBy', this.#author);
      map.set('createdById', this.#authorId);
      const texts = ITEM_TEXT_FIELDS[kind] as readonly string[];
      for (const [key, value] of Object.entries(content)) {
        map.set(key, texts.includes(key) ? new Y.Text(value as string) : value);
      }
      map.set(TRANSLATIONS, new Y.Map<Y.Text>());
      this.#items.set(id, map);
    });
    return id;
  }

  /** Links two items (need → goal: takenUpBy; measure → goal: serves). Idempotent. */
  link(type: LinkType, from: string, to: string): string {
    const ends = LINK_ENDS[type];
    this.#requireKind(from, ends.from);
    this.#requireKind(to, ends.to);
    const existing = this.list('link').find(
      (l) => l.type === type && l.from === from && l.to === to,
    );
    if (existing) return existing.id;
    const id = newItemId();
    const now = this.#now();
    this.doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('kind', 'link');
      map.set('parentId', null);
      map.set('order', 'a0');
      map.set('createdAt', now);
      map.set('updatedAt', now);
      map.set('createdBy', this.#author);
      map.set('createdById', this.#authorId);
      map.set('type', type);
      map.set('from', from);
      map.set('to', to);
      this.#items.set(id, map);
    });
    return id;
  }

  /** Removes every link of `type` from `from` to `to`. */
  unlink(type: LinkType, from: string, to: string): void {
    const ids = this.list('link')
      .filter((l) => l.type === type && l.from === from && l.to === to)
      .map((l) => l.id);
    this.doc.transact(() => {
      for (const id of ids) this.#items.delete(id);
    });
  }

  /** Links that start or end at an item. */
  linksOf(id: string): ItemOf<'link'>[] {
    return this.list('link').filter((l) => l.from === id || l.to === id);
  }

  /**
   * Changes an item's content: text fields by minimal diff (concurrent typing merges), scalar
   * fields as values. The patch is validated against the kind's schema first; nothing changes if
   * any value is invalid.
   */
  update<K extends ItemKind>(id: string, patch: Partial<ItemContent<K>>): void {
    const map = this.#requireMap(id);
    const kind = map.get('kind') as ItemKind;
    if (kind === 'link')
      throw new ModelError('immutable', 'Links cannot be edited; unlink and link again.');
    const schema = itemContentSchemas[kind].partial();
    const parsed = schema.parse(patch) as Record<string, unknown>;
    // zod fills defaults even into a partial schema; a patch must only write what it names.
    const valid = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in patch));
    this.#checkReferences(kind, (map.get('parentId') as string | null) ?? null, valid);
    if (kind === 'step' && ('number' in valid || 'phase' in valid)) {
      throw new ModelError('immutable', 'The number and phase of a process step are fixed.');
    }
    const texts = ITEM_TEXT_FIELDS[kind] as readonly string[];
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(valid)) {
        if (value === undefined) continue;
        if (texts.includes(key)) {
          const current = map.get(key);
          if (current instanceof Y.Text) applyTextDiff(current, value as string);
          else map.set(key, new Y.Text(value as string));
        } else if (map.get(key) !== value) {
          map.set(key, value);
        }
      }
      this.#touch(map);
    });
  }

  /** Replaces the text of one field by minimal diff (for editors bound to a plain string). */
  setText<K extends ItemKind>(id: string, field: TextFieldOf<K>, value: string): void {
    this.update(id, { [field]: value } as Partial<ItemContent<K>>);
  }

  /**
   * Sets the translation of one text field into `lang` (minimal diff, so that two people
   * translating the same text keep their letters); an empty text removes the translation.
   */
  setTranslation<K extends ItemKind>(
    id: string,
    field: TextFieldOf<K>,
    lang: string,
    text: string,
  ): void {
    const map = this.#requireMap(id);
    const kind = map.get('kind') as ItemKind;
    if (!(ITEM_TEXT_FIELDS[kind] as readonly string[]).includes(field as string)) {
      throw new ModelError(
        'invalid',
        `Items of kind ${kind} have no text field "${String(field)}".`,
      );
    }
    const code = languageCodeSchema.parse(lang);
    const value = z.string().max(20_000).parse(text);
    const key = `${code}/${String(field)}`;
    this.doc.transact(() => {
      let translations = map.get(TRANSLATIONS);
      if (!(translations instanceof Y.Map)) {
        translations = new Y.Map<Y.Text>();
        map.set(TRANSLATIONS, translations);
      }
      const all = translations as Y.Map<Y.Text>;
      const current = all.get(key);
      if (value === '') all.delete(key);
      else if (current instanceof Y.Text) applyTextDiff(current, value);
      else all.set(key, new Y.Text(value));
      this.#touch(map);
    });
  }

  /** The live text of one translation, for binding an editor; undefined if there is none. */
  translationText<K extends ItemKind>(
    id: string,
    field: TextFieldOf<K>,
    lang: string,
  ): Y.Text | undefined {
    const translations = this.#requireMap(id).get(TRANSLATIONS);
    const text =
      translations instanceof Y.Map ? translations.get(`${lang}/${String(field)}`) : undefined;
    return text instanceof Y.Text ? text : undefined;
  }

  /** The ids that a delete of `id` removes too: descendants and links touching any of them. */
  dependents(id: string): string[] {
    this.#requireMap(id);
    const childrenOf = new Map<string, string[]>();
    const links: { id: string; from: unknown; to: unknown }[] = [];
    for (const [itemId, map] of this.#items.entries()) {
      if (map.get('kind') === 'link') {
        links.push({ id: itemId, from: map.get('from'), to: map.get('to') });
        continue;
      }
      const parent = map.get('parentId');
      if (typeof parent === 'string') {
        const list = childrenOf.get(parent) ?? [];
        list.push(itemId);
        childrenOf.set(parent, list);
      }
    }
    const removed = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (removed.has(next)) continue;
      removed.add(next);
      stack.push(...(childrenOf.get(next) ?? []));
    }
    for (const link of links) {
      if (removed.has(link.from as string) || removed.has(link.to as string)) removed.add(link.id);
    }
    removed.delete(id);
    return [...removed];
  }

  /**
   * Writes an item exactly as given — same id, kind, parent, order, authorship and content — for
   * restoring it from a version. An existing item with that id is brought to the given state (texts
   * by minimal diff, so that someone typing in it keeps the rest of their letters); a missing one
   * is created. Parents and link ends are not checked here: `readItems` hides what does not fit,
   * and `restoreItem` puts back parents first.
   */
  putItem(input: Item): void {
    const item = itemSchema.parse(input);
    const existing = this.#items.get(item.id);
    const texts = ITEM_TEXT_FIELDS[item.kind] as readonly string[];
    this.doc.transact(() => {
      const reuse = existing instanceof Y.Map && existing.get('kind') === item.kind;
      const map = reuse ? existing : new Y.Map<unknown>();
      const entries = Object.entries(item).filter(([key]) => key !== 'id' && key !== TRANSLATIONS);
      const keep = new Set(entries.map(([key]) => key));
      if (reuse) {
        for (const key of [...map.keys()]) {
          if (key !== TRANSLATIONS && !keep.has(key)) map.delete(key);
        }
      }
      for (const [key, value] of entries) {
        const current = reuse ? map.get(key) : undefined;
        if (texts.includes(key)) {
          if (current instanceof Y.Text) applyTextDiff(current, value as string);
          else map.set(key, new Y.Text(value as string));
        } else if (current !== value || !reuse) {
          map.set(key, value);
        }
      }
      let translations = reuse ? map.get(TRANSLATIONS) : undefined;
      if (item.kind !== 'link' && !(translations instanceof Y.Map)) {
        translations = new Y.Map<Y.Text>();
        map.set(TRANSLATIONS, translations);
      }
      if (translations instanceof Y.Map) {
        const all = translations as Y.Map<Y.Text>;
        const wanted = new Map<string, string>();
        for (const [lang, fields] of Object.entries(item.translations)) {
          for (const [field, text] of Object.entries(fields)) wanted.set(`${lang}/${field}`, text);
        }
        for (const key of [...all.keys()]) if (!wanted.has(key)) all.delete(key);
        for (const [key, text] of wanted) {
          const current = all.get(key);
          if (current instanceof Y.Text) applyTextDiff(current, text);
          else all.set(key, new Y.Text(text));
        }
      }
      if (!reuse) this.#items.set(item.id, map);
    });
  }

  /** Deletes an item with everything that hangs on it; returns the ids removed. */
  delete(id: string): string[] {
    const map = this.#requireMap(id);
    if (map.get('kind') === 'step') {
      throw new ModelError('immutable', 'Process steps cannot be deleted.');
    }
    const removed = [id, ...this.dependents(id)];
    this.doc.transact(() => {
      for (const itemId of removed) this.#items.delete(itemId);
    });
    return removed;
  }

  /** Moves an item to another position and/or parent. */
  move(id: string, options: MoveOptions): void {
    const map = this.#requireMap(id);
    const kind = map.get('kind') as ItemKind;
    if (kind === 'step' || kind === 'link') {
      throw new ModelError('immutable', `Items of kind ${kind} cannot be moved.`);
    }
    const parentId =
      options.parentId === undefined
        ? ((map.get('parentId') as string | null) ?? null)
        : options.parentId;
    this.#checkParent(kind, parentId);
    if (parentId !== null && (parentId === id || this.dependents(id).includes(parentId))) {
      throw new ModelError('forbidden_parent', 'An item cannot be moved into itself.');
    }
    const order = this.#orderBefore(kind, parentId, options.beforeId ?? null, id);
    this.doc.transact(() => {
      if (map.get('parentId') !== parentId) map.set('parentId', parentId);
      map.set('order', order);
      this.#touch(map, true);
    });
  }

  /** Calls `listener` after every change to the board, local or remote. Returns the unsubscribe. */
  observe(listener: (transaction: Y.Transaction) => void): () => void {
    const handler = (_events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) =>
      listener(transaction);
    this.#items.observeDeep(handler);
    this.#meta.observeDeep(handler);
    return () => {
      this.#items.unobserveDeep(handler);
      this.#meta.unobserveDeep(handler);
    };
  }

  #requireMap(id: string): ItemMap {
    const map = this.#items.get(id);
    if (!(map instanceof Y.Map)) throw new ModelError('not_found', `Item ${id} does not exist.`);
    return map;
  }

  #requireKind(id: string, kind: ItemKind): void {
    const map = this.#requireMap(id);
    if (map.get('kind') !== kind) {
      throw new ModelError('invalid', `Item ${id} is not a ${kind}.`);
    }
  }

  #checkParent(kind: ItemKind, parentId: string | null): void {
    const allowed = ITEM_PARENTS[kind];
    if (parentId === null) {
      if (!allowed.includes(null)) {
        throw new ModelError(
          'forbidden_parent',
          `A ${kind} needs a parent (${allowed.join(', ')}).`,
        );
      }
      return;
    }
    const parent = this.#items.get(parentId);
    if (!(parent instanceof Y.Map)) {
      throw new ModelError('not_found', `Parent ${parentId} does not exist.`);
    }
    const parentKind = parent.get('kind') as ItemKind;
    if (!allowed.includes(parentKind)) {
      throw new ModelError('forbidden_parent', `A ${kind} cannot be placed in a ${parentKind}.`);
    }
  }

  /**
   * References that the schema cannot check: an entry names an existing measure or goal and sits
   * in a report of the matching type; a reply answers a comment on the same item.
   */
  #checkReferences(
    kind: ItemKind,
    parentId: string | null,
    content: Record<string, unknown>,
  ): void {
    if (kind === 'statusEntry' || kind === 'goalReview') {
      const parent = parentId === null ? undefined : this.#items.get(parentId);
      if (parent instanceof Y.Map && parent.get('type') !== REPORT_ENTRY_TYPES[kind]) {
        throw new ModelError(
          'forbidden_parent',
          `A ${kind} belongs in a ${REPORT_ENTRY_TYPES[kind]} report.`,
        );
      }
      const refKey = kind === 'statusEntry' ? 'measureId' : 'goalId';
      const ref = content[refKey];
      if (typeof ref === 'string')
        this.#requireKind(ref, kind === 'statusEntry' ? 'measure' : 'goal');
    }
    if (kind === 'comment' && typeof content.replyTo === 'string') {
      const root = this.#items.get(content.replyTo);
      if (!(root instanceof Y.Map) || root.get('kind') !== 'comment') {
        throw new ModelError('not_found', `Comment ${content.replyTo} does not exist.`);
      }
      if (root.get('parentId') !== parentId) {
        throw new ModelError('invalid', 'A reply belongs to the same item as its thread.');
      }
    }
  }

  /** An order key that sorts before `beforeId` (or last) among the siblings of one kind. */
  #orderBefore(
    kind: ItemKind,
    parentId: string | null,
    beforeId: string | null,
    selfId: string,
  ): string {
    const siblings: { id: string; order: string }[] = [];
    for (const [id, map] of this.#items.entries()) {
      if (id === selfId || map.get('kind') !== kind || map.get('parentId') !== parentId) continue;
      const order = map.get('order');
      if (typeof order === 'string') siblings.push({ id, order });
    }
    siblings.sort(compareOrder);
    const index = beforeId === null ? -1 : siblings.findIndex((s) => s.id === beforeId);
    if (index === -1) {
      return safeKeyBetween(siblings.at(-1)?.order ?? null, null);
    }
    const upper = siblings[index]?.order ?? null;
    // Equal keys arise when two people insert at the same place at once; step below them.
    let lowerIndex = index - 1;
    while (lowerIndex >= 0 && siblings[lowerIndex]?.order === upper) lowerIndex--;
    return safeKeyBetween(lowerIndex >= 0 ? (siblings[lowerIndex]?.order ?? null) : null, upper);
  }

  #touch(map: ItemMap, force = false): void {
    const now = this.#now();
    const last = map.get('updatedAt');
    if (force || typeof last !== 'number' || now - last >= TOUCH_INTERVAL_MS) {
      map.set('updatedAt', now);
    }
  }
}

function safeKeyBetween(lower: string | null, upper: string | null): string {
  try {
    return generateKeyBetween(lower, upper);
  } catch {
    // An order key written by another client is not a valid fractional index: append at the end
    // of the valid range instead of failing the user's action.
    return generateKeyBetween(lower !== null && isValidKey(lower) ? lower : null, null);
  }
}

function isValidKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}
