/** Which TF.js backend the training worker runs on, and why; a silent fallback to a slow backend should be visible. */
import { usePlayground } from '../store/StoreContext';

const LABELS = { webgpu: 'WebGPU', wasm: 'WebAssembly', webgl: 'WebGL', cpu: 'CPU' } as const;

export function BackendBadge() {
  const backend = usePlayground((s) => s.backend);
  const error = usePlayground((s) => s.backendError);
  if (!backend) {
    return (
      <div className="backend">
        <span className="backend__label">Backend</span>
        <span className={`badge ${error ? 'badge--error' : 'badge--pending'}`} data-testid="backend-badge">{error ? 'none' : 'detecting…'}</span>
      </div>
    );
  }
  const fallback = backend.backend !== 'webgpu';
  return (
    <div className="backend" title={backend.reason}>
      <span className="backend__label">Backend</span>
      <span className={`badge ${fallback ? 'badge--warn' : 'badge--ok'}`} data-testid="backend-badge" data-backend={backend.backend}
        title={`${LABELS[backend.backend]}: ${backend.reason}`}>{backend.backend}</span>
      <span className="backend__reason" data-testid="backend-reason">{backend.reason}</span>
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
