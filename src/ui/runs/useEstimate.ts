/**
 * The page's measured speeds, folded from the runs that finished in this browser (the runs list,
 * kept across reloads in the history): local, completed runs only (an imported run was timed on
 * another machine). Estimates read the backend the worker picked (wasm until it has reported).
 */
import { useMemo } from 'react';
import type { RunConfig } from '../../engine/config/schema';
import { usePlayground } from '../store/StoreContext';
import { basisText, estimateQueueSeconds, formatEstimateRange, recordSpeed, type Estimate, type MeasuredSpeeds } from './estimate';
import type { RunEntry } from './runEntry';

export function measuredSpeeds(runs: readonly RunEntry[]): MeasuredSpeeds {
  let speeds: MeasuredSpeeds = {};
  for (const r of runs) {
    const s = r.view.summary;
    if (r.origin === 'local' && s && s.status === 'completed') speeds = recordSpeed(speeds, s);
  }
  return speeds;
}

export interface QueueEstimate extends Estimate {
  /** "≈ 2 min", or a range with several runs at once ("≈ 2–4 min") */
  text: string;
  /** what the figure rests on, in words */
  basisText: string;
}

/** The estimate for running `configs`, `parallel` at a time, in this browser; recomputed as runs finish. */
export function useQueueEstimate(configs: readonly RunConfig[], parallel: number): QueueEstimate {
  const runs = usePlayground((s) => s.runs);
  const backend = usePlayground((s) => s.backend?.backend ?? 'wasm');
  const asideUpTo = usePlayground((s) => s.parallel.asideUpTo);
  const speeds = useMemo(() => measuredSpeeds(runs), [runs]);
  return useMemo(() => {
    // runs that will evaluate beside training hold training only for their snapshots
    const aside = Math.min(parallel, Math.max(1, configs.length)) <= asideUpTo;
    const e = estimateQueueSeconds(configs, speeds, parallel, backend, aside);
    // several at once: from "they gain fully from running side by side" to "they gain nothing" (few cores, other work)
    const side = e.upperSeconds !== undefined ? `; the range runs from ${parallel} at once at full speed to no gain from running side by side` : '';
    return { ...e, text: formatEstimateRange(e.seconds, e.upperSeconds), basisText: basisText(e, backend) + side };
  }, [configs, speeds, parallel, backend, asideUpTo]);
}
