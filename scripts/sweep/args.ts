/** `npm run sweep -- …` options as a sweep spec (pure, unit-tested). */
import { DEFAULT_SWEEP, sweepSpecSchema, type SweepSpec } from '../../src/engine/sweep/spec';

export const SWEEP_USAGE = `usage: npm run sweep -- [--k 0,1,2,3,4 | --k all] [--sizes 990] [--noise 0.2] [--sources mlp-digits04,mlp-clothing5]
       [--epochs 40] [--lr 0.001] [--batch 32] [--eval-size 1000] [--seed 0] [--classes 5-9] [--dataset mnist]
       [--name <sweep name>] [--out runs/sweeps/<name>.jsonl] [--backend wasm|cpu] [--queue redis://host:port[/db]]`;

const numbers = (text: string, flag: string): number[] => text.split(',').map((s) => {
  const n = Number(s.trim());
  if (s.trim() === '' || !Number.isFinite(n)) throw new Error(`--${flag}: "${s}" is not a number`);
  return n;
});

/** --k all means every block count from 0 to `blocks` (resolved per source by the runner's caller). */
export function specFromArgs(values: Record<string, string | boolean | undefined>, blocksOf: (source: string) => number | undefined): SweepSpec {
  const sources = typeof values.sources === 'string' ? values.sources.split(',').map((s) => s.trim()) : DEFAULT_SWEEP.sources;
  for (const s of sources) if (blocksOf(s) === undefined) throw new Error(`--sources: unknown model "${s}"`);
  const allK = Math.min(...sources.map((s) => blocksOf(s)!));
  const raw = {
    ...DEFAULT_SWEEP,
    sources,
    frozenBlocks: values.k === 'all' || values.k === undefined
      ? Array.from({ length: allK + 1 }, (_, i) => i) : numbers(String(values.k), 'k'),
    ...(values.sizes !== undefined ? { trainSizes: numbers(String(values.sizes), 'sizes') } : {}),
    ...(values.noise !== undefined ? { labelNoise: numbers(String(values.noise), 'noise') } : {}),
    ...(values.epochs !== undefined ? { epochs: Number(values.epochs) } : {}),
    ...(values.lr !== undefined ? { lr: Number(values.lr) } : {}),
    ...(values.batch !== undefined ? { batchSize: Number(values.batch) } : {}),
    ...(values['eval-size'] !== undefined ? { evalSize: Number(values['eval-size']) } : {}),
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    ...(values.classes !== undefined ? { targetClasses: values.classes } : {}),
    ...(values.dataset !== undefined ? { dataset: values.dataset } : {}),
  };
  const parsed = sweepSpecSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'sweep'}: ${i.message}`).join('; '));
  }
  for (const k of parsed.data.frozenBlocks) {
    for (const s of sources) if (k > blocksOf(s)!) throw new Error(`--k: ${s} has ${blocksOf(s)} blocks, cannot freeze ${k}`);
  }
  return parsed.data;
}
