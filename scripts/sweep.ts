/**
 * The double-descent sweep runner (Frozen overparameterization, ../shared/METHODS.md), headless:
 *   npm run sweep -- --k all --sizes 990 --noise 0.2 --sources mlp-digits04,mlp-clothing5 --epochs 60 --out runs/sweeps/dd.jsonl
 * k frozen blocks from 0 (FT) to all (LP), × target size × label noise × source; Adam at a constant
 * learning rate, no early stopping; train and test error every epoch. Writes one JSON line per run,
 * which the page's Double-descent lab imports.
 */
import { parseArgs } from 'node:util';
import { zooEntry } from '../src/engine/models/zoo';
import { sweepPoints } from '../src/engine/sweep/spec';
import { useNodeBackend, type NodeBackend } from './node/tfNode';
import { specFromArgs, SWEEP_USAGE } from './sweep/args';
import { runSweep } from './sweep/runSweep';

if (import.meta.url === `file://${process.argv[1]}`) {
  const str = { type: 'string' } as const;
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        k: str, sizes: str, noise: str, sources: str, epochs: str, lr: str, batch: str, 'eval-size': str, seed: str,
        classes: str, dataset: str, name: str, out: str, backend: { type: 'string', default: 'wasm' }, help: { type: 'boolean' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${SWEEP_USAGE}`);
    process.exit(2);
  }
  const { values } = parsed;
  if (values.help) { console.log(SWEEP_USAGE); process.exit(0); }
  let spec;
  try {
    spec = specFromArgs(values, (id) => zooEntry(id)?.blockCount);
  } catch (e) {
    console.error(`${(e as Error).message}\n${SWEEP_USAGE}`);
    process.exit(2);
  }
  const name = values.name ?? `sweep-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const out = values.out ?? `runs/sweeps/${name}.jsonl`;
  let stop = false;
  process.once('SIGINT', () => { stop = true; console.log('stopping after this step…'); });
  const started = performance.now();
  const backend = await useNodeBackend(values.backend as NodeBackend);
  console.log(`sweep "${name}": ${sweepPoints(spec).length} runs (${JSON.stringify(spec)}), backend ${backend} → ${out}`);
  runSweep(spec, { name, out, log: (l) => console.log(l), shouldStop: () => stop })
    .then((records) => console.log(`wrote ${records.length} runs to ${out} in ${((performance.now() - started) / 60000).toFixed(1)} min`))
    .catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
}
