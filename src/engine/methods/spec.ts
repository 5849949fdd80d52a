/**
 * What the rest of the playground needs to know about a method, in one object per method (its
 * `<id>.spec.ts` beside the implementation). The ordered list in specs.ts generates the config
 * schema's method part, the defaults, the compatibility rules, the config diff's words and the
 * results matrix; nothing else restates a method. Pure data and zod: no TF.js, so the page reads it.
 *
 * Two kinds: a base method (exactly one per run, `method.kind`) and a modifier (an on/off toggle on
 * top of the base method that changes how pretrained weights train, `method.<id>.enabled`).
 */
import { z } from 'zod';
import type { FineTuningMethod, MethodModifier } from './types';

/** Shared bounds, so every learning rate and strength reads the same in validation messages. */
export const learningRate = z.number().gt(0, 'must be > 0').max(10, 'must be ≤ 10');
export const strength = z.number().min(0, 'must be ≥ 0').max(100, 'must be ≤ 100');

/** What validation and the compatibility rules know about a model. */
export interface ModelTraits {
  blockCount: number;
  hasBatchNorm: boolean;
}

/** How a parameter's value is written in run labels: 1,000 · 1e-2 · 0.5 · ×1000. */
export type ParamFormat = 'count' | 'lr' | 'number' | 'times';

export interface ParamSpec {
  /** where it lives inside the config's `method` object ("lpLr", "<id>.<param>") */
  path: string;
  /** its short name in run labels and results tables ("LP lr", "L2-SP α") */
  label: string;
  format: ParamFormat;
  /** its default changed: a link of `linkVersion` or older that leaves it out meant `value` (ui/url/migrate.ts) */
  oldDefault?: { linkVersion: number; value: number };
}

/** One method of the results matrix: a base method with some modifiers, and the values its grid tries. */
export interface MatrixEntry {
  /** the name in tables ("LP-FT", "FT-LP+<modifier>") */
  label: string;
  /** where the row stands in the results tables (ascending) */
  row: number;
  kind: string;
  modifiers: string[];
  /** the config field the grid varies: 'lr' or a path under `method` ("method.l2sp.alpha") */
  param: string;
  /** ascending; the same number of points for every method */
  grid: number[];
  /** what the grid varies and what stays at its default, in words */
  note: string;
  /** also fine-tuned, at its defaults, on the DomainBed benchmarks (`npm run benchmark`, methods-* plans) */
  benchmark?: true;
}

/** A figure of the results matrix a paper's claim is judged on. */
export type ClaimMetric = 'idAcc' | 'oodMean' | 'oodWorst' | 'distId' | 'distOod';

/** One comparison of a claim: a − b is expected to be > 0 ("higher") or < 0 ("lower"); a and b are matrix labels. */
export interface ClaimPart {
  a: string;
  b: string;
  metric: ClaimMetric;
  expect: 'higher' | 'lower';
}

/** What a method's paper claims, as comparisons the results report tests over seeds. */
export interface ClaimDef {
  /** its letter in the report ("a", "b", …) */
  id: string;
  source: string;
  statement: string;
  parts: ClaimPart[];
}

/** Training settings a method fixes whatever the form says, each with the reason the page shows. */
export interface FixedSettings {
  optimizer?: { value: 'adam' | 'sgd'; reason: string };
  schedule?: { value: 'cosine' | 'constant'; reason: string };
}

interface SpecCommon<Id extends string, Shape extends z.ZodRawShape> {
  id: Id;
  /** the short name in run names and messages ("LP-FT", "L2-SP") */
  short: string;
  /** the zod fields this method adds to the config's `method` object, with their bounds */
  config: Shape;
  /** their defaults */
  defaults: z.infer<z.ZodObject<Shape>>;
  /** the settings a run of this method uses, as run labels and results tables name them */
  params: ParamSpec[];
  /** the prefix of the diagnostics it reports ("levi" → "levi.tapAccuracy:…"); a panel may be registered for it */
  diagnostics?: string;
  /** its rows of the results matrix (a combination's row lives with the method its grid varies) */
  matrix?: MatrixEntry[];
  /** its paper's claims, checked by the results report against the matrix */
  claims?: ClaimDef[];
  /** the bench's allowance for its training step against FT's (a modifier: on FT), and what that step is when it is not the plain one */
  stepTimeVsFt?: { limit: number; what?: string };
}

export interface BaseMethodSpec<Id extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape> extends SpecCommon<Id, Shape> {
  kind: 'base';
  /** its implementation, loaded when a run needs it (a dynamic import keeps TF.js out of the page) */
  load(): Promise<() => FineTuningMethod>;
  /** the learning rate the page starts from when it is picked */
  lr: number;
  fixed?: FixedSettings;
  /** the parameter (a path under `method`) that multiplies the learning rate for the head, shown beside the rate */
  headLrScale?: string;
  /** the run's name when it depends on its settings ("Frozen-2"); else `short` */
  runName?(method: Record<string, unknown>): string;
  /** the name in combination keys ("frozen-2"); else the id */
  comboName?(method: Record<string, unknown>): string;
  /** why it cannot run on this model, or null */
  modelConflict?(model: ModelTraits, modelId: string): string | null;
  /** why no pretrained weight trains in such a run (so no modifier has anything to act on), or null */
  trainsNoPretrained?(model: ModelTraits, method: Record<string, unknown>): string | null;
  /** why WiSE-FT's weight interpolation does not apply after it, or null */
  wiseFtConflict?: string;
  /** modifiers it cannot combine with, each with the reason (the rule may live on either side) */
  refusesModifiers?: Record<string, string>;
}

export interface ModifierSpec<Id extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape> extends SpecCommon<Id, Shape> {
  kind: 'modifier';
  /** its implementation, loaded when a run needs it */
  load(): Promise<() => MethodModifier>;
  /** what it does to pretrained weights, for the reasons it gives ("decays updates of pretrained weights toward θ0") */
  actsOn: string;
  /** base methods it cannot combine with, each with the reason */
  conflictsWith?: Record<string, string>;
}

export type MethodSpec = BaseMethodSpec | ModifierSpec;

export function defineBaseMethod<Id extends string, Shape extends z.ZodRawShape>(spec: Omit<BaseMethodSpec<Id, Shape>, 'kind'>): BaseMethodSpec<Id, Shape> {
  return { kind: 'base', ...spec };
}

/** A modifier's fields live at `method.<id>` (`{ enabled, …its parameters }`); specs.test.ts checks that. */
export function defineModifier<Id extends string, Shape extends z.ZodRawShape>(spec: Omit<ModifierSpec<Id, Shape>, 'kind'>): ModifierSpec<Id, Shape> {
  return { kind: 'modifier', ...spec };
}
