/**
 * Measure backends, the page's side: one fresh worker per backend, started strictly on it (no
 * fallback: a figure must belong to the backend it is shown for), times training steps of the
 * config and is ended. A backend that cannot start, fails or takes too long is reported with its
 * reason instead of a figure.
 */
import type { RunConfig } from '../engine/config/schema';
import type { UserDataset } from '../engine/data/user/userDataset';
import type { BackendMeasurement, BackendName, ModelFilePayload } from '../protocol/messages';
import { copyFiles } from './copyFiles';
import { WorkerConnection } from './workerConnection';

/** Software WebGPU compiles for minutes on a big model; past this a backend is reported as too slow. */
export const MEASURE_TIMEOUT_MS = 8 * 60_000;

export interface MeasureRequest {
  backend: BackendName;
  config: RunConfig;
  /** the user's own model, when the config uses one (its bytes are copied to the worker) */
  userModel?: { files: readonly ModelFilePayload[]; featureLayer: string };
  /** the user's own images, when the config trains on them (structured-cloned to the worker) */
  userDataset?: UserDataset;
  timeoutMs?: number;
}

export async function measureBackend(req: MeasureRequest): Promise<BackendMeasurement> {
  const conn = new WorkerConnection(`measure-${req.backend}`);
  const ms = req.timeoutMs ?? MEASURE_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no figure within ${Math.round(ms / 60_000)} min`)), ms); });
  try {
    const report = await Promise.race([conn.request({ type: 'init', plan: { choice: req.backend }, strict: true }), timeout]);
    if (req.userModel) {
      const { files, transfer } = copyFiles(req.userModel.files);
      void conn.request({ type: 'registerModel', modelId: req.config.model, files, featureLayer: req.userModel.featureLayer }, { transfer }).catch(() => undefined);
    }
    if (req.userDataset) void conn.request({ type: 'registerDataset', dataset: req.userDataset }).catch(() => undefined);
    const timing = await Promise.race([conn.request({ type: 'measure', config: req.config }), timeout]);
    return { backend: req.backend, ok: true, report, ...timing, stepsPerSec: 1000 / timing.msPerStep };
  } catch (e) {
    return { backend: req.backend, ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    conn.end();
  }
}
