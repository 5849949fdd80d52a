/**
 * The one typed protocol between the page and the training worker. One worker per run: the page
 * creates a worker (which selects its backend at once and reports it), sends `start`, may send
 * `pause` / `resume` / `stop` (acted on within one step), and terminates the worker after `done`
 * or `failed`. Metrics arrive as run events, losses in batches.
 */
import type { RunConfig } from '../engine/config/schema';
import type { ModelInspection, ModelProblemCode } from '../engine/models/byo/types';
import type { RunEvent } from '../engine/training/events';
import type { StepTiming } from '../engine/training/measureSteps';
import type { WiseFtPoint } from '../engine/training/wiseFt';

/** TF.js backends the worker can run on, in the order auto selection tries them. */
export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

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

export type PageToWorker =
  /** picks the backend; strict (Measure backends): only the plan's pinned backend, no fallback */
  | { type: 'init'; plan?: BackendPlan; strict?: boolean }
  /** times training steps of `config` on the worker's backend (a fresh worker per backend) and answers `measured` */
  | { type: 'measure'; config: RunConfig }
  | { type: 'start'; runId: string; config: RunConfig }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  | { type: 'stop'; runId: string }
  /** WiSE-FT curve of a paused or finished run (the worker keeps a finished run's network) */
  | { type: 'wiseFt'; runId: string; alphas: number[] }
  /** the fine-tuned network (image → logits) of a paused or finished run as TF.js layers files */
  | { type: 'exportModel'; runId: string; requestId: string }
  /** checks and inspects a user's model; the page read the files (they go nowhere else) */
  | { type: 'inspectModel'; requestId: string; name: string; files: ModelFilePayload[] }
  /** makes a user model available to this worker's run as `modelId`, cut at `featureLayer` (sent before `start`) */
  | { type: 'registerModel'; modelId: string; files: ModelFilePayload[]; featureLayer: string };

/** One file of a user model: its name (as uploaded, or its path relative to model.json) and bytes. */
export interface ModelFilePayload { name: string; bytes: ArrayBuffer }

export type WorkerToPage =
  /**
   * Sent once, first: the worker holds the Web Lock `lock` for as long as it lives. The page queues
   * a request for the same lock, which is granted the moment the worker is gone (killed, crashed,
   * closed), so a dead worker is noticed at once without heartbeats that a long step would delay.
   */
  | { type: 'lifeline'; lock: string }
  | { type: 'backend'; report: BackendReport }
  | { type: 'measured'; timing: StepTiming }
  | { type: 'events'; runId: string; events: RunEvent[] }
  | { type: 'failed'; runId: string | null; message: string }
  /** answer to pause/resume/stop, so the page can show the state the worker is really in */
  | { type: 'control'; runId: string; state: 'paused' | 'running' | 'stopping' }
  | { type: 'wiseFt'; runId: string; points: WiseFtPoint[] }
  | { type: 'wiseFtFailed'; runId: string; message: string }
  /** answer to exportModel: model.json's text and weights.bin's bytes (transferred) */
  | { type: 'modelExport'; requestId: string; runId: string; modelJson: string; weights: ArrayBuffer }
  | { type: 'modelExportFailed'; requestId: string; runId: string; message: string }
  | { type: 'modelInspection'; requestId: string; inspection: ModelInspection }
  | { type: 'modelProblem'; requestId: string; code: ModelProblemCode; message: string };
