/**
 * Measure backends, the page's side: one fresh worker per backend, started strictly on it (no
 * fallback: a figure must belong to the backend it is shown for), times training steps of the
 * config and is terminated. A backend that cannot start, fails or takes too long is reported with
 * its reason instead of a figure.
 */
import type { RunConfig } from '../engine/config/schema';
import type { BackendMeasurement, BackendName, BackendReport, ModelFilePayload, PageToWorker, WorkerToPage } from '../protocol/messages';
import { copyFiles } from './copyFiles';
import { spawnTrainingWorker } from './spawnWorker';

/** Software WebGPU compiles for minutes on a big model; past this a backend is reported as too slow. */
export const MEASURE_TIMEOUT_MS = 8 * 60_000;

export interface MeasureRequest {
  backend: BackendName;
  config: RunConfig;
  /** the user's own model, when the config uses one (its bytes are copied to the worker) */
  userModel?: { files: readonly ModelFilePayload[]; featureLayer: string };
  timeoutMs?: number;
}

export function measureBackend(req: MeasureRequest): Promise<BackendMeasurement> {
  const worker = spawnTrainingWorker(`measure-${req.backend}`);
  const send = (m: PageToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  return new Promise<BackendMeasurement>((resolve) => {
    let report: BackendReport | null = null;
    const finish = (result: BackendMeasurement) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const fail = (error: string) => finish({ backend: req.backend, ok: false, error });
    const timer = setTimeout(() => fail(`no figure within ${Math.round((req.timeoutMs ?? MEASURE_TIMEOUT_MS) / 60_000)} min`), req.timeoutMs ?? MEASURE_TIMEOUT_MS);
    worker.onerror = (e) => { e.preventDefault(); fail(`the worker crashed: ${e.message || 'unknown error'}`); };
    worker.onmessage = (e: MessageEvent<WorkerToPage>) => {
      const m = e.data;
      if (m.type === 'backend') report = m.report;
      else if (m.type === 'failed') fail(m.message);
      else if (m.type === 'measured' && report) {
        finish({ backend: req.backend, ok: true, report, ...m.timing, stepsPerSec: 1000 / m.timing.msPerStep });
      }
    };
    send({ type: 'init', plan: { choice: req.backend }, strict: true });
    if (req.userModel) {
      const { files, transfer } = copyFiles(req.userModel.files);
      send({ type: 'registerModel', modelId: req.config.model, files, featureLayer: req.userModel.featureLayer }, transfer);
    }
    send({ type: 'measure', config: req.config });
  });
}
