/** The shift gallery's rows for your OOD collections: a few of their own pictures, one per class first (a real shift, not a made one). */
import { useMemo } from 'react';
import { greyToRgb } from '../../engine/data/colour';
import { domainOodId, oodLabel } from '../../engine/data/oodId';
import { USER_IMAGE_PIXELS, type UserDataset } from '../../engine/data/user/userDataset';
import { ImageCanvas } from '../gallery/ImageCanvas';
import { GALLERY_IMAGES, pickGalleryIndices } from '../gallery/galleryImages';

export function OwnDomainRows({ dataset }: { dataset: UserDataset }) {
  const rows = useMemo(() => dataset.collections.filter((c) => c.role === 'ood' && c.labels.length).map((c) => {
    const picked = pickGalleryIndices(c.labels, GALLERY_IMAGES);
    const grey = new Uint8Array(picked.length * USER_IMAGE_PIXELS);
    picked.forEach((r, k) => grey.set(c.pixels.subarray(r * USER_IMAGE_PIXELS, (r + 1) * USER_IMAGE_PIXELS), k * USER_IMAGE_PIXELS));
    return { id: domainOodId(c.name), rgb: greyToRgb(grey, picked.length, USER_IMAGE_PIXELS), labels: picked.map((r) => c.labels[r]) };
  }), [dataset]);
  return rows.map((row) => (
    <div key={row.id} className="gallery__row" data-testid="gallery-row" data-shift={row.id}>
      <div className="gallery__label" title="Your own pictures, taken differently: a real OOD domain">{oodLabel(row.id)}</div>
      <div className="gallery__images">
        {row.labels.map((label, i) => <ImageCanvas key={i} pixels={row.rgb} index={i} label={`${oodLabel(row.id)}: ${dataset.classNames[label]}`} />)}
      </div>
    </div>
  ));
}
