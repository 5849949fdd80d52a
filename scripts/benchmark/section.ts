/**
 * The DomainBed section of docs/results.md: protocol and reduced budget, our ERM beside DomainBed's
 * published ERM per held-out domain, the budget points, our methods' rows, the ColoredMNIST
 * scenario, and what the differences mean. Rendered from runs/benchmark/*.jsonl; every number in
 * it comes from those files or from published.ts.
 */
import { mnistCnnMacs, DOMAINBED_WIDTH } from '../../src/engine/models/mnistCnn';
import { BENCHMARKS, benchmarkTrainImages, type BenchmarkId } from '../../src/engine/data/targets';
import { BLOCK_BEGIN, BLOCK_END } from './docsBlock';
import { readPath } from '../../src/engine/config/paths';
import { baseSpec, modifierSpecs } from '../../src/engine/methods/specs';
import { formatGridValue, formatParamValue } from '../results/scenarios';
import { benchmarkMethods, BUDGETS, METHOD_BUDGET, type BenchmarkMethod } from './plans';
import { DOMAINBED_ERM, DOMAINBED_RESULTS_URL } from './published';
import type { BenchmarkRecord } from './records';
import { renderTables, rowOf, type Row } from './report';
import { domainbedMean, formatCell, resultsByDomain } from './selection';

const fmt = (n: number) => n.toLocaleString('en');

/** Training FLOP of one ERM run: images seen × (forward + backward ≈ 3 forward passes) × 2 FLOP per MAC. */
export function ermRunFlop(steps: number, imagesPerStep: number, width: number, channels: number): number {
  return steps * imagesPerStep * 3 * 2 * mnistCnnMacs(width, channels);
}

