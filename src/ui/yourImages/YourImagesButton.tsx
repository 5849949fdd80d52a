/** The way in to "Your images" from the dataset picker, and the note shown while a run uses them. */
import { useRef, useState } from 'react';
import type { UserTargetId } from '../../engine/data/user/userDataset';
import { imageCount } from '../../engine/data/user/userDataset';
import { usePlayground } from '../store/StoreContext';
import { YourImagesDialog } from './YourImagesDialog';
import './yourImages.css';

export function YourImagesButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  // mounted only while open: closing it (Close, Escape) stops the camera and forgets a half-drawn picture
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn own-images__open" onClick={() => { setOpen(true); dialog.current?.showModal(); }}>Your images…</button>
      <dialog ref={dialog} className="own-images" aria-labelledby="own-images-title" data-testid="your-images" onClose={() => setOpen(false)}>
        {open && <YourImagesDialog onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

export function OwnDatasetNote({ id }: { id: UserTargetId }) {
  const d = usePlayground((s) => s.userDatasets.find((x) => x.id === id));
  if (!d) {
    return <p className="error-text" data-testid="own-dataset-note">{id} is a dataset of someone's own images: it lives only in the browser that made it, and a link cannot carry it.</p>;
  }
  const id0 = d.collections.find((c) => c.role === 'id');
  const ood = d.collections.filter((c) => c.role === 'ood').map((c) => c.name);
  return (
    <p className="muted own-images__note" data-testid="own-dataset-note">
      Your images: {imageCount(d)} pictures, {d.classNames.length} classes; trains on “{id0?.name ?? '—'}” (a quarter of it held out as the ID test set)
      {ood.length ? `, OOD: ${ood.map((n) => `“${n}”`).join(', ')}` : ''}. Kept in this browser only, never uploaded; a link to this setup does not carry them.
    </p>
  );
}
