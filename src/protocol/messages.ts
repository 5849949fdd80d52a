/**
 * The one typed protocol between the page and a training worker: every message the page sends is
 * a request with an id, answered by exactly one reply with the same id (a result or an error); a
 * run's events stream under the id of the `start` request that runs it, and its reply (the run's
 * summary) comes when it ends. One worker per run: the page creates a worker, asks it to `init`
 * (it picks its backend and answers with its report), `start`s a run, may `pause` / `resume` /
 * `stop` it (acted on within one step), and ends the worker when it no longer needs it.
 */
import type { RunConfig } from '../engine/config/schema';
import type { UserDataset } from '../engine/data/user/userDataset';
import type { ModelInspection, ModelProblemCode } from '../engine/models/byo/types';
import type { RunEvent, RunSummary } from '../engine/training/events';
import type { StepTiming } from '../engine/training/measureSteps';
import type { WiseFtPoint } from '../engine/training/wiseFt';

/** TF.js backends the worker can run on, in the order auto selection tries them. */
export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Backends whose runs can evaluate beside training on cores of their own; on a GPU both workers would queue on the one device. */
export const ASIDE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

/** Whether the cores hold `runsAtOnce` runs training at `threadsPerRun` each twice over (their training and their evaluation). */
export function coresHoldEvaluationAside(runsAtOnce: number, threadsPerRun: number, cores: number): boolean {
  return Math.max(1, runsAtOnce) * Math.max(1, threadsPerRun) * 2 <= Math.max(1, cores || 1);
}

/** What the page asks for: the right backend for this hardware, or one the user pinned. */
export const BACKEND_CHOICES = ['auto', ...BACKEND_NAMES] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The adapter key of a measurement made where WebGPU had no adapter. */
export const NO_ADAPTER = 'no WebGPU adapter';

/** The fastest backend measured on this browser and adapter (Measure backends), for auto selection. */
export interface MeasuredWinner {
  /** the WebGPU adapter it was measured with ("no WebGPU adapter" where there was none) */
  adapter: string;
  winner: BackendName;
  /** "measured fastest here on 2026-11-23: wasm 4.1 steps/s vs webgpu 0.3, …" */
  summary: string;
}

export interface BackendPlan {
  choice: BackendChoice;
  /** winners remembered in this browser; auto uses the one measured with this adapter */
  measured?: MeasuredWinner[];
}

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** why it was not used */
  error?: string;
}

export interface WasmFacts {
  /** threads TF.js's wasm backend really runs (getThreadsCount) */
  threads: number;
  simd: boolean;
  /** whether this browser could run wasm threads at all (SharedArrayBuffer and atomics) */
  threadsSupported: boolean;
  /** threads need a cross-origin isolated page (COOP/COEP headers) */
  crossOriginIsolated: boolean;
  /** logical cores (navigator.hardwareConcurrency); TF.js runs threads on half of them */
  cores: number;
}

export interface BackendReport {
  backend: BackendName;
  /** plain sentence: "software WebGPU adapter (google swiftshader): using wasm, 2 threads, SIMD" */
  reason: string;
  /** how the backend was chosen: the order for this hardware, the user's pin, or a measurement */
  chosenBy: 'auto' | 'pinned' | 'measured';
  /** the WebGPU adapter ("google swiftshader"), where there is one */
  adapter?: string;
  /** whether that adapter renders in software (SwiftShader, llvmpipe, …) */
  softwareAdapter?: boolean;
  /** on wasm: threads and SIMD */
  wasm?: WasmFacts;
  attempts: BackendAttempt[];
}

/** One backend's figures from Measure backends (FT steps of the chosen model, after a warm-up step). */
export type BackendMeasurement =
  | ({ backend: BackendName; ok: true; stepsPerSec: number; report: BackendReport } & StepTiming)
  | { backend: BackendName; ok: false; error: string };

/** A run's control state as the worker reports it in answer to pause, resume and stop. */
export type ControlState = 'paused' | 'running' | 'stopping';

