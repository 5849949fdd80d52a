/**
 * The job queue with real parts: a real redis-server on 127.0.0.1 (a free port, no persistence),
 * real `npm run worker` processes and the real runners as coordinators, on tiny sweeps of the lab's
 * MLP. Nothing of Redis or BullMQ is mocked. What is checked: results equal the in-process runner's;
 * a worker SIGKILLed mid-run has its job retried elsewhere, with nothing lost or duplicated; a
 * coordinator killed and restarted collects its runs without re-running finished ones; a run that
 * throws is recorded as failed after its attempts; a job of another config schema version is refused;
 * an unreachable Redis is a quick, clear error that writes nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSweepLines, type SweepRecord } from '../../src/engine/sweep/record';
import { DEFAULT_SWEEP, pointKey, sweepConfig, sweepPoints, type SweepSpec } from '../../src/engine/sweep/spec';
import { useNodeBackend } from '../node/tfNode';
import { parseResults } from '../results/records';
import { runSweep } from '../sweep/runSweep';
import { freePort, startRedis, type RedisServer } from '../test/findRedis';
import { Coordinator } from './coordinator';
import { jobId, sweepPayload } from './jobs';
import { Proc, startWorker } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'ftp-queue-'));
let redis: RedisServer;
const workers: Proc[] = [];

/** Four runs of about 2 s each (full fine-tuning of the lab's MLP on 128 images for 6 epochs). */
const LONG: SweepSpec = { ...DEFAULT_SWEEP, sources: ['mlp-digits04'], frozenBlocks: [0], trainSizes: [128], labelNoise: [0, 0.1, 0.2, 0.3], epochs: 6, batchSize: 16, evalSize: 64 };
const SHORT: SweepSpec = { ...LONG, frozenBlocks: [2, 4], labelNoise: [0, 0.2], epochs: 3 };

function sweepArgs(spec: SweepSpec, name: string, out: string, url: string): string[] {
  return [
    '--sources', spec.sources.join(','), '--k', spec.frozenBlocks.join(','), '--sizes', spec.trainSizes.join(','), '--noise', spec.labelNoise.join(','),
    '--epochs', String(spec.epochs), '--batch', String(spec.batchSize), '--eval-size', String(spec.evalSize), '--name', name, '--out', out, '--queue', url,
  ];
}

const coordinator = (spec: SweepSpec, name: string, out: string, url = redis.url) => new Proc('scripts/sweep.ts', sweepArgs(spec, name, out, url));
const withoutTimes = ({ seconds: _s, ...r }: SweepRecord) => r;
const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()) : []);

