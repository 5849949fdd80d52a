/**
 * The allowed range of each numeric method setting, read from the config schema itself so the hint
 * under a field can never disagree with the error validation gives.
 */
import type { z } from 'zod';
import { methodSchema } from '../../engine/config/schema';
import type { MethodNumberPath } from './methodPaths';

export interface ParamBounds {
  min: number;
  max: number;
  /** the minimum itself is refused (learning rates: > 0) */
  minExclusive: boolean;
  integer: boolean;
}

function numberSchemaAt(path: MethodNumberPath): z.ZodNumber {
  let schema: unknown = methodSchema;
  for (const key of path.split('.')) schema = (schema as { shape: Record<string, unknown> }).shape[key];
  return schema as z.ZodNumber;
}

export function paramBounds(path: MethodNumberPath): ParamBounds {
  const schema = numberSchemaAt(path);
  const min = schema.minValue ?? -Infinity;
  const max = schema.maxValue ?? Infinity;
  return { min, max, minExclusive: Number.isFinite(min) && !schema.safeParse(min).success, integer: !!schema.isInt };
}

/** 1000000 → "10⁶", 0.5 → "0.5", 100000 → "100,000" for whole numbers below a million. */
export function formatBound(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs >= 1e6 && Number.isInteger(Math.log10(abs))) {
    const sup = String(Math.log10(abs)).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
    return `${value < 0 ? '−' : ''}10${sup}`;
  }
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}

/** "allowed 1 – 10⁶", "allowed > 0 and ≤ 10"; a model-dependent maximum replaces the schema's when smaller. */
export function describeBounds(b: ParamBounds, modelMax?: number): string {
  const max = modelMax !== undefined ? Math.min(b.max, modelMax) : b.max;
  const whole = b.integer ? 'whole number ' : '';
  if (b.minExclusive) return `allowed: ${whole}> ${formatBound(b.min)} and ≤ ${formatBound(max)}`;
  return `allowed: ${whole}${formatBound(b.min)} – ${formatBound(max)}`;
}
