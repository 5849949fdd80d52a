/** Why a user model cannot be used, with a code the page and tests can tell apart and a plain message. */
import type { ModelProblemCode } from './types';

export class ModelProblem extends Error {
  override name = 'ModelProblem';
  constructor(readonly code: ModelProblemCode, message: string) {
    super(message);
  }
}

export function isModelProblem(e: unknown): e is ModelProblem {
  return e instanceof ModelProblem;
}

/** A problem from anything thrown: ModelProblems pass through, other errors become `fallback`. */
export function asModelProblem(e: unknown, fallback: ModelProblemCode, prefix: string): ModelProblem {
  if (isModelProblem(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ModelProblem(fallback, `${prefix}: ${firstLine(message)}`);
}

/** TF.js errors carry long multi-line advice; the first line says what went wrong. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
