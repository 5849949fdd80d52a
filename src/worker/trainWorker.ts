/**
 * The training worker: owns TF.js, picks the backend, runs one engine run and streams its events.
 * Thin by design: everything it runs lives in src/engine; every message is a request answered by
 * one reply (serve.ts).
 */
import { validateConfig } from '../engine/config/validate';
import { zooLookup } from '../engine/config/modelLookup';
import type { RunConfig } from '../engine/config/schema';
import type { RunEvent } from '../engine/training/events';
import { measureSteps } from '../engine/training/measureSteps';
import { TrainingSession } from '../engine/training/session';
import { ASIDE_BACKENDS, type BackendPlan, type BackendReport, type ControlState } from '../protocol/messages';
import { watchDeviceLost } from './deviceLost';
import { fetchReader } from './fetchAssets';
import { holdLifeline } from './lifeline';
import { selectBackend } from './selectBackend';
import { serve, type WorkerScope } from './serve';
import { createUserModels } from './userModels';
import { startEvalWorker, type EvalWorker } from './evalAside';
import { userDatasetFacts, type UserDataset } from '../engine/data/user/userDataset';

const scope = self as unknown as WorkerScope & { location: { origin: string } };
/** Data and models live at the site root, not next to the worker's own script (assets/…). */
const siteRoot = new URL(import.meta.env.BASE_URL, scope.location.origin).href;

/** Yields to the event loop through a MessageChannel: no 4 ms timer clamp, and messages get handled. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

let backendReady: Promise<BackendReport> | null = null;
/** the run's session, kept after training for post-run tools (WiSE-FT, export) until the worker ends */
let session: TrainingSession | null = null;
let finished = false;
let activeRun: string | null = null;
let paused = false;
let stopRequested = false;
let resumeWaiter: (() => void) | null = null;

/** the user's own models: inspected on request, registered by the page before a run that uses one */
const userModels = createUserModels(() => init());
/** the user's own images, sent by the page before a run on them (they never leave the browser) */
const userDatasets = new Map<string, UserDataset>();
const datasetFacts = (id: string) => {
  const d = userDatasets.get(id);
  return d && userDatasetFacts(d);
};

holdLifeline((m) => scope.postMessage(m));

/** rejects with the reason once the WebGPU device is lost (never, off WebGPU) */
let deviceGone: Promise<never> = new Promise(() => undefined);
const lostMessage = (why: string) => `the GPU device was lost (${why}), so the run stopped; press Train to start again on a fresh device`;

/** The evaluation worker for this worker's run, started with the backend (runs on the CPU backends, on 2 cores or more). */
let evalWorker: EvalWorker | null = null;

/** Picks the backend once per worker; later calls (a run, a model) wait for that one. */
function init(plan?: BackendPlan, strict = false): Promise<BackendReport> {
  backendReady ??= selectBackend(plan, { strict }).then((report) => {
    // not for Measure backends (strict): its worker times training steps and ends
    if (!strict && ASIDE_BACKENDS.includes(report.backend) && (navigator.hardwareConcurrency || 1) >= 2) {
      try {
        evalWorker = startEvalWorker(report.backend);
      } catch {
        evalWorker = null; // a browser without workers in workers: runs evaluate here
      }
    }
    if (report.backend === 'webgpu') {
      const lost = watchDeviceLost();
      // a worker that holds no live run closes (its lifeline tells the page); a run's start request fails
      void lost.then(() => { if (!activeRun || finished) self.close(); });
      deviceGone = lost.then((why) => { throw new Error(lostMessage(why)); });
    }
    return report;
  });
  return backendReady;
}

/** The config as the engine takes it, or why not (a user model that failed to register says its own problem). */
async function checkedConfig(rawConfig: unknown): Promise<RunConfig> {
  await userModels.settled();
  const validation = validateConfig(rawConfig, (id) => zooLookup(id) ?? userModels.lookup(id), datasetFacts);
  if (validation.ok) return validation.config;
  const modelId = String((rawConfig as { model?: unknown } | null)?.model);
  const problem = userModels.problem(modelId);
  throw new Error(problem ? `${modelId}: ${problem.message}` : validation.errors.map((e) => e.message).join('; '));
}

/** A run of this worker that is paused or over: its weights hold still for WiSE-FT and export. */
function parkedSession(runId: string, what: string): TrainingSession {
  if (runId !== activeRun || !session || !(paused || finished)) throw new Error(`${what} needs a paused or finished run`);
  return session;
}

const control = (runId: string, change: () => ControlState): Promise<ControlState> => {
  if (runId !== activeRun) return Promise.reject(new Error(`this worker is not running ${runId}`));
  return Promise.resolve(change());
};

serve(scope, {
  init: ({ plan, strict }) => init(plan, strict),
  async measure({ config }) {
    await init();
    return measureSteps(await checkedConfig(config), { reader: fetchReader(siteRoot), models: userModels.resolve, datasets: (id) => userDatasets.get(id) });
  },
  async start({ runId, config, evalAside }, ctx) {
    if (activeRun) throw new Error(`this worker is already running ${activeRun}`);
    activeRun = runId;
    const checked = await checkedConfig(config);
    // events go out in small batches: one message per engine event burst, not per scalar
    let buffer: RunEvent[] = [];
    const flush = () => { if (buffer.length) { ctx.stream(buffer); buffer = []; } };
    try {
      await init();
      // the user's own models and images live in this worker only: their runs evaluate here
      const aside = evalAside && !userModels.lookup(checked.model) && !userDatasets.has(checked.dataset) ? evalWorker?.open(checked) : undefined;
      if (!aside) evalWorker?.end('this run evaluates in the training worker');
      const run = async () => {
        session = await TrainingSession.open(checked, {
          evalAside: aside,
          reader: fetchReader(siteRoot),
          models: userModels.resolve,
          datasets: (id) => userDatasets.get(id),
          emit: (event) => { buffer.push(event); if (event.type !== 'status') flush(); },
          control: {
            async checkpoint() {
              flush();
              await yieldNow();
              while (paused && !stopRequested) await new Promise<void>((r) => { resumeWaiter = r; });
              return stopRequested;
            },
          },
        });
        return session.train();
      };
      // a readback on a lost device may never finish: the loss of the device ends the run
      const summary = await Promise.race([run(), deviceGone]);
      finished = true;
      return summary;
    } finally {
      flush();
    }
  },
  pause: ({ runId }) => control(runId, () => { paused = true; return 'paused'; }),
  resume: ({ runId }) => control(runId, () => { paused = false; resumeWaiter?.(); return 'running'; }),
  stop: ({ runId }) => control(runId, () => { stopRequested = true; resumeWaiter?.(); return 'stopping'; }),
  // only while the loop is parked (paused) or over: WiSE-FT rewrites the network's weights for a while
  wiseFt: ({ runId, alphas }) => Promise.resolve().then(() => parkedSession(runId, 'WiSE-FT').wiseFt(alphas)),
  async exportModel({ runId }, ctx) {
    const { modelJson, weights } = await parkedSession(runId, 'saving the network').exportModel();
    const bytes = weights.slice().buffer; // its own buffer, transferred
    ctx.transfer.push(bytes);
    return { modelJson, weights: bytes };
  },
  inspectModel: ({ name, files }) => userModels.inspect(name, files),
  registerModel: ({ modelId, files, featureLayer }) => userModels.register(modelId, files, featureLayer),
  registerDataset: ({ dataset }) => { userDatasets.set(dataset.id, dataset); return Promise.resolve(null); },
});
