/**
 * Teaching scenarios: one click sets up a run and says what to look for. All texts live here so
 * they are easy to update.
 *
 * Figures are what THIS PROJECT MEASURED, never a paper's: today they come from
 * docs/calibration.md (headless runner, one seed), each with its conditions, and a test checks
 * that every figure quoted here appears in that file.
 * RESULTS: when docs/results.md (the results matrix: several seeds, chosen on ID validation) is
 * written, replace the `measured` blocks marked `RESULTS:` below with its numbers and conditions,
 * and fill in the scenarios that have none yet.
 */
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunConfig } from '../../engine/config/schema';
import { withDefaults } from '../../engine/config/validate';
import { runConfigSchema } from '../../engine/config/schema';
import type { CompareLr } from '../runs/queue';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type ConfigPatch = DeepPartial<RunConfig>;

export interface PresetRun {
  /** short name on its button ("FT", "LP-FT") */
  label: string;
  /** the run's settings, over the page's defaults */
  config: ConfigPatch;
}

export interface MeasuredRow {
  run: string;
  id: string;
  oodMean: string;
  oodWorst?: string;
  /** mean ‖f − f₀‖ on the ID probes */
  distortion?: string;
}

export interface Measured {
  rows: MeasuredRow[];
  /** what the numbers were measured under */
  conditions: string;
  /** where they are written down */
  source: string;
}

export interface Preset {
  id: string;
  title: string;
  /** one line: the question the scenario answers */
  summary: string;
  /** runs[0] is what the preset sets; the others are what to run next to compare with it */
  runs: PresetRun[];
  /**
   * How compare mode sets each run's learning rate when the preset queues all its runs
   * (runs/queue.ts compareConfigs from runs[0]); a test checks it reproduces every run exactly.
   */
  compareLr: CompareLr;
  /** what to watch, in order */
  lookFor: string[];
  /** what this project measured, or null when it has not yet */
  measured: Measured | null;
  /** said instead of figures when `measured` is null */
  notMeasured?: string;
}

/** The conditions of docs/calibration.md §2, shared by its figures. */
const CALIBRATION_2 =
  'resnet-broad on MNIST digits, 2,000 training images, 4 epochs, OOD = rotation, Gaussian noise, coloured background ' +
  'and fog at severity 3, seed 0, 500 test images; one run each with the headless runner (Node, wasm)';

const FOUR_EPOCHS: ConfigPatch = { duration: { unit: 'epochs', value: 4 } };

const NOT_MEASURED =
  'This project has not measured this scenario yet: the results matrix (docs/results.md) will add its numbers. ' +
  'Until then, run it and the comparison runs with the same seed and judge for yourself.';

