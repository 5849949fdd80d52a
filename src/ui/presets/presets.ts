/**
 * Teaching scenarios: one click sets up a run and says what to look for. All texts live here so
 * they are easy to update.
 *
 * Figures are what THIS PROJECT MEASURED, never a paper's: the results matrix of docs/results.md
 * (mnist-resnet: 5 seeds, each method's hyper-parameter chosen on ID validation; last evaluation),
 * and a test checks that every figure quoted here appears in that file. Regenerate the matrix
 * (`npm run results`) and update these blocks together.
 *
 * Every scenario also has a Quick size (`quick.patch` over each run's settings): what it measured is
 * in scenarioData.json (`npx tsx scripts/measure/quickSizes.ts`), quoted by quickText.ts; a scenario
 * opens at Quick only where every effect of `quick.effects` held on every measured seed.
 */
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunConfig } from '../../engine/config/schema';
import { withDefaults } from '../../engine/config/validate';
import { benchmarkTrainImages } from '../../engine/data/targets';
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

/** A scenario's two sizes: Quick (the default when it is opened: a result within about a minute) and Full (the measured matrix's settings). */
export const PRESET_SIZES = ['quick', 'full'] as const;
export type PresetSize = (typeof PRESET_SIZES)[number];

/** The effect a Quick size must show on every measured seed: `higher`'s metric above `lower`'s. */
export interface QuickEffect {
  metric: 'idAcc' | 'oodMean';
  /** run labels of this preset */
  higher: string;
  lower: string;
}

export interface QuickSize {
  /** patched over every run's settings (so compare mode carries it to all runs) */
  patch: ConfigPatch;
  /** what Quick changes, in words */
  what: string;
  /** what its measurement must show on every seed (scenarioData.ts; a test checks it) */
  effects: QuickEffect[];
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
  quick: QuickSize;
  /** the size the scenario opens with: quick, unless Quick did not show the effect on every seed */
  defaultSize: PresetSize;
}

/** The conditions of the results matrix (docs/results.md, mnist-resnet), shared by every figure here. */
const MATRIX =
  'resnet-broad on MNIST digits at the page\'s default settings (2,000 training images, 6 epochs, batch 32, OOD = rotation, ' +
  'Gaussian noise, coloured background and fog at severity 3, 500 test images per set); mean ± std over seeds 0–4 at the ' +
  'end of training, each method\'s hyper-parameter chosen on ID validation accuracy from a 3-point grid; headless runner (Node, wasm)';

const SOURCE = 'docs/results.md (mnist-resnet)';

/** The ColoredMNIST scenario's setup, as `npm run benchmark -- --plan methods-cmnist --domains 2` measured it (scripts/benchmark/plans.ts). */
const COLOUR_SHORTCUT: ConfigPatch = {
  dataset: 'colored-mnist', testDomain: 2, shifts: [], trainSize: benchmarkTrainImages('colored-mnist', 2), batchSize: 30,
  duration: { unit: 'steps', value: 300 }, evalEvery: 50, evalSize: 3000, probeSize: 16,
};

/** The trade-off scenario's setup, as `npm run results -- --scenario rmnist0-resnet` measured it (scripts/results/scenarios.ts). */
const ROTATED_TASK: ConfigPatch = {
  dataset: 'rotated-mnist', testDomain: 0, shifts: [], trainSize: benchmarkTrainImages('rotated-mnist', 0), duration: { unit: 'steps', value: 300 },
};

/** Quick on resnet-broad and MNIST: fewer steps, fewer test images, a shorter LP stage; the model, data and shifts stay. */
const RESNET_QUICK: ConfigPatch = { duration: { unit: 'steps', value: 100 }, evalEvery: 20, evalSize: 200, probeSize: 100, method: { lpSteps: 100 } };
const RESNET_QUICK_WHAT = '100 steps instead of 6 epochs (375), 200 test images per set instead of 500, LP stage 100 steps instead of 150';
/** The trade-off at Quick: half the steps, fewer test images, a shorter LP stage. */
const TRADEOFF_QUICK: ConfigPatch = { duration: { unit: 'steps', value: 150 }, evalEvery: 30, evalSize: 300, probeSize: 100, method: { lpSteps: 100 } };
const TRADEOFF_QUICK_WHAT = '150 steps instead of 300, 300 test images per set instead of 500, LP stage 100 steps instead of 150';
/** LEVI trains its small model from scratch: 100 steps left it below FT on one seed, so its Quick size trains twice as long. */
const LEVI_QUICK: ConfigPatch = { ...RESNET_QUICK, duration: { unit: 'steps', value: 200 }, evalEvery: 40 };
const LEVI_QUICK_WHAT = '200 steps instead of 6 epochs (375), 200 test images per set instead of 500';

