/**
 * "See inside": what fine-tuning does to the network's features and predictions, updated at each
 * evaluation — the probe images in a fixed feature frame, the confusion matrix, and predictions on
 * the same images clean and shifted. Next to the per-layer weight drift above it.
 */
import { usePlayground } from '../store/StoreContext';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PredictionGrid } from './PredictionGrid';
import { ScatterReplay } from './ScatterReplay';
import './inside.css';

const NO_NAMES: readonly string[] = [];

export function SeeInside() {
  const view = usePlayground((s) => s.run?.insight ?? null);
  const config = usePlayground((s) => s.run?.config);
  const classNames = usePlayground((s) => s.run?.info?.classNames) ?? NO_NAMES;
  const hasRun = usePlayground((s) => s.run !== null);
  const runId = usePlayground((s) => s.run?.id);
  return (
    <section className="card inside" data-testid="see-inside" aria-labelledby="inside-heading">
      <header className="inside__head">
        <h2 id="inside-heading" className="card__title">See inside</h2>
        <p className="card__subtitle">
          How fine-tuning moves the features of clean and shifted images, and what the network now predicts. Updated at every evaluation.
        </p>
      </header>
      {!view || !config ? (
        <div className="chart-card__empty" data-testid="inside-empty">
          {hasRun ? 'Fitting the feature frame on the pretrained network…' : 'Press Train: the probe images\' features, predictions and confusion matrix appear here from the first evaluation on.'}
        </div>
      ) : (
        <>
          <div className="inside__top">
            <ScatterReplay key={runId} view={view} classNames={classNames} />
            <ConfusionMatrix view={view} classNames={classNames} />
          </div>
          <PredictionGrid view={view} config={config} classNames={classNames} />
        </>
      )}
    </section>
  );
}
