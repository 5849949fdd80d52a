/**
 * Which TF.js backend the training worker runs on, and why, in full: a slow fallback or a software
 * GPU should be visible, not a green "webgpu". The reason is visible text that wraps; the
 * backend settings (pin, Measure backends) open beside it.
 */
import type { BackendReport } from '../../protocol/messages';
import { usePlayground } from '../store/StoreContext';
import { BackendSettings } from './BackendSettings';
import './backend.css';

export const BACKEND_LABELS = { webgpu: 'WebGPU', wasm: 'WebAssembly', webgl: 'WebGL', cpu: 'CPU' } as const;

/** Amber when the page fell back, or runs WebGPU on a software adapter; green otherwise. */
function tone(report: BackendReport): 'ok' | 'warn' {
  const fellBack = report.attempts.some((a) => !a.ok);
  const softwareGpu = report.backend === 'webgpu' && report.softwareAdapter === true;
  return fellBack || softwareGpu ? 'warn' : 'ok';
}

export function BackendBadge() {
  const backend = usePlayground((s) => s.backend);
  const error = usePlayground((s) => s.backendError);
  return (
    <div className="backend">
      <span className="backend__label">Backend</span>
      {backend ? (
        <>
          <span className={`badge badge--${tone(backend)}`} data-testid="backend-badge" data-backend={backend.backend}
            data-chosen-by={backend.chosenBy} title={`${BACKEND_LABELS[backend.backend]}: ${backend.reason}`}>{backend.backend}</span>
          <span className="backend__reason" data-testid="backend-reason">{backend.reason}</span>
        </>
      ) : (
        <span className={`badge ${error ? 'badge--error' : 'badge--pending'}`} data-testid="backend-badge">{error ? 'none' : 'detecting…'}</span>
      )}
      <BackendSettings />
    </div>
  );
}

export function BackendErrorBanner() {
  const error = usePlayground((s) => s.backendError);
  if (!error) return null;
  return (
    <div className="banner banner--error" role="alert" data-testid="backend-error">
      <strong>No training backend works in this browser.</strong> {error}
    </div>
  );
}
