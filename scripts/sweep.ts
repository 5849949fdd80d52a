/**
 * The double-descent sweep runner (Frozen overparameterization, ../shared/METHODS.md), headless:
 *   npm run sweep -- --k all --sizes 990 --noise 0.2 --sources mlp-digits04,mlp-clothing5 --epochs 60 --out runs/sweeps/dd.jsonl
 * k frozen blocks from 0 (FT) to all (LP), × target size × label noise × source; Adam at a constant
 * learning rate, no early stopping; train and test error every epoch. Writes one JSON line per run,
 * which the page's Double-descent lab imports.
 * With --queue redis://host:port[/db] the runs are jobs for `npm run worker` processes on any
 * number of machines (scripts/queue/, docs/queue.md); this process writes what they return.
 */
import { parseArgs } from 'node:util';
import { zooEntry } from '../src/engine/models/zoo';
import { sweepPoints } from '../src/engine/sweep/spec';
import { useNodeBackend, type NodeBackend } from './node/tfNode';
import { Coordinator } from './queue/coordinator';
import { specFromArgs, SWEEP_USAGE } from './sweep/args';
import { runSweep } from './sweep/runSweep';

if (import.meta.url === `file://${process.argv[1]}`) {
  const str = { type: 'string' } as const;
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        k: str, sizes: str, noise: str, sources: str, epochs: str, lr: str, batch: str, 'eval-size': str, seed: str,
        classes: str, dataset: str, name: str, out: str, queue: str, backend: { type: 'string', default: 'wasm' }, help: { type: 'boolean' },
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
  if (values.backend !== 'wasm' && values.backend !== 'cpu') { console.error(`--backend must be wasm or cpu\n${SWEEP_USAGE}`); process.exit(2); }
  const backendId = values.backend as NodeBackend;
  let queue: Coordinator | undefined;
  try {
    queue = values.queue ? await Coordinator.open(values.queue) : undefined;
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  let stop = false;
  process.once('SIGINT', () => {
    stop = true;
    if (queue) { queue.stop(); console.log('\nstopping: the queued runs stay in Redis; run the same command again to collect them'); }
    else console.log('stopping after this step…');
  });
  const started = performance.now();
  const where = queue ? `queue ${queue.target.shown} (workers: npm run worker -- --queue ${queue.target.shown})` : `backend ${await useNodeBackend(backendId)}`;
  console.log(`sweep "${name}": ${sweepPoints(spec).length} runs (${JSON.stringify(spec)}), ${where} → ${out}`);
  try {
    const { records, failed } = await runSweep(spec, { name, out, log: (l) => console.log(l), shouldStop: () => stop, queue, backend: backendId });
    await queue?.close();
    console.log(`wrote ${records.length} runs to ${out} in ${((performance.now() - started) / 60000).toFixed(1)} min${failed.length ? `; ${failed.length} failed` : ''}`);
    if (queue && records.length + failed.length) {
      const o = queue.overheadPerJobMs();
      console.log(`coordinator time per job: ${o.enqueue.toFixed(1)} ms to add it, ${o.collect.toFixed(1)} ms to take its result, write it and remove it`);
    }
    process.exit(stop ? 130 : failed.length ? 1 : 0);
  } catch (e) {
    await queue?.close();
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  }
}
