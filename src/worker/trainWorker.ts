/**
 * The training worker: owns TF.js, picks the backend, runs one engine run and forwards its events.
 * Thin by design: everything it runs lives in src/engine.
 */
import { validateConfig } from '../engine/config/validate';
import { zooLookup } from '../engine/config/modelLookup';
import type { RunEvent } from '../engine/training/events';
import { TrainingSession } from '../engine/training/session';
import { measureSteps } from '../engine/training/measureSteps';
import type { BackendPlan, PageToWorker, WorkerToPage } from '../protocol/messages';
import { watchDeviceLost } from './deviceLost';
import { fetchReader } from './fetchAssets';
import { holdLifeline } from './lifeline';
import { selectBackend } from './selectBackend';
import { createUserModels } from './userModels';

const scope = self as unknown as {
  postMessage(message: WorkerToPage, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<PageToWorker>) => void) | null;
  location: { href: string; origin: string };
};
/** Data and models live at the site root, not next to the worker's own script (assets/…). */
const siteRoot = new URL(import.meta.env.BASE_URL, scope.location.origin).href;
const post = (m: WorkerToPage) => scope.postMessage(m);

/** Yields to the event loop through a MessageChannel: no 4 ms timer clamp, and messages get handled. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

let backendReady: Promise<unknown> | null = null;
/** the run's session, kept after training for post-run tools (WiSE-FT) until the worker ends */
let session: TrainingSession | null = null;
let finished = false;
let activeRun: string | null = null;
let paused = false;
let stopRequested = false;
let resumeWaiter: (() => void) | null = null;

/** the user's own models: inspected on request, registered by the page before a run that uses one */
const userModels = createUserModels(() => init(), post);

holdLifeline(post);

/** resolves with the reason once the WebGPU device is lost (null: not on WebGPU) */
let deviceGone: Promise<string> | null = null;
const lostMessage = (why: string) => `the GPU device was lost (${why}), so the run stopped; press Train to start again on a fresh device`;

/**
 * The GPU device is gone: the run cannot go on (its weights lived on that device). The page is
 * told with the reason and replaces this worker; an idle worker closes, which ends its lifeline.
 */
function deviceLost(why: string): void {
  if (activeRun && !finished) {
    post({ type: 'failed', runId: activeRun, message: lostMessage(why) });
    return;
  }
  self.close();
}

/** Picks the backend once per worker; later calls (a run, a model) wait for that one. */
function init(plan?: BackendPlan, strict = false): Promise<unknown> {
  backendReady ??= selectBackend(plan, { strict })
    .then((report) => {
      post({ type: 'backend', report });
      if (report.backend === 'webgpu') {
        deviceGone = watchDeviceLost();
        void deviceGone.then(deviceLost);
      }
    })
    .catch((e: Error) => { post({ type: 'failed', runId: null, message: e.message }); throw e; });
  return backendReady;
}

/** The config as the engine takes it, or why not (a user model that failed to register says its own problem). */
async function checkedConfig(rawConfig: unknown) {
  await userModels.settled();
  const validation = validateConfig(rawConfig, (id) => zooLookup(id) ?? userModels.lookup(id));
  if (validation.ok) return { config: validation.config };
  const modelId = String((rawConfig as { model?: unknown } | null)?.model);
  const problem = userModels.problem(modelId);
  return { error: problem ? `${modelId}: ${problem.message}` : validation.errors.map((e) => e.message).join('; ') };
}

/** Measure backends: this worker was started strictly on one backend; time its training steps. */
async function measure(rawConfig: unknown): Promise<void> {
  try {
    await init();
    const checked = await checkedConfig(rawConfig);
    if (!checked.config) throw new Error(checked.error);
    const timing = await measureSteps(checked.config, { reader: fetchReader(siteRoot), models: userModels.resolve });
    post({ type: 'measured', timing });
  } catch (e) {
    post({ type: 'failed', runId: null, message: e instanceof Error ? e.message : String(e) });
  }
}

async function start(runId: string, rawConfig: unknown): Promise<void> {
  if (activeRun) { post({ type: 'failed', runId, message: `this worker is already running ${activeRun}` }); return; }
  activeRun = runId;
  const checked = await checkedConfig(rawConfig);
  if (!checked.config) { post({ type: 'failed', runId, message: checked.error }); return; }
  // events are forwarded in small batches: one message per engine event burst, not per scalar
  let buffer: RunEvent[] = [];
  const flush = () => { if (buffer.length) { post({ type: 'events', runId, events: buffer }); buffer = []; } };
  try {
    await init();
    session = await TrainingSession.open(checked.config, {
      reader: fetchReader(siteRoot),
      models: userModels.resolve,
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
    await session.train();
    finished = true;
    flush();
  } catch (e) {
    flush();
    // a readback on a lost device can fail before the device says it is lost: wait a moment for its reason
    const lost = deviceGone && await Promise.race([deviceGone, new Promise<null>((r) => setTimeout(() => r(null), 200))]);
    post({ type: 'failed', runId, message: lost ? lostMessage(lost) : e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  switch (m.type) {
    case 'init': void init(m.plan, m.strict).catch(() => undefined); break;
    case 'measure': void measure(m.config); break;
    case 'start': void start(m.runId, m.config); break;
    case 'inspectModel': userModels.inspect(m); break;
    case 'registerModel': userModels.register(m); break;
    case 'pause':
      if (m.runId === activeRun) { paused = true; post({ type: 'control', runId: m.runId, state: 'paused' }); }
      break;
    case 'resume':
      if (m.runId === activeRun) { paused = false; resumeWaiter?.(); post({ type: 'control', runId: m.runId, state: 'running' }); }
      break;
    case 'wiseFt':
      // only while the loop is parked (paused) or over: WiSE-FT rewrites the network's weights for a while
      if (m.runId !== activeRun || !session || !(paused || finished)) {
        post({ type: 'wiseFtFailed', runId: m.runId, message: 'WiSE-FT needs a paused or finished run' });
        break;
      }
      session.wiseFt(m.alphas)
        .then((points) => post({ type: 'wiseFt', runId: m.runId, points }))
        .catch((err: Error) => post({ type: 'wiseFtFailed', runId: m.runId, message: err.message }));
      break;
    case 'exportModel': {
      // like WiSE-FT: only while the loop is parked (paused) or over, so the weights hold still
      if (m.runId !== activeRun || !session || !(paused || finished)) {
        post({ type: 'modelExportFailed', requestId: m.requestId, runId: m.runId, message: 'the network can be saved while the run is paused or after it finished' });
        break;
      }
      session.exportModel()
        .then(({ modelJson, weights }) => {
          const bytes = weights.slice().buffer; // its own buffer, transferred
          scope.postMessage({ type: 'modelExport', requestId: m.requestId, runId: m.runId, modelJson, weights: bytes }, [bytes]);
        })
        .catch((err: Error) => post({ type: 'modelExportFailed', requestId: m.requestId, runId: m.runId, message: err.message }));
      break;
    }
    case 'stop':
      if (m.runId === activeRun) { stopRequested = true; resumeWaiter?.(); post({ type: 'control', runId: m.runId, state: 'stopping' }); }
      break;
  }
};