export const PRESETS: readonly Preset[] = [
  {
    id: 'why-ft-hurts-ood',
    title: 'Why fine-tuning hurts OOD (LP vs FT vs LP-FT)',
    summary: 'Full fine-tuning reaches the same clean accuracy as a linear probe but loses accuracy on shifted images, because it distorts the pretrained features. LP-FT keeps both.',
    runs: [
      { label: 'FT', config: { ...FOUR_EPOCHS, method: { kind: 'ft' }, lr: 1e-3 } },
      { label: 'LP', config: { ...FOUR_EPOCHS, method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'LP-FT', config: { ...FOUR_EPOCHS, method: { kind: 'lp-ft', lpSteps: 150, lpLr: 1e-2 }, lr: 1e-4 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'Accuracy: ID climbs to about the same level for all three; the OOD line is where they part.',
      'Feature distortion: FT\'s line rises far above LP-FT\'s; LP\'s stays at 0 (its backbone is frozen).',
      'See inside: under FT the orange (OOD) points leave their faint pretrained positions; under LP-FT they barely move.',
    ],
    // RESULTS: replace with docs/results.md (mnist-resnet: LP, FT, LP-FT; mean ± std over seeds).
    measured: {
      rows: [
        { run: 'LP (lr 1e-2)', id: '97.0 %', oodMean: '88.8 %', oodWorst: '70.4 %', distortion: '0' },
        { run: 'FT (lr 1e-3)', id: '96.6 %', oodMean: '68.9 %', oodWorst: '54.6 %', distortion: '9.34' },
        { run: 'LP-FT (LP 1e-2 for 150 steps, FT 1e-4)', id: '97.2 %', oodMean: '88.8 %', oodWorst: '70.0 %', distortion: '2.64' },
      ],
      conditions: CALIBRATION_2,
      source: 'docs/calibration.md §2',
    },
  },
  {
    id: 'daft-batchnorm',
    title: 'DAFT fixes BatchNorm',
    summary: 'DAFT first rewrites every BatchNorm layer to the target data\'s statistics without changing what the network computes, then trains a zero-initialised head fast and the backbone slowly in one run.',
    runs: [
      { label: 'DAFT', config: { ...FOUR_EPOCHS, method: { kind: 'daft', daft: { headLrScale: 100 } }, lr: 1e-3 } },
      { label: 'FT', config: { ...FOUR_EPOCHS, method: { kind: 'ft' }, lr: 1e-3 } },
    ],
    compareLr: 'same',
    lookFor: [
      'Method diagnostics: the DAFT check — the BatchNorm conversion leaves the network\'s outputs unchanged.',
      'Feature distortion and See inside: compare how far the OOD points move with FT\'s run.',
      'Accuracy: the OOD line against FT\'s at the same seed.',
    ],
    // RESULTS: replace with docs/results.md (mnist-resnet: DAFT vs FT, paired over seeds).
    measured: {
      rows: [
        { run: 'DAFT (backbone lr 1e-3, head ×100)', id: '97.2 %', oodMean: '88.2 %' },
        { run: 'DAFT (backbone lr 1e-3, head ×1000, 4 epochs)', id: '95.2 %', oodMean: '76.5 %', oodWorst: '67.0 %', distortion: '3.46' },
        { run: 'FT (lr 1e-3, 4 epochs)', id: '96.6 %', oodMean: '68.9 %', oodWorst: '54.6 %', distortion: '9.34' },
      ],
      conditions: `${CALIBRATION_2}. The head ×100 row is from §4, which uses the same data, shifts, seed and test images but does not record its number of epochs`,
      source: 'docs/calibration.md §2 and §4',
    },
  },
  {
    id: 'spd-selective-decay',
    title: 'SPD: decay only what disagrees',
    summary: 'Selective projection decay pulls a layer back toward its pretrained weights only on steps where the loss points back toward them, and leaves the other layers free.',
    runs: [
      { label: 'FT + SPD', config: { method: { kind: 'ft', spd: { enabled: true, lambda: 1 } }, lr: 2e-3 } },
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 2e-3 } },
    ],
    compareLr: 'same',
    lookFor: [
      'Method diagnostics → SPD: for each layer, the share of steps on which it was pulled back, and its distance from the pretrained weights.',
      'Weight drift per layer: compare the bars with the FT run of the same seed.',
      'See inside: how far the OOD points travel compared with FT.',
    ],
    // RESULTS: fill in from docs/results.md (mnist-resnet: SPD vs FT).
    measured: null,
    notMeasured: NOT_MEASURED,
  },
  {
    id: 'levi-two-views',
    title: 'LEVI: two views',
    summary: 'LEVI keeps the pretrained network frozen and trains a small model from scratch next to it; adapters combine the frozen network\'s late blocks with the small model\'s view.',
    runs: [
      { label: 'LEVI', config: { method: { kind: 'levi', levi: { taps: 2, width: 64 } }, lr: 1e-3 } },
      { label: 'LP', config: { method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 2e-3 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'See inside: the points do not move at all — the pretrained features are never changed; all learning happens in the small model and the adapters.',
      'Method diagnostics → LEVI: the accuracy of each tap\'s adapter on its own, next to the ensemble\'s.',
      'Accuracy: compare the ID and OOD lines with LP (frozen features only) and FT (everything trained).',
    ],
    // RESULTS: fill in from docs/results.md (mnist-resnet: LEVI vs FT).
    measured: null,
    notMeasured: NOT_MEASURED,
  },
  {
    id: 'ftlp-prior',
    title: 'FT-LP: the prior at every step',
    summary: 'FT-LP adds a term to every step\'s loss that ties the features of a few blocks to the frozen pretrained model\'s, weighted by a learned variance per channel.',
    runs: [
      { label: 'FT + FT-LP', config: { method: { kind: 'ft', ftlp: { enabled: true, lambda: 0.1 } }, lr: 2e-3 } },
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 2e-3 } },
    ],
    compareLr: 'same',
    lookFor: [
      'Method diagnostics → FT-LP: the regulariser over training and the learned variance σ² per tap (a large σ² lets that block move).',
      'Feature distortion and See inside: compare how far the points move with FT\'s run of the same seed.',
    ],
    // RESULTS: fill in from docs/results.md (mnist-resnet: FT-LP vs FT).
    measured: null,
    notMeasured: NOT_MEASURED,
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The full config of a preset's run (its patch over the page's defaults). */
export function presetRunConfig(preset: Preset, run = 0): RunConfig {
  return runConfigSchema.parse(withDefaults(preset.runs[run]?.config ?? {}, DEFAULT_CONFIG));
}

/** The config a preset link without settings of its own opens with: its first run's. */
export function presetConfig(id: string): RunConfig | undefined {
  const preset = presetById(id);
  return preset ? presetRunConfig(preset) : undefined;
}
