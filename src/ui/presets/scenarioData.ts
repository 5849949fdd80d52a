/**
 * What the teaching scenarios' Quick size measured here: scenarioData.json, written by
 * `npx tsx scripts/measure/quickSizes.ts` (headless runner, seeds 0–2) and, for the page's wall time,
 * `npx tsx scripts/measure/scenarioRun.ts --size quick --one --record`. Never edited by hand; the
 * scenario text quotes it through the helpers below, and presets.test.ts checks the effects hold.
 */
import raw from './scenarioData.json';

/** One run at one seed, at the end of training (accuracies as fractions). */
export interface RunOutcome {
  seed: number;
  idAcc: number;
  oodMean: number;
  oodWorst: number;
  /** mean ‖f − f₀‖ on the ID probes */
  distortion: number;
  /** headless wall time of the run */
  seconds: number;
  /** the scenario this outcome was measured in, when its training is identical to this run's (quickSizes.ts) */
  from?: string;
}

export interface PageTiming {
  /** seconds from pressing Train to the run's end, in headless Chromium */
  seconds: number;
  backend: string;
  /** `uptime`'s 1-minute load average when it ran (other work on the machine) */
  load: number;
  date: string;
  command: string;
}

export interface QuickMeasurement {
  command: string;
  date: string;
  machine: string;
  settings: string;
  runs: { label: string; outcomes: RunOutcome[] }[];
  /** one Quick run (the scenario's first) in the real page */
  page?: PageTiming;
}

export interface ScenarioData {
  quick: Record<string, QuickMeasurement>;
}

export const SCENARIO_DATA: ScenarioData = raw as ScenarioData;
