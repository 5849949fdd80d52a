/**
 * What the network predicts for a few fixed test images (one per class), clean and under each
 * shift, at the latest evaluation. The images are redrawn here from the dataset with the run's
 * seed and severity, exactly as the engine built its shifted sets; only the predictions came
 * from the run.
 */
import { useMemo } from 'react';
import type { RunConfig } from '../../engine/config/schema';
import { isDomainOod } from '../../engine/data/oodId';
import { imageSourceOf, isBenchmark } from '../../engine/data/targets';
import { ImageCanvas } from '../gallery/ImageCanvas';
import { useTestImages } from '../net/useTestImages';
import { domainLabel, gridImages, type InsightView } from './insightData';

export function PredictionGrid({ view, config, classNames }: { view: InsightView; config: RunConfig; classNames: readonly string[] }) {
  const { frame, latest } = view;
  // your own images are not rows of a shipped split: the grid shows the run's predictions without redrawing them
  const source = imageSourceOf(config.dataset);
  const images = useTestImages(source ?? 'mnist');
  const rows = useMemo(() => {
    // a benchmark's ID and held-out images are built by the engine, not rows of a split the page can redraw
    if (images.state !== 'ready' || !source || isBenchmark(config.dataset)) return null;
    try {
      return gridImages(images.value, frame.gridRows, frame.domains, config.severity, config.seed);
    } catch {
      return null;
    }
  }, [images, source, frame, config.dataset, config.severity, config.seed]);
  const name = (c: number) => classNames[c] ?? String(c);
  const g = frame.gridRows.length;
  return (
    <figure className="inside-panel inside-grid" data-testid="inside-grid" aria-labelledby="inside-grid-title">
      <figcaption className="inside-panel__head">
        <div>
          <h3 id="inside-grid-title" className="inside-panel__title">Predictions on the same images, clean and shifted</h3>
          <p className="inside-panel__sub">
            {latest ? `step ${latest.step} · ` : ''}one test image per class; each row is the same images under one shift · <span className="grid-key grid-key--right">✓ right</span> <span className="grid-key grid-key--wrong">✗ wrong</span>
          </p>
        </div>
      </figcaption>
      {isBenchmark(config.dataset) && <p className="inside-panel__sub">The page does not redraw a benchmark's images here; the predictions are the run's.</p>}
      {!source && <p className="inside-panel__sub">The page does not redraw your own images here; the predictions are the run's.</p>}
      {images.state === 'loading' && <div className="loading-line">Loading test images…</div>}
      {images.state === 'error' && <p className="error-text">Could not load the test images: {images.message}</p>}
      <div className="pgrid" style={{ ['--cols' as string]: g }}>
        <div className="pgrid__corner">true class</div>
        {frame.gridLabels.map((label, k) => <div key={k} className="pgrid__true">{name(label)}</div>)}
        {frame.domains.map((domain, d) => {
          // a held-out domain holds other images than these rows' (and other labels): not part of this grid
          if (isDomainOod(domain)) return null;
          const predictions = latest?.gridPredictions[d];
          const right = predictions ? predictions.filter((p, k) => p === frame.gridLabels[k]).length : undefined;
          const pixels = rows?.[d]?.pixels;
          return (
            <div key={domain} className="pgrid__row" data-testid="inside-grid-row" data-domain={domain} role="group" aria-label={domainLabel(domain)}>
              <div className={`pgrid__label${domain === 'id' ? ' pgrid__label--id' : ''}`}>
                <span>{domainLabel(domain)}</span>
                {right !== undefined && <span className="pgrid__score">{right}/{g} right</span>}
              </div>
              {frame.gridLabels.map((label, k) => {
                const p = predictions?.[k];
                const correct = p === undefined ? undefined : p === label;
                return (
                  <div key={k} className={`pgrid__cell${correct === true ? ' pgrid__cell--right' : correct === false ? ' pgrid__cell--wrong' : ''}`}
                    data-testid="inside-grid-cell" data-correct={correct === undefined ? 'pending' : String(correct)}>
                    {pixels ? <ImageCanvas pixels={pixels} index={k} label={`${domainLabel(domain)}, true ${name(label)}${p === undefined ? '' : `, predicted ${name(p)}`}`} />
                      : <div className="gallery__image pgrid__placeholder" />}
                    <span className="pgrid__pred">{p === undefined ? '…' : `${correct ? '✓' : '✗'} ${name(p)}`}</span>
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </figure>
  );
}