/** What the page can ask of a training worker, and what each request is answered with. */
export type WorkerRequests = {
  /** picks the backend; strict (Measure backends): only the plan's pinned backend, no fallback */
  init: { request: { plan?: BackendPlan; strict?: boolean }; reply: BackendReport };
  /** times training steps of `config` on the worker's backend */
  measure: { request: { config: RunConfig }; reply: StepTiming };
  /**
   * trains one run; its events stream under this request's id, and the reply is its summary.
   * `evalAside`: the cores allow evaluating beside training, in a worker of the run's own (on the CPU backends).
   */
  start: { request: { runId: string; config: RunConfig; evalAside?: boolean }; reply: RunSummary };
  pause: { request: { runId: string }; reply: ControlState };
  resume: { request: { runId: string }; reply: ControlState };
  stop: { request: { runId: string }; reply: ControlState };
  /** WiSE-FT curve of a paused or finished run (the worker keeps a finished run's network) */
  wiseFt: { request: { runId: string; alphas: number[] }; reply: WiseFtPoint[] };
  /** the fine-tuned network (image → logits) of a paused or finished run as TF.js layers files */
  exportModel: { request: { runId: string }; reply: { modelJson: string; weights: ArrayBuffer } };
  /** checks and inspects a user's model; the page read the files (they go nowhere else) */
  inspectModel: { request: { name: string; files: ModelFilePayload[] }; reply: ModelInspection };
  /** makes a user model available to this worker's run as `modelId`, cut at `featureLayer` (sent before `start`) */
  registerModel: { request: { modelId: string; files: ModelFilePayload[]; featureLayer: string }; reply: null };
  /** gives this worker's run a dataset of the user's own images (sent before `start`; it came from the page's IndexedDB) */
  registerDataset: { request: { dataset: UserDataset }; reply: null };
};

/**
 * What a training worker asks of the evaluation worker it starts for a run (evaluation beside
 * training, src/engine/training/evalReplica.ts): the same request/reply envelope, one level down.
 */
export type EvalWorkerRequests = {
  /** starts `backend` (the training worker's own, no fallback): done as the training worker starts, before any run */
  init: { request: { backend: BackendName }; reply: null };
  /** builds the run's network and evaluation sets, as the run builds its own */
  open: { request: { config: RunConfig }; reply: null };
  /** an evaluation's forward part on the run's weights (buffers of Float32 values, copied: the run keeps its own in case it evaluates them itself) */
  forward: { request: { weights: ArrayBuffer[] }; reply: { values: ArrayBuffer; ms: number } };
};

/** Any request/reply protocol of ours: request type → its request fields and its reply. */
export type RequestMap = { [type: string]: { request: object; reply: unknown } };

export type RequestType<M extends RequestMap = WorkerRequests> = keyof M & string;
export type RequestOf<T extends RequestType<M>, M extends RequestMap = WorkerRequests> = { type: T } & M[T]['request'];
export type ReplyOf<T extends RequestType<M>, M extends RequestMap = WorkerRequests> = M[T]['reply'];
export type AnyRequest<M extends RequestMap = WorkerRequests> = { [T in RequestType<M>]: RequestOf<T, M> }[RequestType<M>];

export type PageToWorker<M extends RequestMap = WorkerRequests> = { id: number; request: AnyRequest<M> };

/** Why a request failed; `code` names a user model's problem (inspectModel). */
export interface WorkerError { message: string; code?: ModelProblemCode }

export type WorkerToPage =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WorkerError }
  /** a run's events, in small batches, under the id of the start request that trains it */
  | { kind: 'stream'; id: number; events: RunEvent[] }
  /**
   * Sent once, first: the worker holds the Web Lock `lock` for as long as it lives. The page queues
   * a request for the same lock, which is granted the moment the worker is gone (killed, crashed,
   * closed), so a dead worker is noticed at once without heartbeats that a long step would delay.
   */
  | { kind: 'lifeline'; lock: string };

/** One file of a user model: its name (as uploaded, or its path relative to model.json) and bytes. */
export interface ModelFilePayload { name: string; bytes: ArrayBuffer }

