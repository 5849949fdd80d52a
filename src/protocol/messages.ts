/**
 * The one typed protocol between the page and the training worker. One worker per run: the page
 * creates a worker (which selects its backend at once and reports it), sends `start`, may send
 * `pause` / `resume` / `stop` (acted on within one step), and terminates the worker after `done`
 * or `failed`. Metrics arrive as run events, losses in batches.
 */
import type { RunConfig } from '../engine/config/schema';
import type { ModelInspection, ModelProblemCode } from '../engine/models/byo/types';
import type { RunEvent } from '../engine/training/events';
import type { WiseFtPoint } from '../engine/training/wiseFt';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** why it was not used */
  error?: string;
}

export interface BackendReport {
  backend: BackendName;
  /** plain sentence: "WebGPU adapter found (google swiftshader)" / "WebGPU unavailable: no adapter; using WebGL" */
  reason: string;
  adapter?: string;
  attempts: BackendAttempt[];
}

export type PageToWorker =
  | { type: 'init'; /** forces a fallback chain starting here (tests, or a user's choice) */ preferred?: BackendName }
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