beforeAll(async () => {
  redis = await startRedis();
  workers.push(startWorker(redis.url, 'A'), startWorker(redis.url, 'B'));
  await Promise.all(workers.map((w) => w.waitFor(/Ctrl-C stops it/)));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop(5000)));
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('sweeps through a real Redis and two real workers', () => {
  it('a worker SIGKILLed mid-run: its job is retried on the other worker, nothing lost or duplicated, results equal the in-process runner’s', async () => {
    const out = join(dir, 'kill.jsonl');
    const coord = coordinator(LONG, 'kill', out);
    const [a, b] = workers;
    // A's second job: its child process is warm, so the job is training when A dies a second later
    const second = await a.waitFor(/start +(\S+): sweep "kill"[^\n]*\n[\s\S]*start +(\S+): sweep "kill"/, 60_000);
    const killedJob = second[2];
    await new Promise((r) => setTimeout(r, 1000));
    expect(a.count(new RegExp(`done +${killedJob.replace(/\./g, '\\.')}`)), 'the job finished before the kill').toBe(0);
    a.child.kill('SIGKILL');
    const { code } = await coord.exit;
    expect(code, coord.out).toBe(0);
    expect(coord.out).toContain(`a worker stopped answering for job ${killedJob}`);
    expect(b.out).toMatch(new RegExp(`start +${killedJob.replace(/\./g, '\\.')}: .*\\(attempt 2\\)`));

    const records = parseSweepLines(readFileSync(out, 'utf8'));
    const keys = records.map((r) => pointKey(r.point));
    expect(new Set(keys).size, 'duplicates').toBe(keys.length);
    expect(keys.sort(), 'lost runs').toEqual(sweepPoints(LONG).map(pointKey).sort());

    await useNodeBackend('wasm');
    const here = await runSweep(LONG, { name: 'kill', out: join(dir, 'kill-in-process.jsonl') });
    const byKey = new Map(records.map((r) => [pointKey(r.point), r]));
    for (const r of here.records) expect(withoutTimes(byKey.get(pointKey(r.point))!)).toEqual(withoutTimes(r));

    workers[0] = startWorker(redis.url, 'A2');
    await workers[0].waitFor(/Ctrl-C stops it/);
  }, 150_000);

  it('a coordinator SIGKILLed and restarted collects the runs from the queue and the file, and no finished run trains again', async () => {
    const out = join(dir, 'restart.jsonl');
    const first = coordinator(SHORT, 'restart', out);
    await first.waitFor(/\[\d\/4\] mlp-digits04/, 60_000);
    first.child.kill('SIGKILL');
    await first.exit;
    const before = lines(out).length;
    expect(before).toBeGreaterThanOrEqual(1);

    const second = coordinator(SHORT, 'restart', out);
    const { code } = await second.exit;
    expect(code, second.out).toBe(0);
    expect(second.out).toContain(`: already in ${out}`);
    const records = parseSweepLines(readFileSync(out, 'utf8'));
    expect(records.map((r) => pointKey(r.point)).sort()).toEqual(sweepPoints(SHORT).map(pointKey).sort());
    const started = workers.reduce((n, w) => n + w.count(/start +\S+: sweep "restart"/), 0);
    expect(started, 'each run trained once').toBe(4);
  }, 120_000);

  it('experiments and the results matrix through the queue write what the in-process runners write', async () => {
    const cfgs = [0, 1].map((seed) => {
      const path = join(dir, `tiny${seed}.json`);
      writeFileSync(path, JSON.stringify({
        model: 'mlp-broad', trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 3, seed,
        shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
      }));
      return path;
    });
    const viaQueue = new Proc('scripts/experiment.ts', [...cfgs, '--out', join(dir, 'exp-q'), '--queue', redis.url]);
    const inProcess = new Proc('scripts/experiment.ts', [...cfgs, '--out', join(dir, 'exp-p'), '--quiet']);
    const results = (sub: string, ...extra: string[]) => new Proc('scripts/results/run.ts', [
      '--scenario', 'mnist-resnet', '--quick', '--only', 'LP', '--seeds', '1', '--model', 'mlp-broad', '--dir', join(dir, sub), '--md', join(dir, sub, 'r.md'), ...extra,
    ]);
    const matrixQ = results('res-q', '--queue', redis.url);
    for (const p of [viaQueue, inProcess, matrixQ]) expect((await p.exit).code, p.out).toBe(0);
    const matrixP = results('res-p', '--parallel', '1');
    expect((await matrixP.exit).code, matrixP.out).toBe(0);

    const numbers = (path: string) => {
      const s = JSON.parse(readFileSync(path, 'utf8'));
      return { status: s.status, steps: s.stepsDone, last: s.last && { idAcc: s.last.idAcc, valAcc: s.last.valAcc, ood: s.last.ood, distortion: s.last.distortion }, config: s.config };
    };
    const losses = (path: string) => lines(path).map((l) => JSON.parse(l)).filter((e) => e.type === 'steps').flatMap((e) => e.losses);
    for (const name of ['tiny0', 'tiny1']) {
      expect(numbers(join(dir, 'exp-q', name, 'summary.json'))).toEqual(numbers(join(dir, 'exp-p', name, 'summary.json')));
      expect(losses(join(dir, 'exp-q', name, 'events.jsonl'))).toEqual(losses(join(dir, 'exp-p', name, 'events.jsonl')));
    }

    const file = (sub: string) => parseResults(readFileSync(join(dir, sub, 'mnist-resnet--mlp-broad.jsonl'), 'utf8'));
    const q = file('res-q');
    const p = file('res-p');
    expect(q.sessions[0].options.queue).toBe(redis.url);
    expect(q.runs).toHaveLength(3);
    const view = (r: (typeof q.runs)[number]) => ({ key: r.key, status: r.status, last: r.last, bestVal: r.bestVal, backend: r.backend });
    const sorted = (rs: typeof q.runs) => rs.map(view).sort((x, y) => x.key.localeCompare(y.key));
    expect(sorted(q.runs)).toEqual(sorted(p.runs));

    const resumed = results('res-q', '--queue', redis.url, '--resume');
    expect((await resumed.exit).code, resumed.out).toBe(0);
    expect(resumed.out).toContain('done: 0 runs');
    expect(file('res-q').runs).toHaveLength(3);
  }, 150_000);
});

