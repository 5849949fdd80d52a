/** What the page shows of one run, folded from the run's events (pure, so it is unit-tested). */
import type { RunConfig } from '../../engine/config/schema';
import { isFinalStatus, type EvalRecord, type RunEvent, type RunInfo, type RunStatus, type RunSummary } from '../../engine/training/events';
import type { WiseFtPoint } from '../../engine/training/wiseFt';
import { withInsightFrame, withInsightRecord, type InsightView } from '../inside/insightData';
import { appendBounded, type Point } from './series';

export type RunViewStatus = RunStatus | 'starting';

export interface RunProgress {
  step: number;
  totalSteps: number;
  stepsPerSec: number;
  etaSec: number;
  elapsedSec: number;
  phase: string;
  lr: number;
}

export interface RunView {
  id: string;
  config: RunConfig;
  status: RunViewStatus;
  message: string;
  info: RunInfo | null;
  /** training loss per step (bounded number of points) */
  loss: Point[];
  evals: EvalRecord[];
  progress: RunProgress;
  summary: RunSummary | null;
  /** set when the run failed (worker error, missing kernel, bad file) */
  error: string | null;
  /** WiSE-FT curve requested after (or while paused in) the run */
  wiseFt: WiseFtView;
  /** See inside: the fixed feature frame and the latest points, grid predictions and confusion counts */
  insight: InsightView | null;
}

/** `step`: the training step the run had reached when the curve was asked for (a paused run may train on). */
export type WiseFtView =
  | { state: 'idle' }
  | { state: 'running'; alphas: number[]; step: number; startedAt: number }
  | { state: 'done'; points: WiseFtPoint[]; step: number; seconds: number }
  | { state: 'failed'; error: string; step: number };

/** The view once the worker answered a WiSE-FT request. */
export function finishWiseFt(current: WiseFtView, result: { points: WiseFtPoint[] } | { error: string }, now: number): WiseFtView {
  const step = current.state === 'idle' ? 0 : current.step;
  const seconds = current.state === 'running' ? (now - current.startedAt) / 1000 : 0;
  return 'points' in result ? { state: 'done', points: result.points, step, seconds } : { state: 'failed', error: result.error, step };
}

export function newRunView(id: string, config: RunConfig): RunView {
  return {
    id, config, status: 'starting', message: 'starting the training worker', info: null, loss: [], evals: [],
    progress: { step: 0, totalSteps: 0, stepsPerSec: 0, etaSec: 0, elapsedSec: 0, phase: '', lr: 0 },
    summary: null, error: null, wiseFt: { state: 'idle' }, insight: null,
  };
}

export function isActive(run: RunView | null): boolean {
  return !!run && !isFinalStatus(run.status);
}

export function applyEvent(view: RunView, e: RunEvent): RunView {
  switch (e.type) {
    case 'status':
      // a paused run keeps showing "paused" until it is resumed, whatever the engine last said
      if (view.status === 'paused' && (e.status === 'training' || e.status === 'evaluating')) return view;
      return { ...view, status: e.status, message: e.message };
    case 'info':
      return { ...view, info: e.info, progress: { ...view.progress, totalSteps: e.info.totalSteps } };
    case 'steps': {
      const points = e.losses.flatMap((y, i) => (Number.isFinite(y) ? [{ x: e.firstStep + i, y }] : []));
      return {
        ...view,
        loss: appendBounded(view.loss, points),
        progress: {
          ...view.progress, step: e.firstStep + e.losses.length - 1, stepsPerSec: e.stepsPerSec, etaSec: e.etaSec,
          elapsedSec: e.elapsedSec, phase: e.phase, lr: e.lr,
        },
      };
    }
    case 'eval':
      return { ...view, evals: [...view.evals, e.record] };
    case 'insight-frame':
      return { ...view, insight: withInsightFrame(e.frame) };
    case 'insight':
      return { ...view, insight: withInsightRecord(view.insight, e.insight) };
    case 'done':
      return {
        ...view, summary: e.summary, status: e.summary.status, progress: { ...view.progress, etaSec: 0 },
        // a run read back from a file or the history has no status lines: without this it would still say "starting the training worker"
        message: view.status === 'starting' ? endMessage(e.summary) : view.message,
      };
  }
}

/** The line a finished run's status shows, as the engine words it ("completed 6 steps"). */
export function endMessage(summary: RunSummary): string {
  switch (summary.status) {
    case 'completed': return `completed ${summary.stepsDone} steps`;
    case 'stopped': return `stopped at step ${summary.stepsDone}`;
    case 'diverged': return `diverged at step ${summary.divergedAtStep ?? summary.stepsDone}`;
  }
}

export function failRun(view: RunView, message: string): RunView {
  return { ...view, status: 'failed', message, error: message };
}

export function lastEval(view: RunView | null): EvalRecord | undefined {
  return view?.evals[view.evals.length - 1];
}
