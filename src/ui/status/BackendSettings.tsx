/**
 * The backend settings beside the badge: pin a backend (also written to the link as `backend=`),
 * and Measure backends: one FT step of the chosen model at its batch size timed on each backend
 * (after a warm-up step whose compiles are shown apart), side by side; the fastest is remembered
 * for this browser and adapter, and auto selection then uses it until it is forgotten.
 */
import { BACKEND_CHOICES, type BackendChoice, type BackendMeasurement } from '../../protocol/messages';
import { selectMeasuredHere } from '../store/backendSlice';
import type { MeasuredFigure } from '../store/measuredBackends';
import { usePlayground } from '../store/StoreContext';

const CHOICE_TEXT: Record<BackendChoice, string> = {
  auto: 'auto: the fastest for this hardware',
  webgpu: 'webgpu', wasm: 'wasm (WebAssembly on the CPU)', webgl: 'webgl', cpu: 'cpu (plain JavaScript)',
};

const userAgent = globalThis.navigator?.userAgent ?? 'unknown browser';

const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const perSec = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));

function figuresOf(results: readonly BackendMeasurement[]): MeasuredFigure[] {
  return results.map((r) => (r.ok ? { backend: r.backend, msPerStep: r.msPerStep, stepsPerSec: r.stepsPerSec, firstStepMs: r.firstStepMs } : { backend: r.backend, error: r.error }));
}

function FiguresTable({ figures, winner, measuring }: { figures: readonly MeasuredFigure[]; winner?: string; measuring?: string }) {
  return (
    <table className="backend-figures" data-testid="backend-figures">
      <thead><tr><th scope="col">backend</th><th scope="col">ms / step</th><th scope="col">steps / s</th><th scope="col">first step (compiles)</th></tr></thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.backend} data-backend={f.backend} data-ok={f.error === undefined} className={f.backend === winner ? 'backend-figures__winner' : undefined}>
            <th scope="row">{f.backend}{f.backend === winner ? ' ★ fastest' : ''}</th>
            {f.error !== undefined
              ? <td colSpan={3} className="backend-figures__error">unavailable: {f.error}</td>
              : <><td>{ms(f.msPerStep!)}</td><td>{perSec(f.stepsPerSec!)}</td><td>{ms(f.firstStepMs!)}</td></>}
          </tr>
        ))}
        {measuring && <tr data-backend={measuring}><th scope="row">{measuring}</th><td colSpan={3} className="muted">measuring…</td></tr>}
      </tbody>
    </table>
  );
}

export function BackendSettings() {
  const choice = usePlayground((s) => s.backendChoice);
  const setChoice = usePlayground((s) => s.setBackendChoice);
  const measure = usePlayground((s) => s.measure);
  const measureBackends = usePlayground((s) => s.measureBackends);
  const forget = usePlayground((s) => s.forgetMeasurement);
  const here = usePlayground((s) => selectMeasuredHere(s, userAgent));
  const busy = usePlayground((s) => s.activeIds.length > 0 || s.queue.length > 0);
  const model = usePlayground((s) => (s.validation.ok ? `${s.validation.config.model} at batch ${s.validation.config.batchSize}` : null));
  const running = measure.state === 'running';
  const blocked = running ? 'measuring…' : busy ? 'wait until no run trains or waits' : !model ? 'fix the settings first' : null;
  return (
    <details className="backend-settings" data-testid="backend-settings">
      <summary className="btn btn--small">Backend settings</summary>
      <div className="backend-settings__panel">
        <div className="field">
          <label className="field__label" htmlFor="backend-choice">Backend</label>
          <select id="backend-choice" value={choice} onChange={(e) => setChoice(e.target.value as BackendChoice)} aria-describedby="backend-choice-hint">
            {BACKEND_CHOICES.map((c) => <option key={c} value={c}>{CHOICE_TEXT[c]}</option>)}
          </select>
          <span className="field__hint" id="backend-choice-hint">
            Auto: a hardware WebGPU adapter, else wasm, webgl, cpu, or the backend measured fastest here. A pinned backend that cannot start falls back, and the badge says why.
          </span>
        </div>
        <div className="backend-settings__measure">
          <button type="button" className="btn btn--small" data-testid="measure-backends" disabled={blocked !== null} onClick={() => void measureBackends()}>
            Measure backends
          </button>
          <span className="field__hint">
            {blocked && !running ? blocked : `Times one FT step of ${model ?? 'the chosen model'} on each backend, each in a fresh worker, after a warm-up step (its compiles shown apart).`}
          </span>
        </div>
        {running && <p className="muted" role="status">Measuring {measure.current} ({measure.results.length + 1} of 4)…</p>}
        {measure.state !== 'idle' && (
          <FiguresTable figures={figuresOf(measure.results)} measuring={running ? measure.current : undefined}
            winner={measure.state === 'done' ? here?.winner : undefined} />
        )}
        {here && (
          <div className="backend-settings__remembered" data-testid="measured-winner" data-winner={here.winner}>
            <p>
              Remembered for this browser and adapter: <strong>{here.winner}</strong>, measured {here.measuredAt.slice(0, 10)} with {here.model} at batch {here.batchSize}.
              {choice === 'auto' ? ' Auto uses it.' : ' Auto would use it; the pinned backend wins.'}
            </p>
            {measure.state === 'idle' && <FiguresTable figures={here.figures} winner={here.winner} />}
            <button type="button" className="btn btn--small" data-testid="forget-measurement" disabled={running} onClick={forget}>Forget this measurement</button>
          </div>
        )}
      </div>
    </details>
  );
}
