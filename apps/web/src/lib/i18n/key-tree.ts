/**
 * Differences in shape between a catalogue and the German reference: missing and extra keys,
 * values of another kind, functions with another number of parameters, lists of another length.
 * Empty when both have the same key tree.
 */
export function compareKeyTrees(reference: unknown, candidate: unknown, path = ''): string[] {
  const where = path || '(root)';
  const kind = (value: unknown) =>
    Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (kind(reference) !== kind(candidate)) {
    return [`${where}: expected ${kind(reference)}, found ${kind(candidate)}`];
  }
  if (typeof reference === 'function' && typeof candidate === 'function') {
    return reference.length === candidate.length
      ? []
      : [`${where}: expected ${reference.length} parameter(s), found ${candidate.length}`];
  }
  if (Array.isArray(reference) && Array.isArray(candidate)) {
    if (reference.length !== candidate.length) {
      return [`${where}: expected ${reference.length} entries, found ${candidate.length}`];
    }
    return reference.flatMap((entry, i) => compareKeyTrees(entry, candidate[i], `${path}[${i}]`));
  }
  if (kind(reference) !== 'object') return [];
  const ref = reference as Record<string, unknown>;
  const cand = candidate as Record<string, unknown>;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  return [
    ...Object.keys(ref)
      .filter((key) => !(key in cand))
      .map((key) => `${join(key)}: missing`),
    ...Object.keys(cand)
      .filter((key) => !(key in ref))
      .map((key) => `${join(key)}: not in the German catalogue`),
    ...Object.keys(ref)
      .filter((key) => key in cand)
      .flatMap((key) => compareKeyTrees(ref[key], cand[key], join(key))),
  ];
}

/** Every function in a catalogue, with its path (to call each with sample arguments). */
export function catalogueFunctions(
  tree: unknown,
  path = '',
): { path: string; fn: (...args: unknown[]) => unknown }[] {
  if (typeof tree === 'function') return [{ path, fn: tree as (...args: unknown[]) => unknown }];
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    catalogueFunctions(value, path ? `${path}.${key}` : key),
  );
}

/**
 * `candidate` with every key it lacks taken from `reference` (deeply, for plain objects), so that
 * a catalogue that is behind the German one shows German instead of breaking the page. The CI
 * check (`catalogues.spec.ts`) still fails on the gap.
 */
export function fillMissing<T>(reference: T, candidate: unknown): T {
  const isPlain = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isPlain(reference)) return (candidate === undefined ? reference : candidate) as T;
  if (!isPlain(candidate)) return reference;
  const out: Record<string, unknown> = { ...candidate };
  for (const [key, value] of Object.entries(reference)) {
    out[key] = fillMissing(value, candidate[key]);
  }
  return out as T;
}
