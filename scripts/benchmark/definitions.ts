/**
 * Prints the measured checks of the built benchmarks against DomainBed's definitions (the numbers
 * docs/data.md and docs/results.md quote): per seed, each RotatedMNIST domain's measured rotation,
 * ColoredMNIST's label-flip rate and colour-label agreement per environment, and the sizes.
 *   npx tsx scripts/benchmark/definitions.ts [--seeds 0,1,2]
 */
import { parseArgs } from 'node:util';
import { buildEnvironments } from '../../src/engine/data/benchmarks/build';
import { colourAgreement, labelFlipRate, measuredTurn } from '../../src/engine/data/benchmarks/measure';
import { readMnistPool } from '../../src/engine/data/benchmarks/pool';
import { publicDirReader } from '../node/fileAssets';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '0,1,2' } } });
const pool = await readMnistPool(publicDirReader());
console.log(`pool: ${pool.count} digits`);
for (const seed of values.seeds!.split(',').map(Number)) {
  const rm = buildEnvironments('rotated-mnist', pool, seed);
  const turns = rm.map((e) => { const t = measuredTurn(e, pool); return `${e.name} ${t.degrees.toFixed(2)}° (${t.digits} digits)`; });
  console.log(`seed ${seed} RotatedMNIST sizes ${rm.map((e) => `${e.images.count} (${e.out.length} out / ${e.in.length} in)`).join(', ')}`);
  console.log(`seed ${seed} RotatedMNIST measured turn: ${turns.join(', ')}`);
  const cm = buildEnvironments('colored-mnist', pool, seed);
  console.log(`seed ${seed} ColoredMNIST sizes ${cm.map((e) => `${e.images.count} (${e.out.length} out / ${e.in.length} in)`).join(', ')}`);
  console.log(`seed ${seed} ColoredMNIST label flips ${(labelFlipRate(cm, pool) * 100).toFixed(2)} % of ${pool.count}; colour agrees with label: ${cm.map((e) => `${e.name} ${(colourAgreement(e) * 100).toFixed(2)} %`).join(', ')}`);
}
