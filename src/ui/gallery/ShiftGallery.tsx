/** What the model will be tested on: a few real target images, clean and under each selected shift. */
import { useMemo } from 'react';
import { DATASETS } from '../../engine/data/catalog';
import { imageSourceOf } from '../../engine/data/targets';
import type { Severity } from '../../engine/shifts/types';
import { useTestImages } from '../net/useTestImages';
import { usePlayground } from '../store/StoreContext';
import { trainingImageSet } from '../store/userDatasets';
import { OwnDomainRows } from '../yourImages/OwnDomainRows';
import { galleryRgb, galleryRows, pickGalleryIndices, type GalleryRow } from './galleryImages';
import { ImageCanvas } from './ImageCanvas';

function Row({ row, count, classNames, labels }: { row: GalleryRow; count: number; classNames: readonly string[]; labels: number[] }) {
  return (
    <div className="gallery__row" data-testid="gallery-row" data-shift={row.id}>
      <div className="gallery__label" title={row.description}>{row.label}</div>
      <div className="gallery__images">
        {Array.from({ length: count }, (_, i) => (
          <ImageCanvas key={i} pixels={row.pixels} index={i} label={`${row.label}: ${classNames[labels[i]] ?? labels[i]}`} />
        ))}
      </div>
    </div>
  );
}

export function ShiftGallery() {
  // a benchmark target shows the digits its domains are made from; your own images show themselves
  const target = usePlayground((s) => s.config.dataset);
  const own = usePlayground((s) => s.userDatasets.find((d) => d.id === target));
  const dataset = imageSourceOf(target) ?? 'mnist';
  const shifts = usePlayground((s) => s.config.shifts);
  const severity = usePlayground((s) => s.config.severity);
  const shipped = useTestImages(dataset);
  const ownSet = useMemo(() => (own ? trainingImageSet(own) : null), [own]);
  const images = ownSet ? { state: 'ready' as const, value: ownSet } : shipped;
  const classNames = own ? own.classNames : DATASETS[dataset].classNames;
  const source = useMemo(() => {
    const set = ownSet ?? (shipped.state === 'ready' ? shipped.value : null);
    if (!set) return null;
    const indices = pickGalleryIndices(set.labels);
    return { rgb: galleryRgb(set, indices), labels: indices.map((i) => set.labels[i]) };
  }, [ownSet, shipped]);
  const rows = useMemo(() => {
    if (!source) return [];
    // an out-of-range severity is a validation error; draw with the nearest valid one meanwhile
    const s = Math.min(5, Math.max(1, Math.round(Number.isFinite(severity) ? severity : 3))) as Severity;
    return galleryRows(source.rgb, source.labels.length, shifts, s);
  }, [source, shifts, severity]);

  return (
    <section className="card gallery" data-testid="shift-gallery" aria-labelledby="gallery-heading">
      <div className="card__head">
        <h2 id="gallery-heading" className="card__title">What the shifts look like</h2>
        <p className="card__subtitle">{own ? `Your pictures (${own.name}): the training collection, then your OOD collections` : `${DATASETS[dataset].label} test images`} · severity {severity} · hover a row name for what it does</p>
      </div>
      {images.state === 'loading' && (
        <div className="loading-line">Loading test images… <progress max={1} value={images.progress || undefined} aria-label="Test images download" /></div>
      )}
      {images.state === 'error' && <p className="error-text">Could not load the test images: {images.message}</p>}
      {source && rows.map((row) => <Row key={row.id} row={row} count={source.labels.length} labels={source.labels} classNames={classNames} />)}
      {own && <OwnDomainRows dataset={own} />}
    </section>
  );
}
