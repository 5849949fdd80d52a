/**
 * The page's measured speeds, folded from the runs that finished in this browser (the runs list,
 * kept across reloads in the history): local, completed runs only (an imported run was timed on
 * another machine). Estimates read the backend the worker picked (wasm until it has reported).
 */
import { useMemo } from 'react';
import type { RunConfig } from '../../engine/config/schema';
import { usePlayground } from '../store/StoreContext';
import { basisText, estimateQueueSeconds, formatEstimate, recordSpeed, type Estimate, type MeasuredSpeeds } from './estimate';
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
  /** "≈ 2 min" */
  text: string;
  /** what the figure rests on, in words */
  basisText: string;
}

/** The estimate for running `configs`, `parallel` at a time, in this browser; recomputed as runs finish. */
export function useQueueEstimate(configs: readonly RunConfig[], parallel: number): QueueEstimate {
  const runs = usePlayground((s) => s.runs);
  const backend = usePlayground((s) => s.backend?.backend ?? 'wasm');
  const speeds = useMemo(() => measuredSpeeds(runs), [runs]);
  return useMemo(() => {
    const e = estimateQueueSeconds(configs, speeds, parallel, backend);
    return { ...e, text: formatEstimate(e.seconds), basisText: basisText(e, backend) };
  }, [configs, speeds, parallel, backend]);
}
