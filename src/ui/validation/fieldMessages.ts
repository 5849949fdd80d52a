/**
 * Validation messages as the page shows them: the store's messages name the config path
 * ("lr: …"); next to a field that prefix is noise, and in the summary near Train the field's
 * label ("Learning rate") reads better than the path.
 */
import type { ValidationResult } from '../../engine/config/validate';
import { METHOD_LIST, MODIFIER_LIST } from '../methods/methodInfo';

const BASE_LABELS: Record<string, string> = {
  model: 'Model',
  dataset: 'Target dataset',
  shifts: 'Shifts',
  severity: 'Severity',
  'method.kind': 'Method',
  optimizer: 'Optimizer',
  lr: 'Learning rate',
  schedule: 'Schedule',
  duration: 'Duration',
  'duration.value': 'Duration',
  'duration.unit': 'Duration unit',
  batchSize: 'Batch size',
  trainSize: 'Training images',
  targetClasses: 'Target classes',
  labelNoise: 'Label noise',
  seed: 'Seed',
  evalEvery: 'Evaluate every',
  evalSize: 'Eval images',
  probeSize: 'Probe images',
};

const METHOD_PARAM_LABELS: Record<string, string> = Object.fromEntries([
  ...[...METHOD_LIST, ...MODIFIER_LIST].flatMap((m) => m.params.map((p) => [`method.${p.path}`, p.label])),
  ...MODIFIER_LIST.map((m) => [`method.${m.id}.enabled`, m.label]),
]);

export function fieldLabel(field: string): string {
  return BASE_LABELS[field] ?? METHOD_PARAM_LABELS[field] ?? field;
}

/** "lr: Too small: expected number to be >=64 (got 10)" → "must be ≥ 64 (got 10)" */
export function humanizeMessage(field: string, message: string): string {
  let text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  text = text
    .replace(/^Invalid input: expected (number|int), received NaN( \(got NaN\))?/, 'not a number')
    .replace(/^Invalid input: expected int, received number/, 'must be a whole number')
    .replace(/^Too small: expected (?:number|array) to be >=\s*/, 'must be ≥ ')
    .replace(/^Too small: expected (?:number|array) to be >\s*/, 'must be > ')
    .replace(/^Too big: expected (?:number|array) to be <=\s*/, 'must be ≤ ')
    .replace(/^Too big: expected (?:number|array) to be <\s*/, 'must be < ')
    .replace(/ \(got object\)$/, '');
  return text;
}

/** The message(s) for one field, or undefined when it is valid. */
export function errorFor(validation: ValidationResult, field: string): string | undefined {
  if (validation.ok) return undefined;
  const messages = validation.errors.filter((e) => e.field === field).map((e) => humanizeMessage(e.field, e.message));
  return messages.length ? messages.join('; ') : undefined;
}

/** Every error as "Label: message", for the text next to the Train button. */
export function explainErrors(validation: ValidationResult): string[] {
  if (validation.ok) return [];
  return validation.errors.map((e) => `${fieldLabel(e.field)}: ${humanizeMessage(e.field, e.message)}`);
}
