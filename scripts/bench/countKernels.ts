/**
 * Kernels per training step of one model and method in Node, with the top kernels by count (and, with
 * --time, by synchronous wall time on the backend).
 *   npx tsx scripts/bench/countKernels.ts [--model resnet-broad] [--kind ft] [--modifiers l2sp] [--backend wasm|cpu] [--time] [--top 25] [--from 5]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { MethodKind, RunConfig } from '../../src/engine/config/schema';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend, type NodeBackend } from '../node/tfNode';
import { countKernels } from './lib/kernels';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'resnet-broad' },
    kind: { type: 'string', default: 'ft' },
    modifiers: { type: 'string', default: '' },
    backend: { type: 'string', default: 'wasm' },
    time: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    // the window's first step (LP-FT's FT stage starts after its LP steps)
    from: { type: 'string', default: '5' },
  },
});

await useNodeBackend(values.backend as NodeBackend);
const method = { ...DEFAULT_CONFIG.method, kind: values.kind as MethodKind };
for (const m of values.modifiers!.split(',').filter(Boolean)) (method as Record<string, unknown>)[m] = { ...(method as unknown as Record<string, object>)[m], enabled: true };
const config: RunConfig = { ...DEFAULT_CONFIG, model: values.model!, method, trainSize: 512, evalSize: 32, probeSize: 16, shifts: ['rotation'] };
const from = Number(values.from);
const r = await countKernels(config, publicDirReader(), from, from + 5, values.time);
const top = Number(values.top);
console.log(`${values.model} ${values.kind}${values.modifiers ? `+${values.modifiers}` : ''}: ${r.perStep.toFixed(1)} kernels per step (steps ${r.steps.join('–')})`);
for (const [k, v] of r.byName.slice(0, top)) console.log(`  ${k.padEnd(28)} ${v.toFixed(1)}`);
if (r.msByName) {
  const total = r.msByName.reduce((s, [, v]) => s + v, 0);
  console.log(`time in kernels: ${total.toFixed(1)} ms per step`);
  for (const [k, v] of r.msByName.slice(0, top)) console.log(`  ${k.padEnd(28)} ${v.toFixed(2)} ms`);
}