describe('faults', () => {
  it('a run that throws is recorded as failed with its message after its attempts; a job of another schema version is refused at once', async () => {
    // a worker on database 1 that cannot read the data (its working folder has no public/): every run throws
    const empty = join(dir, 'no-public');
    mkdirSync(empty);
    const broken = startWorker(`${redis.url}/1`, 'broken', { cwd: empty });
    try {
      await broken.waitFor(/Ctrl-C stops it/);
      const out = join(dir, 'fail.jsonl');
      const coord = coordinator({ ...SHORT, frozenBlocks: [4], labelNoise: [0] }, 'fail', out, `${redis.url}/1`);
      const { code } = await coord.exit;
      expect(code, coord.out).toBe(1);
      expect(lines(out)).toEqual([]);
      const [failure] = lines(`${out}.failed.jsonl`).map((l) => JSON.parse(l));
      expect(failure).toMatchObject({ kind: 'ftp-sweep-failure', sweep: 'fail', attempts: 2 });
      expect(failure.error).toMatch(/ENOENT.*public/);
      expect(broken.count(/failed +sweep\./)).toBe(2);

      const queue = await Coordinator.open(`${redis.url}/1`);
      try {
        const point = sweepPoints(SHORT)[0];
        const payload = { ...sweepPayload('v', point, sweepConfig(SHORT, point), '0123456789abcdef', 'wasm'), schemaVersion: 999 };
        const outcome = await queue.submit(jobId('sweep', 'version-test', '0123456789abcdef'), payload);
        expect(outcome).toMatchObject({ ok: false, attempts: 1 });
        expect('error' in outcome && outcome.error).toMatch(/made for config schema version 999, and this worker reads version 1/);
      } finally {
        await queue.close();
      }
    } finally {
      await broken.stop(5000);
    }
  }, 90_000);

  it('an unreachable Redis: the runners and the worker stop within seconds, naming the URL, and write nothing', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const out = join(dir, 'nowhere.jsonl');
    const resultsDir = join(dir, 'res-nowhere');
    mkdirSync(resultsDir);
    const existing = join(resultsDir, 'mnist-resnet--mlp-broad.jsonl');
    writeFileSync(existing, '{"type":"session"}\n');
    const t0 = Date.now();
    const procs = [
      coordinator(SHORT, 'nowhere', out, url),
      new Proc('scripts/results/run.ts', ['--scenario', 'mnist-resnet', '--quick', '--model', 'mlp-broad', '--dir', resultsDir, '--queue', url]),
      new Proc('scripts/queue/worker.ts', ['--queue', url]),
    ];
    for (const p of procs) {
      expect((await p.exit).code, p.out).toBe(2);
      expect(p.out).toContain(`cannot reach Redis at ${url}`);
    }
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(existing, 'utf8')).toBe('{"type":"session"}\n');
  }, 60_000);
});