function budgetTable(): string {
  const d = { steps: 5000, batch: 64, width: DOMAINBED_WIDTH };
  const rows = [
    ['training steps', fmt(d.steps), ...['small', 'medium'].map((b) => fmt(BUDGETS[b].steps))],
    ['images per training domain per step', `${d.batch} by default, int(2^U(3, 9)) when sampled`, ...['small', 'medium'].map((b) => `≤ ${BUDGETS[b].maxBatch} (DomainBed's draw, capped)`)],
    ['MNIST_CNN width (channels of conv1; conv2–4 have twice as many)', String(d.width), ...['small', 'medium'].map((b) => String(BUDGETS[b].width))],
    ['checkpoints (model selection candidates)', 'every 100 steps', ...['small', 'medium'].map((b) => `every ${BUDGETS[b].evalEvery} steps`)],
    ['training FLOP of one RotatedMNIST run (default batch)', ermRunFlop(d.steps, d.batch * 5, d.width, 1).toExponential(1),
      ...['small', 'medium'].map((b) => ermRunFlop(BUDGETS[b].steps, BUDGETS[b].maxBatch * 5, BUDGETS[b].width, 1).toExponential(1))],
  ];
  return ['| | DomainBed | ours, small | ours, medium |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** The budget points on one held-out domain: ERM at each budget, hparam sample 0, every trial. */
function budgetPoints(records: readonly BenchmarkRecord[], domain: number): { text: string; rows: Row[] } {
  const rows = ['small', 'medium'].map((b) => rowOf(`ERM, budget ${b}`, records.filter((r) => r.plan === 'erm-rmnist' && r.budget === b && r.hparamSample === 0), 'rotated-mnist'));
  const name = BENCHMARKS['rotated-mnist'].domains[domain];
  const lines = [`| budget | steps × images per step | held-out ${name} (%) | training-domain validation (%) | mean run time (s) |`, '|---|---|---|---|---|'];
  for (const r of rows) {
    const b = BUDGETS[r.label.split(' ').pop()!];
    lines.push(`| ${b.name} | ${fmt(b.steps)} × ${b.maxBatch * 5} | ${formatCell(r.cells[domain])} (n = ${r.cells[domain].n}) | ${formatCell(r.valCells[domain])} | ${Math.round(r.seconds)} |`);
  }
  return { text: lines.join('\n'), rows };
}

/** The ColoredMNIST scenario rows: per method, training-domain validation and the −90 % domain, over trials. */
export function scenarioRows(records: readonly BenchmarkRecord[]): { algorithm: string; id: string; ood: string; n: number }[] {
  const recs = records.filter((r) => r.plan === 'methods-cmnist' && r.testDomain === 2);
  return [...new Set(recs.map((r) => r.algorithm))].map((algorithm) => {
    const { perDomain, chosen } = resultsByDomain(recs.filter((r) => r.algorithm === algorithm), 3);
    const val = chosen[2].map((r) => Math.max(...r.checkpoints.map((c) => c.valAcc)));
    return { algorithm, id: formatCell(domainbedMean(val)), ood: formatCell(domainbedMean(perDomain[2])), n: perDomain[2].length };
  });
}

export function renderSection(records: readonly BenchmarkRecord[], generatedAt = new Date()): string {
  const tables = renderTables(records);
  const budget = budgetPoints(records, 0);
  const scenario = scenarioRows(records);
  const trainImages = (b: BenchmarkId) => fmt(benchmarkTrainImages(b, 0));
  const out = [
    BLOCK_BEGIN,
    '## DomainBed benchmarks: RotatedMNIST and ColoredMNIST, ours beside the published ERM',
    '',
    `Written by \`npm run benchmark -- --write-docs\` from \`runs/benchmark/*.jsonl\` on ${generatedAt.toISOString().slice(0, 10)}. `
      + 'The runs: `npm run benchmark -- --plan erm-rmnist --hparams 1 --budget small --domains 0` and `… --budget medium` (budget points), '
      + '`npm run benchmark -- --plan erm-rmnist --hparams 1 --budget medium`, `npm run benchmark -- --plan erm-cmnist --hparams 2 --budget small`, '
      + '`npm run benchmark -- --plan methods-cmnist` and `npm run benchmark -- --plan methods-rmnist` (each with `--resume`), in Node on the wasm backend, '
      + '2 shared CPU cores.',
    '',
    `**Data.** The benchmarks are built with DomainBed's definitions (\`domainbed/datasets.py\`; measured checks in docs/data.md) from **6,000 MNIST digits, not DomainBed's 70,000**: `
      + `a RotatedMNIST run trains on ${trainImages('rotated-mnist')} images of 5 domains and tests on 800 of the held-out one (DomainBed: ~46,700 and ~9,300); `
      + `a ColoredMNIST run trains on ${trainImages('colored-mnist')} and tests on 1,600 (DomainBed: ~37,300 and ~18,700).`,
    '',
    '**Protocol: DomainBed\'s ERM, at a reduced budget.** MNIST_CNN (`domainbed/networks.py`: four 3×3 convolutions with ReLU and GroupNorm(8), '
      + 'global average pooling, a linear head) trained from scratch with Adam, constant learning rate, no weight decay, on minibatches that take the same number of '
      + 'images from each training domain; learning rate and batch drawn from DomainBed\'s ERM ranges for its MNIST datasets (`domainbed/hparams_registry.py`: '
      + 'lr 10^U(−4.5, −2.5), default 1e-3; batch int(2^U(3, 9)) per domain, default 64), sample 0 being the defaults. Model selection is DomainBed\'s '
      + '**training-domain validation** (`domainbed/model_selection.py`, `IIDAccuracySelectionMethod`): the checkpoint, and then the hyper-parameter sample, '
      + 'with the best accuracy on the training domains\' 20 % holdout; the reported number is the held-out domain\'s accuracy at that checkpoint. '
      + 'Every held-out domain in turn (leave-one-domain-out), 3 trials (seeds 0, 1, 2: the trial\'s seed deals the digits into domains, draws ColoredMNIST\'s '
      + 'flips, initialises the network and orders the batches; DomainBed also hashes the algorithm and hyper-parameter sample into it), '
      + 'cells as DomainBed prints them: mean over trials ± 100·std(x/√n) (its `collect_results.format_mean`). Differences from DomainBed beyond the budget: '
      + 'our head starts from Glorot-uniform (PyTorch: U(±1/√128)); each domain is gone through in a seeded permutation per pass (DomainBed samples with replacement).',
    '',
    budgetTable(),
    '',
    'RotatedMNIST ran 1 hyper-parameter sample (DomainBed\'s defaults, batch capped at 8) per trial and held-out domain; ColoredMNIST 2 (the defaults and one random draw).',
    '',
    tables.markdown,
    ...(/\| –/.test(tables.markdown) ? ['Cells marked – were not run.', ''] : []),
    '### How accuracy moves with the budget (RotatedMNIST, 0° held out, DomainBed\'s default hyper-parameters, 3 trials)',
    '',
    budget.text,
    '',
    '### Our methods on the same splits',
    '',
    `The rows "${benchmarkMethods().map((m) => m.label).join(' / ')} (resnet-broad)" in the tables above fine-tune our pretrained ResNet (pretrained on clothing and 4,000 other digits under random synthetic shifts; none of the benchmark's digits) `
      + `on the same leave-one-domain-out splits, trials and training-domain validation, for ${METHOD_BUDGET.steps} steps of ${METHOD_BUDGET.batchSize} images (evenly from the training domains; LP-FT adds its 150-step LP stage) `
      + `at each method's playground default (no sweep: ${benchmarkMethods().map(defaultsInWords).join('; ')}; Adam and a cosine schedule unless a method fixes its own). `
      + 'ColoredMNIST\'s two planes reach these RGB models as a red (plane 0) or green (plane 1) digit; RotatedMNIST\'s grey digits as R = G = B.',
    '',
    '### ColoredMNIST as a teaching scenario: the colour shortcut (−90 % held out)',
    '',
    'Shape alone can reach 75 % (a quarter of the labels are flipped); colour agrees with the label 90 % and 80 % of the time in the training domains and 10 % in the held-out one. '
      + 'A model that reads colour scores above 75 % on the training domains and far below 50 % on −90 %.',
    '',
    '| method (resnet-broad) | training-domain validation (%) | held-out −90 % (%) | trials |',
    '|---|---|---|---|',
    ...scenario.map((s) => `| ${s.algorithm.replace(' (resnet-broad)', '')} | ${s.id} | ${s.ood} | ${s.n} |`),
    '',
    `Published DomainBed numbers: ${DOMAINBED_RESULTS_URL} (rows "ERM", model selection "training-domain validation set").`,
    '',
    discussion(scenario, tables.rows),
    BLOCK_END,
  ];
  return out.join('\n');
}

/** A method's playground defaults in words: "LP-FT lr 1e-4, LP steps 150, LP lr 0.01"; what its spec fixes ("SGD"). */
function defaultsInWords(m: BenchmarkMethod): string {
  const specs = [baseSpec(m.method.kind)!, ...modifierSpecs().filter((s) => readPath(m.method, `${s.id}.enabled`) === true)];
  const params = specs.flatMap((s) => s.params.map((p) => `${p.label} ${formatParamValue(p, readPath(m.method, p.path) as number)}`));
  const fixed = baseSpec(m.method.kind)!.fixed?.optimizer?.value;
  return [`${m.label} lr ${formatGridValue(m.lr)}`, ...params, ...(fixed ? [`${fixed.toUpperCase()} (fixed by the method)`] : [])].join(', ');
}

/**
 * What our fine-tuned ResNet does on RotatedMNIST, from its rows: FT at or near the best on every
 * held-out domain but 0° (the upright digits it was pretrained on), where other methods keep more.
 * Said only while the rows show it.
 */
function rotatedBullet(rows: readonly Row[]): string[] {
  const ours = rows.filter((r) => r.label.endsWith(' (resnet-broad)'));
  const name = (r: Row) => r.label.replace(' (resnet-broad)', '');
  const ft = ours.find((r) => name(r) === 'FT');
  const lp = ours.find((r) => name(r) === 'LP');
  const erm = rows.find((r) => r.label.startsWith('ERM, ours (budget small'));
  if (!ft || !lp || !erm || ![ft, erm].every((r) => Number.isFinite(r.avg))) return [];
  const cell = (r: Row, d: number) => r.cells[d].mean;
  const others = ours.filter((r) => r !== ft);
  // FT at or within half a point of the best on every held-out domain but 0°, where others keep more of the upright digits
  const ftLeadsAwayFromZero = [1, 2, 3, 4, 5].every((d) => cell(ft, d) >= Math.max(...others.map((r) => cell(r, d))) - 0.5);
  const above = others.filter((r) => cell(r, 0) > cell(ft, 0));
  if (!ftLeadsAwayFromZero || !above.includes(lp)) return [];
  const pct = (v: number) => `${v.toFixed(1)} %`;
  return [`- **Our pretrained ResNet on RotatedMNIST** (fine-tuned for ${METHOD_BUDGET.steps} steps): FT averages ${pct(ft.avg)} over the held-out domains, `
    + `far above our ERM from scratch at the small budget (${pct(erm.avg)}) and still below DomainBed's fully trained ERM (${DOMAINBED_ERM['rotated-mnist'].avg.toFixed(1)} %). `
    + 'FT is best, or within half a point of the best, on every held-out domain but 0°; with the upright digits held out — the ones the network '
    + `was pretrained on — ${above.length === others.length ? 'every other method keeps more of them' : 'these keep more of them'} (0° held out: ${above.map((r) => `${name(r)} ${pct(cell(r, 0))}`).join(', ')}, `
    + `against FT ${pct(cell(ft, 0))}), while LP alone cannot learn the far rotations (75° held out: ${pct(cell(lp, 5))}). The page's scenario `
    + '"LP vs FT: the whole trade-off" is the 0° case, measured over 5 seeds with the results runner (rmnist0-resnet above).'];
}

/** Written once the runs were in; the numbers it cites are the tables' above (the last point's are read from the records). */
const discussion = (scenario: ReturnType<typeof scenarioRows>, rows: Record<string, Row[]>) => [
  '### What the difference from DomainBed means',
  '',
  'Written from the tables as measured on 2026-12-06; rerun the plans and revisit it if they change.',
  '',
  '- **RotatedMNIST: our ERM is far below DomainBed\'s (68.1 % against 98.0 % on average), and the gap is the budget, not the protocol.** '
    + 'At the small budget (300 steps of 40 images, a few percent of DomainBed\'s 5,000 steps of 64 per domain, on 6,000 digits instead of 70,000) the '
    + 'network has not converged: its own training-domain validation accuracy is only 74–82 %. Quadrupling the steps (medium budget) lifts the 0° cell '
    + 'from 52.4 % to 81.7 % (one trial) and validation from 78 % to 93 %. The shape is DomainBed\'s: the extreme domains (0° and 75°) are the hardest '
    + 'to reach from the others, the middle ones the easiest. Matching its numbers needs its budget (order 10¹⁵ FLOP a run), beyond 2 cores.',
  '- **ColoredMNIST: our ERM reproduces the benchmark\'s point, not its numbers.** Held out −90 % (colour anti-correlated with the label), '
    + 'ERM falls to 9.6 ± 0.7 % against DomainBed\'s 10.0 ± 0.1 %: it learns the colour shortcut and is worse than chance on the flipped domain. '
    + 'On the +90 % and +80 % domains ours is lower (37.9 ± 9.3 and 56.5 ± 1.6 % against 71.7 and 72.9 %; 37.9 is below chance) and noisier. '
    + 'Why, we have not measured; the short budget and only 2 hyper-parameter samples per trial (the validation choice differs between trials) are the first suspects.',
  '- **Our pretrained models on ColoredMNIST** (fine-tuned, not from scratch): on −90 % held out, '
    + `${scenario.map((s) => `${s.algorithm.replace(' (resnet-broad)', '')} ${s.ood} %`).join(', ')} (trials as in the table above): `
    + 'once the backbone trains, every method learns the colour too; only the frozen backbone (LP) does not.',
  ...rotatedBullet(rows['rotated-mnist'] ?? []),
  ...(['colored-mnist', 'rotated-mnist'] as const).filter((b) => rows[b]?.some((r) => Number.isFinite(r.avg))).map((b) => `- **Averages over the held-out domains, ${BENCHMARKS[b].domainbedName}** (every domain held out once; `
    + `DomainBed's ERM ${DOMAINBED_ERM[b].avg.toFixed(1)} %): ${rows[b].filter((r) => Number.isFinite(r.avg)).map((r) => `${r.label} ${r.avg.toFixed(1)} % (${r.trials} trial${r.trials === 1 ? '' : 's'})`).join(', ')}.`),
  '',
].join('\n');
