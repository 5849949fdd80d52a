/**
 * DomainBed's RotatedMNIST and ColoredMNIST as built here, checked against DomainBed's definitions
 * (domainbed/datasets.py) by measuring the built sets: each domain's rotation angle from image
 * moments, the label-flip and colour-agreement rates with binomial tolerances, sizes, disjoint
 * environments, and determinism for a seed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../../scripts/node/fileAssets';
import { decodeImageSet } from '../binaryFormat';
import { splitPath } from '../catalog';
import { environmentSizes, BENCHMARK_POOL_SIZE } from '../targets';
import { loadBenchmarkData, leaveOneDomainOut } from './benchmarkData';
import { buildEnvironments, type Environment } from './build';
import { COLOUR_FLIP, LABEL_FLIP } from './coloredMnist';
import { readMnistPool, type GreyPool } from './pool';
import { rotateLikePil } from './pilRotate';
import { ROTATION_ANGLES } from './rotatedMnist';
import { colourAgreement, isGreen, labelFlipRate, measuredTurn } from './measure';

const PX = 784;
let pool: GreyPool;
beforeAll(async () => { pool = await readMnistPool(publicDirReader()); });

/** 4 binomial standard deviations of a rate p over n draws. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n);

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Pillow-exact rotation', () => {
  it('turns anticlockwise about the image centre (14, 14) and leaves 0° untouched', () => {
    const img = new Uint8Array(PX);
    for (const [x, y] of [[20, 14], [21, 14], [20, 15], [21, 15]]) img[y * 28 + x] = 200;
    expect(Array.from(rotateLikePil(img, 28, 28, 0))).toEqual(Array.from(img));
    for (const angle of [15, 30, 45, 60, 75]) {
      const out = rotateLikePil(img, 28, 28, angle);
      let m = 0, sx = 0, sy = 0;
      out.forEach((v, p) => { m += v; sx += v * ((p % 28) + 0.5); sy += v * (Math.floor(p / 28) + 0.5); });
      // blob centre (21, 15) in pixel-edge coordinates, 7 right of and 1 below the centre
      const a = (angle * Math.PI) / 180;
      expect(sx / m).toBeCloseTo(14 + 7 * Math.cos(a) + 1 * Math.sin(a), 0);
      expect(sy / m).toBeCloseTo(14 - 7 * Math.sin(a) + 1 * Math.cos(a), 0);
      // bilinear resampling with truncation never adds brightness
      expect(Math.max(...out)).toBeLessThanOrEqual(200);
    }
  });
});

describe('RotatedMNIST', () => {
  let envs: Environment[];
  beforeAll(() => { envs = buildEnvironments('rotated-mnist', pool, 0); });

  it('has six environments of 1,000 digits (DomainBed: 11,666–11,667 of 70,000), 200 out / 800 in each', () => {
    expect(pool.count).toBe(BENCHMARK_POOL_SIZE);
    expect(BENCHMARK_POOL_SIZE).toBe(6000);
    expect(envs.map((e) => e.name)).toEqual(['0°', '15°', '30°', '45°', '60°', '75°']);
    const expected = environmentSizes('rotated-mnist');
    envs.forEach((e, d) => {
      expect(e.images.count).toBe(1000);
      expect([e.out.length, e.in.length]).toEqual([200, 800]);
      expect(expected[d]).toEqual({ total: 1000, out: 200, in: 800 });
      expect(new Set([...e.out, ...e.in]).size).toBe(1000);
    });
    expect(environmentSizes('rotated-mnist', 70_000).map((s) => s.total)).toEqual([11_667, 11_667, 11_667, 11_667, 11_666, 11_666]);
  });

  it('shares no digit between environments and uses every pool digit once', () => {
    const rows = envs.flatMap((e) => Array.from(e.poolRows));
    expect(new Set(rows).size).toBe(6000);
    expect(Math.min(...rows)).toBe(0);
    expect(Math.max(...rows)).toBe(5999);
  });

  it('keeps each digit label and turns each domain by its angle (measured from image moments)', () => {
    envs.forEach((env, d) => {
      expect(Array.from(env.images.labels)).toEqual(Array.from(env.poolRows, (r) => pool.labels[r]));
      const turn = measuredTurn(env, pool);
      expect(turn.digits).toBeGreaterThan(200);
      expect(Math.abs(turn.degrees - ROTATION_ANGLES[d])).toBeLessThan(1.5);
    });
  });

  it('is grey (R = G = B), and 0° is the digits unchanged', () => {
    const e0 = envs[0];
    let mismatches = 0;
    for (let i = 0; i < e0.images.count; i++) {
      for (let p = 0; p < PX; p++) {
        const [r, g, b] = [0, 1, 2].map((c) => e0.images.pixels[(i * PX + p) * 3 + c]);
        if (r !== pool.pixels[e0.poolRows[i] * PX + p] || g !== r || b !== r) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('is the same for a seed and different for another', () => {
    const again = buildEnvironments('rotated-mnist', pool, 0);
    const other = buildEnvironments('rotated-mnist', pool, 1);
    envs.forEach((e, d) => {
      expect(sha(again[d].images.pixels)).toBe(sha(e.images.pixels));
      expect(Array.from(again[d].out)).toEqual(Array.from(e.out));
    });
    expect(sha(other[0].images.pixels)).not.toBe(sha(envs[0].images.pixels));
  });
});

describe('ColoredMNIST', () => {
  for (const seed of [0, 1]) {
    describe(`seed ${seed}`, () => {
      let envs: Environment[];
      beforeAll(() => { envs = buildEnvironments('colored-mnist', pool, seed); });

      it('has three environments of 2,000 digits, 400 out / 1,600 in, none shared', () => {
        expect(envs.map((e) => e.name)).toEqual(['+90%', '+80%', '-90%']);
        envs.forEach((e) => {
          expect(e.images.count).toBe(2000);
          expect([e.out.length, e.in.length]).toEqual([400, 1600]);
        });
        expect(new Set(envs.flatMap((e) => Array.from(e.poolRows))).size).toBe(6000);
      });

      it('draws the digit in exactly one of red and green, blue empty, at full 28×28', () => {
        let wrong = 0;
        envs.forEach((e) => {
          for (let i = 0; i < e.images.count; i++) {
            const src = e.poolRows[i] * PX;
            const plane = isGreen(e.images.pixels, i) ? 1 : 0;
            for (let p = 0; p < PX; p++) {
              const at = (i * PX + p) * 3;
              if (e.images.pixels[at + plane] !== pool.pixels[src + p] || e.images.pixels[at + 1 - plane] !== 0 || e.images.pixels[at + 2] !== 0) wrong++;
            }
          }
        });
        expect(wrong).toBe(0);
      });

      it('flips 25 % of the "digit < 5" labels and colours agree with the label 90 / 80 / 10 % of the time (measured)', () => {
        envs.forEach((e, d) => {
          const expected = 1 - COLOUR_FLIP[d];
          expect(Math.abs(colourAgreement(e) - expected)).toBeLessThan(tolerance(expected, e.images.count));
        });
        expect(Math.abs(labelFlipRate(envs, pool) - LABEL_FLIP)).toBeLessThan(tolerance(LABEL_FLIP, 6000));
      });
    });
  }
});

describe('the pool and a leave-one-domain-out run', () => {
  it('holds none of the 4,000 digits our zoo models were pretrained on', () => {
    const pretrained = new Set<string>();
    for (const split of ['source-train', 'source-val'] as const) {
      const set = decodeImageSet(readFileSync(splitPath('mnist', split)));
      for (let i = 0; i < set.count; i++) pretrained.add(sha(set.pixels.subarray(i * PX, (i + 1) * PX)));
    }
    expect(pretrained.size).toBe(4000);
    for (let i = 0; i < pool.count; i++) expect(pretrained.has(sha(pool.pixels.subarray(i * PX, (i + 1) * PX)))).toBe(false);
  });

  it('trains on the other domains in turn, validates on their out parts, and tests on the held-out domain', () => {
    const envs = buildEnvironments('rotated-mnist', pool, 3);
    const s = leaveOneDomainOut(envs, 2, 4000, 3000);
    expect(s.heldOutName).toBe('30°');
    expect(s.trainingDomainNames).toEqual(['0°', '15°', '45°', '60°', '75°']);
    expect([s.train.count, s.val.count, s.heldOut.count]).toEqual([4000, 1000, 800]);
    expect(Array.from(s.trainDomains.subarray(0, 7))).toEqual([0, 1, 2, 3, 4, 0, 1]);
    const small = leaveOneDomainOut(envs, 2, 64, 100);
    expect([small.train.count, small.val.count, small.heldOut.count]).toEqual([64, 100, 100]);
    // the held-out images are the 30° environment's 'in' part, in order
    const first = envs[2].in[0];
    expect(sha(s.heldOut.pixels.subarray(0, PX * 3))).toBe(sha(envs[2].images.pixels.subarray(first * PX * 3, (first + 1) * PX * 3)));
    expect(() => leaveOneDomainOut(envs, 6, 64, 64)).toThrow(/6 domains/);
  });

  it('loads as the engine\'s target data: the held-out domain first among the OOD sets, then synthetic shifts', async () => {
    const data = await loadBenchmarkData(publicDirReader(), {
      dataset: 'colored-mnist', testDomain: 2, seed: 0, trainSize: 3200, evalSize: 500, probeSize: 64,
      shifts: ['rotation'], severity: 2, shiftSeed: 0,
    });
    expect(data.numClasses).toBe(2);
    expect(data.ood.map((o) => o.shift)).toEqual(['domain:-90%', 'rotation']);
    expect([data.train.count, data.val.count, data.test.count, data.ood[0].set.count]).toEqual([3200, 500, 500, 500]);
    expect(Array.from(data.test.labels)).toEqual(Array.from(data.val.labels));
    expect(data.trainDomains!.filter((d) => d === 0).length).toBe(1600);
    expect(data.probeRows).toEqual({ id: 64, perShift: 32 });
  });
});
