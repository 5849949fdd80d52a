/**
 * One run in the page's list of runs: its view (folded from its events, as runView.ts does for the
 * live run), its name, where it came from, and the events the page keeps so the run can be saved,
 * exported and drawn again. Pure conversions between a run entry and the runs-file shape.
 */
import type { RunConfig } from '../../engine/config/schema';
import { isFinalStatus, type RunEvent } from '../../engine/training/events';
import type { RunEnding, RunFileRun } from '../../protocol/runFile';
import { applyEvent, failRun, newRunView, type RunView } from '../store/runView';
import type { Point } from '../store/series';

export type RunOrigin = 'local' | 'imported';

export interface RunEntry {
  id: string;
  label: string;
  origin: RunOrigin;
  /** ms since 1970 when the run started (or was imported) */
  createdAt: number;
  view: RunView;
  /**
   * Every event except losses and status lines, as received (info, evaluations, done, and any
   * kind added later); the loss curve is kept bounded in the view and written out from there.
   */
  kept: RunEvent[];
  /** a run that never finished: cut short by a reload, failed, or imported without its end */
  ending: RunEnding | null;
  /** where an imported run came from: its id in the file (re-importing it adds nothing) */
  sourceId?: string;
  /** training in another tab of this page right now (seen in the shared history) */
  elsewhere?: boolean;
}

/** Events worth keeping for redrawing a run (losses live in the bounded series, status lines are transient). */
export function keepEvent(e: RunEvent): boolean {
  return e.type !== 'steps' && e.type !== 'status';
}

export function isFinishedView(view: RunView): boolean {
  return isFinalStatus(view.status);
}

/**
 * The bounded loss series as `steps` events: consecutive whole steps share one event, merged
 * points (at fractional steps, once a long run's series was thinned) get one each; folded back
 * by applyEvent they give the same points.
 */
export function lossEvents(loss: readonly Point[], last: { phase: string; lr: number; stepsPerSec: number; elapsedSec: number }): RunEvent[] {
  const out: Extract<RunEvent, { type: 'steps' }>[] = [];
  for (const p of loss) {
    const prev = out[out.length - 1];
    if (prev && Number.isInteger(p.x) && Number.isInteger(prev.firstStep) && prev.firstStep + prev.losses.length === p.x) {
      prev.losses.push(p.y);
    } else {
      out.push({ type: 'steps', firstStep: p.x, losses: [p.y], phase: last.phase, lr: last.lr, stepsPerSec: last.stepsPerSec, etaSec: 0, elapsedSec: last.elapsedSec });
    }
  }
  return out;
}

/** The events that redraw the run: its info first, the losses, then everything else it kept (done last). */
export function eventsOf(entry: Pick<RunEntry, 'view' | 'kept'>): RunEvent[] {
  const { view, kept } = entry;
  const info = kept.filter((e) => e.type === 'info');
  const done = kept.filter((e) => e.type === 'done');
  const rest = kept.filter((e) => e.type !== 'info' && e.type !== 'done');
  const { phase, lr, stepsPerSec, elapsedSec } = view.progress;
  return [...info, ...lossEvents(view.loss, { phase, lr, stepsPerSec, elapsedSec }), ...rest, ...done];
}

/** The run as the runs file holds it. */
export function toFileRun(entry: RunEntry): RunFileRun {
  const ending: RunEnding | null = entry.ending ?? (entry.view.status === 'failed' ? 'failed' : null);
  return {
    config: entry.view.config,
    events: eventsOf(entry),
    summary: entry.view.summary,
    label: entry.label,
    id: entry.sourceId ?? entry.id,
    createdAt: entry.createdAt,
    ...(ending && !entry.view.summary ? { ending } : {}),
    ...(entry.view.error ? { error: entry.view.error } : {}),
  };
}

/** What an unfinished run's status line says. */
export function endingMessage(ending: RunEnding, step: number, error?: string): string {
  switch (ending) {
    case 'interrupted': return `interrupted at step ${step}: the page was reloaded or closed while it trained`;
    case 'incomplete': return `incomplete: the file ends at step ${step}, before the run finished`;
    case 'failed': return error ?? 'failed';
  }
}

/**
 * A view folded from a run's events, in a final state: never active (nothing trains it here), its
 * step a whole number even when its loss series was thinned.
 */
export function viewFromEvents(id: string, config: RunConfig, events: readonly RunEvent[], opts: { ending?: RunEnding | null; error?: string } = {}): RunView {
  let view = events.reduce(applyEvent, newRunView(id, config));
  const summary = view.summary;
  view = { ...view, progress: { ...view.progress, step: summary?.stepsDone ?? Math.round(view.progress.step), etaSec: 0 } };
  if (summary) return { ...view, status: summary.status };
  const ending = opts.ending ?? 'incomplete';
  const message = endingMessage(ending, view.progress.step, opts.error);
  if (ending === 'failed') return failRun(view, message);
  return { ...view, status: 'stopped', message };
}

/** A run entry from a runs-file run (an import, or a saved record). */
export function entryFromFileRun(run: RunFileRun, opts: { id: string; label: string; origin: RunOrigin; createdAt: number; sourceId?: string }): RunEntry {
  const ending = run.summary ? null : (run.ending ?? 'incomplete');
  // a file may carry the summary beside the events without the `done` event that brought it
  const events: RunEvent[] = run.summary && !run.events.some((e) => e.type === 'done')
    ? [...run.events, { type: 'done', summary: run.summary }] : run.events;
  const view = viewFromEvents(opts.id, run.config, events, { ending, error: run.error });
  return {
    id: opts.id, label: opts.label, origin: opts.origin, createdAt: opts.createdAt,
    view, kept: events.filter(keepEvent), ending,
    ...(opts.sourceId ? { sourceId: opts.sourceId } : {}),
  };
}
