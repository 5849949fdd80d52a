/**
 * What a run reports while it trains. The worker forwards these to the page; the headless runner
 * writes them as JSON lines. Plain data only (structured-clone and JSON safe).
 */
import type { RunConfig } from '../config/schema';
import type { InsightFrame, InsightRecord } from '../metrics/insightTypes';
import type { OodId } from '../data/oodId';
import type { ShiftId } from '../shifts/types';

export type RunStatus =
  | 'loading' | 'preparing' | 'compiling' | 'training' | 'paused' | 'evaluating'
  | 'completed' | 'stopped' | 'diverged' | 'failed';

export interface DistortionValues { l2: number; relative: number; cosine: number }

export interface EvalRecord {
  step: number;
  phase: string;
  /** accuracy on the held-out clean target test images */
  idAcc: number;
  /** accuracy on the target validation split (model selection) */
  valAcc: number;
  /** accuracy per OOD set: each synthetic shift, and a benchmark's held-out domain ('domain:75°') */
  ood: Partial<Record<OodId, number>>;
  oodMean: number;
  oodWorst: number;
  worstShift: OodId;
  distortion: { id: DistortionValues; ood: DistortionValues };
  /** layer name → ‖W − W0‖_F / ‖W0‖_F */
  drift: Record<string, number>;
  /** method-specific diagnostics */
  diagnostics: Record<string, number>;
  /** accuracy on the training images with the labels trained on (noisy ones included); only with config.evalTrain */
  trainAcc?: number;
  evalMs: number;
  elapsedSec: number;
}

export interface RunInfo {
  backend: string;
  totalSteps: number;
  phases: { name: string; steps: number; firstStep: number }[];
  classNames: readonly string[];
  shifts: ShiftId[];
  driftLayers: string[];
  parameters: { total: number; trainable: number };
  trainImages: number;
  evalImages: number;
  /** symmetric noise on the training labels: the rate asked for and how many of trainImages were flipped (absent in older runs) */
  labelNoise?: { rate: number; flipped: number };
  /** static facts a method measured while preparing (e.g. DAFT's conversion error) */
  methodFacts: Record<string, number>;
}

export interface RunSummary {
  status: 'completed' | 'stopped' | 'diverged';
  /** first step whose loss was not finite */
  divergedAtStep?: number;
  stepsDone: number;
  totalSteps: number;
  seconds: number;
  stepsPerSec: number;
  /** share of wall time spent evaluating */
  evalShare: number;
  /** model selection: the last evaluation, and the evaluation with the best ID validation accuracy */
  last: EvalRecord | null;
  bestVal: EvalRecord | null;
  backend: string;
  config: RunConfig;
}

export type RunEvent =
  | { type: 'status'; status: RunStatus; message: string }
  | { type: 'info'; info: RunInfo }
  | {
      type: 'steps';
      /** global step number of losses[0] (steps count from 1) */
      firstStep: number;
      losses: number[];
      phase: string;
      lr: number;
      stepsPerSec: number;
      etaSec: number;
      elapsedSec: number;
    }
  | { type: 'eval'; record: EvalRecord }
  /** See inside: the fixed frame, once, before the first evaluation */
  | { type: 'insight-frame'; frame: InsightFrame }
  /** See inside: the probes' points, grid predictions and confusion counts, after each 'eval' */
  | { type: 'insight'; insight: InsightRecord }
  | { type: 'done'; summary: RunSummary };

export interface RunControl {
  /** Yields to the host's event loop and waits while paused; true when the run should stop. */
  checkpoint(): Promise<boolean>;
}
