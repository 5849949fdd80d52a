/**
 * Fields of a config at dotted paths ("lr", "duration.value"): the one way the engine, the link
 * and the page read and write them. Reads follow own properties only, so a path from untrusted
 * text ("__proto__.x") reads nothing; writes copy the objects along the path and keep the siblings.
 */

/** The path's keys: "duration.value" → ["duration", "value"] (arrays pass through). */
export const pathKeys = (path: string | readonly PropertyKey[]): readonly PropertyKey[] => (typeof path === 'string' ? path.split('.') : path);

export function readPath(value: unknown, path: string | readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const key of pathKeys(path)) {
    if (v == null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** A copy of `value` with `path` set to `leaf` (objects along the path copied, or made where missing). */
export function withPath<T>(value: T, path: string | readonly PropertyKey[], leaf: unknown): T {
  const set = (obj: unknown, keys: readonly PropertyKey[]): unknown => {
    const [head, ...rest] = keys;
    const base = obj != null && typeof obj === 'object' ? (obj as Record<PropertyKey, unknown>) : {};
    return { ...base, [head]: rest.length ? set(Object.hasOwn(base, head) ? base[head] : undefined, rest) : leaf };
  };
  return set(value, pathKeys(path)) as T;
}

/** A copy of `value` without the field at `path`. */
export function withoutPath<T>(value: T, path: string | readonly PropertyKey[]): T {
  const keys = pathKeys(path);
  const parent = readPath(value, keys.slice(0, -1));
  if (parent == null || typeof parent !== 'object' || !Object.hasOwn(parent, keys[keys.length - 1])) return value;
  const rest = { ...(parent as Record<PropertyKey, unknown>) };
  delete rest[keys[keys.length - 1]];
  return keys.length === 1 ? (rest as T) : withPath(value, keys.slice(0, -1), rest);
}

/** Every leaf (number, boolean, string, or list) of a config-shaped value, with its path. */
export function leafPaths(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [{ path, value }];
}

/** `patch` over `value`, merging objects one level deep: `{ method: { kind } }` keeps the other method fields. */
export function mergeOneLevel<T extends object>(value: T, patch: Partial<Record<keyof T, unknown>>): T {
  const next = { ...value } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    const old = next[k];
    next[k] = v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' ? { ...old, ...v } : v;
  }
  return next as T;
}
