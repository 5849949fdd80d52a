/**
 * Method parameters live at dotted paths inside the config's `method` object ("frozenBlocks",
 * "<id>.<param>", "<modifier>.enabled"). These helpers read and immutably write them, so a new
 * method's fields need no new store code.
 */
import { readPath, withPath } from '../../engine/config/paths';
import type { MethodConfig } from '../../engine/config/schema';

type PathsTo<T, Leaf, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Leaf ? `${Prefix}${K}` : T[K] extends object ? PathsTo<T[K], Leaf, `${Prefix}${K}.`> : never;
}[keyof T & string];

/** Paths to the numeric settings of the method config, e.g. "lpSteps" | "levi.width". */
export type MethodNumberPath = PathsTo<MethodConfig, number>;
/** Paths to the on/off settings, e.g. "l2sp.enabled". */
export type MethodTogglePath = PathsTo<MethodConfig, boolean>;

export function readMethodValue(method: MethodConfig, path: string): unknown {
  return readPath(method, path);
}

export function methodNumber(method: MethodConfig, path: MethodNumberPath): number {
  const v = readMethodValue(method, path);
  return typeof v === 'number' ? v : Number.NaN;
}

export function methodToggle(method: MethodConfig, path: MethodTogglePath): boolean {
  return readMethodValue(method, path) === true;
}

/** A copy of `method` with the value at `path` replaced (objects along the path are copied, siblings kept). */
export function withMethodValue(method: MethodConfig, path: MethodNumberPath | MethodTogglePath, value: number | boolean): MethodConfig {
  return withPath(method, path, value);
}
