/**
 * What "See inside" reports, as plain data (structured-clone and JSON safe, no TF.js): a fixed
 * 2-D frame for the probe features (fitted once on the pretrained features), the probes' points
 * in it at each evaluation, the predictions on a small fixed grid of images, and confusion counts.
 */
import type { OodId } from '../data/oodId';

/** 'id': the clean test images; otherwise the shift (or held-out benchmark domain) that made the OOD set. */
export type InsightDomain = 'id' | OodId;

/** Sent once per run, before the first evaluation. */
export interface InsightFrame {
  /** 'id' first, then each shift in the run's order; every per-domain list below follows it */
  domains: InsightDomain[];
  /** probe points per domain: the first rows of the test set, then of each shifted set (probeRows) */
  probeCounts: number[];
  /** true class of each probe point, in point order */
  probeLabels: number[];
  /** the pretrained probe features on the frame's two axes: x0, y0, x1, y1, … */
  pretrained: number[];
  /** share of the pretrained probes' total variance along each axis */
  explained: [number, number];
  /** rows of the evaluation test set shown in the prediction grid (the same rows of each shifted set) */
  gridRows: number[];
  /** true class of each grid row */
  gridLabels: number[];
  numClasses: number;
}

/** Sent with every evaluation. */
export interface InsightRecord {
  step: number;
  /** the current probe features on the frame's axes, in the order of the frame's `pretrained` */
  points: number[];
  /** predicted class per grid cell: one list per domain, one entry per grid row */
  gridPredictions: number[][];
  /** per domain, over its whole evaluation set: C×C counts, row = true class, column = predicted, row-major */
  confusion: number[][];
}