/** FT at its grid-chosen learning rate, the reference row of every comparison. */
const FT_ROW: MeasuredRow = { run: 'FT (lr 4e-3, chosen)', id: '97.5 ± 0.2 %', oodMean: '60.1 ± 10.4 %', oodWorst: '40.4 ± 17.9 %', distortion: '10.34 ± 0.29' };

export const PRESETS: readonly Preset[] = [
  {
    id: 'why-ft-hurts-ood',
    title: 'Why fine-tuning hurts OOD (LP vs FT vs LP-FT)',
    summary: 'Full fine-tuning reaches the same clean accuracy as a linear probe but loses accuracy on shifted images, because it distorts the pretrained features. LP-FT keeps both.',
    runs: [
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 4e-3 } },
      { label: 'LP', config: { method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'LP-FT', config: { method: { kind: 'lp-ft', lpSteps: 150, lpLr: 1e-2 }, lr: 1e-4 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'Accuracy: ID climbs to about the same level for all three; the OOD line is where they part.',
      'Feature distortion: FT\'s line rises far above LP-FT\'s; LP\'s stays at 0 (its backbone is frozen).',
      'See inside: under FT the orange (OOD) points leave their faint pretrained positions; under LP-FT they barely move.',
    ],
    measured: {
      rows: [
        { run: 'LP (lr 1e-2)', id: '97.2 ± 0.2 %', oodMean: '89.1 ± 0.5 %', oodWorst: '72.4 ± 1.9 %', distortion: '0' },
        FT_ROW,
        { run: 'LP-FT (LP stage 150 steps at 1e-2, FT stage 3e-5, chosen)', id: '97.2 ± 0.1 %', oodMean: '89.0 ± 0.4 %', oodWorst: '72.3 ± 1.7 %', distortion: '1.55 ± 0.11' },
      ],
      conditions: `${MATRIX}. FT's OOD accuracy varies a lot from seed to seed (21–59 % on the worst shift); LP-FT's does not. This preset runs LP-FT's FT stage at the page's suggested 1e-4 (the grid preferred 3e-5 by 0.2 points of validation accuracy)`,
      source: SOURCE,
    },
    quick: { patch: RESNET_QUICK, what: RESNET_QUICK_WHAT, effects: [{ metric: 'oodMean', higher: 'LP', lower: 'FT' }, { metric: 'oodMean', higher: 'LP-FT', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'lp-vs-ft-tradeoff',
    title: 'LP vs FT: the whole trade-off (rotated digits)',
    summary: 'The new task is digits rotated by 15° to 75°; the upright digits the network was pretrained on are held out as the OOD domain. A linear probe on the frozen features cannot learn the rotations; full fine-tuning learns them and forgets part of the upright digits; LP-FT lands in between.',
    runs: [
      { label: 'LP', config: { ...ROTATED_TASK, method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'FT', config: { ...ROTATED_TASK, method: { kind: 'ft' }, lr: 2e-3 } },
      { label: 'LP-FT', config: { ...ROTATED_TASK, method: { kind: 'lp-ft', lpSteps: 150, lpLr: 1e-2 }, lr: 1e-4 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'Accuracy, ID (the rotated digits held out from training): FT climbs well above LP — here fine-tuning is worth it.',
      'The held-out 0° line (upright digits, the OOD domain): LP stays highest, FT ends lowest — what fine-tuning gained on the new task it partly paid for on the old one.',
      'LP-FT: between the two on ID, close to LP on the held-out line; its features move about two thirds as far as FT\'s (feature distortion).',
    ],
    measured: {
      rows: [
        { run: 'LP (lr 3e-2, chosen)', id: '84.0 ± 2.4 %', oodMean: '91.4 ± 1.2 %', distortion: '0' },
        { run: 'FT (lr 4e-3, chosen)', id: '96.4 ± 0.9 %', oodMean: '85.2 ± 2.7 %', distortion: '8.85 ± 0.16' },
        { run: 'LP-FT (LP stage 150 steps at 1e-2, FT stage 3e-4, chosen)', id: '91.4 ± 1.4 %', oodMean: '89.1 ± 1.3 %', distortion: '5.80 ± 0.36' },
      ],
      conditions: 'resnet-broad on RotatedMNIST (DomainBed\'s definitions on 6,000 of our digits), 0° held out: 4,000 training images of the 15°–75° domains, 300 steps of 32, no synthetic shift; "ID" is the training domains\' held-out images, "OOD mean" the upright digits of the 0° domain; mean ± std over seeds 0–4 at the end of training, each method\'s learning rate chosen on ID validation from a 3-point grid; headless runner (Node, wasm), `npm run results -- --scenario rmnist0-resnet --only LP,FT,LP-FT`. Paired over seeds, FT beats LP on ID by 12.4 ± 1.6 points (p < 0.001) and loses to it on OOD by 6.3 ± 2.3 (p = 0.004); LP-FT keeps most of LP\'s OOD accuracy (+3.9 ± 2.0 over FT, p = 0.012) but gains only part of FT\'s ID accuracy (5.0 ± 0.6 points below FT, p < 0.001). This scenario runs each method at the page\'s suggested learning rate (LP 1e-2, FT 2e-3, LP-FT 1e-4), as compare mode does; on seed 0 the grid measured them 0.2–3.8 points of ID validation below the chosen ones',
      source: 'docs/results.md (rmnist0-resnet)',
    },
    quick: { patch: TRADEOFF_QUICK, what: TRADEOFF_QUICK_WHAT, effects: [{ metric: 'idAcc', higher: 'FT', lower: 'LP' }, { metric: 'oodMean', higher: 'LP', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'daft-batchnorm',
    title: 'DAFT fixes BatchNorm',
    summary: 'DAFT first rewrites every BatchNorm layer to the target data\'s statistics without changing what the network computes, then trains a zero-initialised head fast and the backbone slowly in one run.',
    runs: [
      { label: 'DAFT', config: { method: { kind: 'daft', daft: { headLrScale: 1000 } }, lr: 1e-4 } },
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 2e-3 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'Method diagnostics: the DAFT check — the BatchNorm conversion leaves the network\'s outputs unchanged.',
      'Feature distortion and See inside: compare how far the OOD points move with FT\'s run.',
      'Accuracy: the OOD line against FT\'s at the same seed.',
    ],
    measured: {
      rows: [
        { run: 'DAFT (head ×1000, backbone lr 3e-5 chosen; this run trains at the default 1e-4)', id: '97.2 ± 0.2 %', oodMean: '89.9 ± 0.3 %', oodWorst: '73.4 ± 1.4 %', distortion: '0.27 ± 0.06' },
        FT_ROW,
      ],
      conditions: `${MATRIX}; DAFT at its default head ×1000. DAFT beats FT on OOD accuracy (+29.8 points, paired p = 0.003) and distortion; against LP-FT its OOD mean is 0.8 ± 0.4 points higher (paired p = 0.006) at the same ID accuracy`,
      source: SOURCE,
    },
    quick: { patch: RESNET_QUICK, what: RESNET_QUICK_WHAT, effects: [{ metric: 'oodMean', higher: 'DAFT', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'spd-selective-decay',
    title: 'SPD: decay only what disagrees',
    summary: 'Selective projection decay pulls a layer back toward its pretrained weights only on steps where the loss points back toward them, and leaves the other layers free.',
    runs: [
      { label: 'FT + SPD', config: { method: { kind: 'ft', spd: { enabled: true, lambda: 2 } }, lr: 2e-3 } },
      // SPD off, its λ kept: compare mode carries the first run's settings to the others
      { label: 'FT', config: { method: { kind: 'ft', spd: { enabled: false, lambda: 2 } }, lr: 2e-3 } },
    ],
    compareLr: 'same',
    lookFor: [
      'Method diagnostics → SPD: for each layer, the share of steps on which it was pulled back, and its distance from the pretrained weights.',
      'Weight drift per layer: compare the bars with the FT run of the same seed.',
      'See inside: how far the OOD points travel compared with FT.',
    ],
    measured: {
      rows: [
        { run: 'FT + SPD (λ 0.5, chosen; lr 2e-3)', id: '97.0 ± 0.3 %', oodMean: '70.2 ± 8.8 %', oodWorst: '53.4 ± 7.7 %', distortion: '9.84 ± 0.24' },
        FT_ROW,
      ],
      conditions: `${MATRIX}. SPD's OOD gain over FT (+10.1 ± 4.0 points, paired p = 0.005) holds beyond seed noise; its ID accuracy is 0.5 points below FT's (p = 0.007), so the paper's ID claim does not reproduce here. Its distortion stays close to FT's: SPD limits how far weights move, not how far features move. The grid tied λ 0.5 and λ 2 on ID validation and took the smaller; this scenario runs λ 2`,
      source: SOURCE,
    },
    quick: { patch: RESNET_QUICK, what: RESNET_QUICK_WHAT, effects: [{ metric: 'oodMean', higher: 'FT + SPD', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'levi-two-views',
    title: 'LEVI: two views',
    summary: 'LEVI keeps the pretrained network frozen and trains a small model from scratch next to it; adapters combine the frozen network\'s late blocks with the small model\'s view.',
    runs: [
      { label: 'LEVI', config: { method: { kind: 'levi', levi: { taps: 2, width: 64 } }, lr: 4e-3 } },
      { label: 'LP', config: { method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'FT', config: { method: { kind: 'ft' }, lr: 2e-3 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'See inside: the points do not move at all — the pretrained features are never changed; all learning happens in the small model and the adapters.',
      'Method diagnostics → LEVI: the accuracy of each tap\'s adapter on its own, next to the ensemble\'s.',
      'Accuracy: compare the ID and OOD lines with LP (frozen features only) and FT (everything trained).',
    ],
    measured: {
      rows: [
        { run: 'LEVI (lr 4e-3, chosen; 2 taps, width 64)', id: '97.1 ± 0.2 %', oodMean: '85.3 ± 2.7 %', oodWorst: '69.4 ± 2.2 %', distortion: '0' },
        { run: 'LP (lr 1e-2)', id: '97.2 ± 0.2 %', oodMean: '89.1 ± 0.5 %', oodWorst: '72.4 ± 1.9 %', distortion: '0' },
        FT_ROW,
      ],
      conditions: `${MATRIX}. LEVI is this project's reconstruction. It beats FT on OOD accuracy beyond seed noise but stays below LP: the small model trained from scratch sees only the clean digits`,
      source: SOURCE,
    },
    quick: { patch: LEVI_QUICK, what: LEVI_QUICK_WHAT, effects: [{ metric: 'oodMean', higher: 'LEVI', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'ftlp-prior',
    title: 'FT-LP: the prior at every step',
    summary: 'FT-LP adds a term to every step\'s loss that ties the features of a few blocks to the frozen pretrained model\'s, weighted by a learned variance per channel.',
    runs: [
      { label: 'FT + FT-LP', config: { method: { kind: 'ft', ftlp: { enabled: true, lambda: 0.01 } }, lr: 2e-3 } },
      { label: 'FT', config: { method: { kind: 'ft', ftlp: { enabled: false, lambda: 0.01 } }, lr: 2e-3 } },
    ],
    compareLr: 'same',
    lookFor: [
      'Method diagnostics → FT-LP: the regulariser over training and the learned variance σ² per tap (a large σ² lets that block move).',
      'Feature distortion and See inside: compare how far the points move with FT\'s run of the same seed.',
    ],
    measured: {
      rows: [
        { run: 'FT + FT-LP (λ 0.01, chosen; lr 2e-3)', id: '97.0 ± 0.4 %', oodMean: '84.9 ± 1.2 %', oodWorst: '62.0 ± 2.3 %', distortion: '10.38 ± 0.72' },
        FT_ROW,
      ],
      conditions: `${MATRIX}. FT-LP is this project's reconstruction (MIRO form), with BatchNorm frozen in the whole network as MIRO does. Its OOD gain over FT (+24.8 ± 11.2 points, paired p = 0.008) holds beyond seed noise even at the weakest prior of the grid (λ 0.01, chosen on ID validation), and it varies far less across seeds than FT; its ID distortion stays as large as FT's`,
      source: SOURCE,
    },
    quick: { patch: RESNET_QUICK, what: RESNET_QUICK_WHAT, effects: [{ metric: 'oodMean', higher: 'FT + FT-LP', lower: 'FT' }] },
    defaultSize: 'quick',
  },
  {
    id: 'colour-shortcut',
    title: 'ColoredMNIST: fine-tuning takes the colour shortcut',
    summary: 'In the two training domains a digit\'s colour predicts its label (90 % and 80 % of the time) better than its shape can (75 %: a quarter of the labels are flipped); in the held-out domain the colour lies (10 %). Full fine-tuning learns the colour; a linear probe on the frozen pretrained features cannot.',
    runs: [
      { label: 'FT', config: { ...COLOUR_SHORTCUT, method: { kind: 'ft' }, lr: 2e-3 } },
      { label: 'LP', config: { ...COLOUR_SHORTCUT, method: { kind: 'lp' }, lr: 1e-2 } },
      { label: 'LP-FT', config: { ...COLOUR_SHORTCUT, method: { kind: 'lp-ft', lpSteps: 150, lpLr: 1e-2 }, lr: 1e-4 } },
      { label: 'DAFT', config: { ...COLOUR_SHORTCUT, method: { kind: 'daft', daft: { headLrScale: 1000 } }, lr: 1e-4 } },
      { label: 'FT + SPD', config: { ...COLOUR_SHORTCUT, method: { kind: 'ft', spd: { enabled: true, lambda: 1 } }, lr: 2e-3 } },
    ],
    compareLr: 'suggested',
    lookFor: [
      'Accuracy: ID here is the training domains\' held-out images. Above 75 % the model must be reading colour, because shape alone cannot do better with a quarter of the labels flipped.',
      'The held-out domain −90 % line: with colour against the label 90 % of the time, a colour reader falls toward 10 %; a shape reader stays near 75 %.',
      'LP: only the head trains, on features pretrained on digits under random colour shifts; its ID accuracy stays at the shape ceiling and its held-out line far above FT\'s (it still leans on colour a little: below 75 %).',
      'LP-FT, DAFT and SPD protect the pretrained features against drifting, not against a shortcut that is more predictive in training: once the backbone trains, it learns the colour too.',
    ],
    measured: {
      rows: [
        { run: 'FT (lr 2e-3)', id: '84.8 ± 0.4 %', oodMean: '12.0 ± 1.6 %' },
        { run: 'LP (lr 1e-2)', id: '75.1 ± 0.5 %', oodMean: '53.2 ± 1.8 %' },
        { run: 'LP-FT (LP stage 150 steps at 1e-2, FT stage 1e-4)', id: '84.3 ± 0.5 %', oodMean: '17.4 ± 0.4 %' },
        { run: 'DAFT (backbone lr 1e-4, head ×1000)', id: '83.3 ± 0.6 %', oodMean: '20.0 ± 0.5 %' },
        { run: 'FT + SPD (λ 1, lr 2e-3)', id: '84.7 ± 0.5 %', oodMean: '13.1 ± 1.6 %' },
      ],
      conditions: 'resnet-broad on Colored MNIST (DomainBed\'s definitions on 6,000 of our digits), −90 % held out: 3,200 training images of the +90 % and +80 % domains, 300 steps of 30, each method at the playground default (no sweep); "ID" is the training domains\' 20 % holdout (800 images), "OOD mean" the held-out −90 % domain alone (1,600 images, no synthetic shift); each run\'s checkpoint chosen on ID validation as DomainBed does; mean ± standard error (DomainBed\'s) over seeds 0–2; headless runner (Node, wasm), `npm run benchmark -- --plan methods-cmnist --domains 2`. These are exactly the five runs below',
      source: 'docs/results.md (DomainBed benchmarks: the ColoredMNIST scenario)',
    },
    quick: { patch: { duration: { unit: 'steps', value: 100 }, evalEvery: 25, evalSize: 800, method: { lpSteps: 100 } }, what: '100 steps instead of 300, 800 test images per set instead of up to 3,000, LP stage 100 steps instead of 150', effects: [{ metric: 'oodMean', higher: 'LP', lower: 'FT' }, { metric: 'idAcc', higher: 'FT', lower: 'LP' }] },
    defaultSize: 'quick',
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The full config of a preset's run at a size (its patch over the page's defaults; Quick's patch over that). */
export function presetRunConfig(preset: Preset, run: number, size: PresetSize): RunConfig {
  const full = runConfigSchema.parse(withDefaults(preset.runs[run]?.config ?? {}, DEFAULT_CONFIG));
  return size === 'full' ? full : runConfigSchema.parse(withDefaults(preset.quick.patch, full));
}

/** The config a preset link without settings of its own opens with: its first run's, at the link's size or the scenario's default. */
export function presetConfig(id: string, size?: PresetSize): RunConfig | undefined {
  const preset = presetById(id);
  return preset ? presetRunConfig(preset, 0, size ?? preset.defaultSize) : undefined;
}
