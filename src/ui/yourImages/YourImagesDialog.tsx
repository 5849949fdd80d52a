/**
 * "Your images": datasets of the user's own pictures, in collections (one the training domain, the
 * others real OOD domains), made from a folder or zip, the webcam or a drawing pad, shown as the
 * network sees them, kept in this browser (IndexedDB), exported and imported as one file.
 */
import { useState } from 'react';
import { classCounts, COLLECTION_ROLES, datasetProblems, imageCount, USER_LIMITS, type CollectionRole } from '../../engine/data/user/userDataset';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import { readFolder, readZip } from './decodeImages';
import { DrawingPad } from './DrawingPad';
import { GreyStrip } from './GreyImages';
import { WebcamCapture } from './WebcamCapture';

const ROLE_LABELS: Record<CollectionRole, string> = { id: 'Training (ID)', ood: 'OOD domain', unused: 'Not used' };
type Source = 'files' | 'draw' | 'webcam';

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function YourImagesDialog({ onClose }: { onClose(): void }) {
  const store = usePlaygroundStore();
  const datasets = usePlayground((s) => s.userDatasets);
  const status = usePlayground((s) => s.ownImages);
  const storage = usePlayground((s) => s.ownImagesStorage);
  const [chosen, setChosen] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [collection, setCollection] = useState('');
  const [className, setClassName] = useState('');
  const [source, setSource] = useState<Source>('files');
  const d = datasets.find((x) => x.id === chosen) ?? datasets[datasets.length - 1];
  const busy = status.state === 'busy';
  const target = collection.trim() || d?.collections[0]?.name || 'my images';
  const problems = d ? datasetProblems(d) : [];
  const room = d ? USER_LIMITS.maxImages - imageCount(d) : 0;
  const act = store.getState;

  const create = () => {
    if (!newName.trim()) return;
    setChosen(act().createUserDataset(newName).id);
    setNewName('');
  };
  const addRead = async (read: () => Promise<{ images: { className: string; pixels: Uint8Array }[]; note?: string }>) => {
    if (!d) return;
    act().setOwnImagesStatus({ state: 'busy', message: 'reading the pictures…' });
    try {
      const { images, note } = await read();
      act().addUserImages(d.id, target, images, note);
    } catch (e) {
      act().setOwnImagesStatus({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const progress = (done: number, total: number) => act().setOwnImagesStatus({ state: 'busy', message: `decoding ${done} of ${total} pictures…` });
  const onFolder = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length) void addRead(() => readFolder(files, room, progress));
  };
  const onZip = (list: FileList | null) => {
    const file = list?.[0];
    if (file) void addRead(async () => readZip(new Uint8Array(await file.arrayBuffer()), room, progress));
  };
  const addOne = (frames: Uint8Array[]) => {
    if (!d) return;
    if (!className.trim()) { act().setOwnImagesStatus({ state: 'error', message: 'name the class first (the box “Class”)' }); return; }
    act().addUserImages(d.id, target, frames.map((pixels) => ({ className: className.trim(), pixels })));
  };
  const onImportFile = async (list: FileList | null) => {
    const file = list?.[0];
    if (file) act().importUserDataset(new Uint8Array(await file.arrayBuffer()), file.name);
  };

  return (
    <div className="own-images__body">
      <header className="own-images__head">
        <h2 id="own-images-title">Your images</h2>
        <button type="button" className="btn" onClick={onClose} aria-label="Close Your images">Close</button>
      </header>
      <p className="muted">
        Your own pictures as a target, with a <strong>real</strong> distribution shift: one collection trains (a quarter of it, per class, is held out as
        the ID test set), other collections taken differently are OOD domains. Everything stays in this browser (IndexedDB); nothing is uploaded.
        Pictures become 28×28 grey, light on dark like MNIST — the small squares show exactly what the network sees. At most {USER_LIMITS.maxImages} images
        per dataset. A model of your own gets them as it gets MNIST: 28×28, resized to its own input by the run.
      </p>
      {storage && <p className="error-text">{storage}</p>}

      <div className="own-images__row">
        {datasets.length > 0 && (
          <label>Dataset{' '}
            <select value={d?.id ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="Dataset">
              {datasets.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          </label>
        )}
        <label>New dataset{' '}
          <input value={newName} maxLength={USER_LIMITS.maxNameLength} placeholder="e.g. digits" aria-label="New dataset name"
            onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') create(); }} />
        </label>
        <button type="button" className="btn" onClick={create} disabled={!newName.trim()}>Create</button>
        <label className="btn own-images__file">Import a dataset file…
          <input type="file" accept=".zip,application/zip" aria-label="Import a dataset file" onChange={(e) => { void onImportFile(e.target.files); e.target.value = ''; }} />
        </label>
      </div>

      {d && (
        <section aria-label={`Dataset ${d.name}`} data-testid="own-dataset">
          <h3 className="own-images__title">{d.name} <span className="muted">· {imageCount(d)} images · classes: {d.classNames.join(', ') || 'none yet'}</span></h3>
          {d.collections.length > 0 && (
            <table className="own-images__table">
              <thead><tr><th>Collection</th><th>Role</th><th>Images per class</th><th>What the network sees</th><th><span className="visually-hidden">Remove</span></th></tr></thead>
              <tbody>
                {d.collections.map((c) => (
                  <tr key={c.name} data-testid="own-collection" data-name={c.name}>
                    <td>{c.name}</td>
                    <td>
                      <select value={c.role} aria-label={`Role of ${c.name}`} onChange={(e) => act().setCollectionRole(d.id, c.name, e.target.value as CollectionRole)}>
                        {COLLECTION_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                      </select>
                    </td>
                    <td>{classCounts(c.labels, d.classNames.length).map((n, k) => `${d.classNames[k]}: ${n}`).join(' · ')}</td>
                    <td><GreyStrip pixels={c.pixels} labels={c.labels} classNames={d.classNames} /></td>
                    <td><button type="button" className="btn btn--small" onClick={() => act().removeUserCollection(d.id, c.name)} aria-label={`Remove ${c.name}`}>Remove</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <fieldset className="own-images__add">
            <legend>Add images</legend>
            <div className="own-images__row">
              <label>to collection{' '}
                <input list="own-collections" value={collection} placeholder={target} maxLength={USER_LIMITS.maxNameLength} aria-label="Collection"
                  onChange={(e) => setCollection(e.target.value)} />
                <datalist id="own-collections">{d.collections.map((c) => <option key={c.name} value={c.name} />)}</datalist>
              </label>
              <div role="tablist" aria-label="How to add images" className="own-images__tabs">
                {(['files', 'draw', 'webcam'] as const).map((s) => (
                  <button key={s} type="button" role="tab" aria-selected={source === s} className={`btn btn--small${source === s ? ' btn--active' : ''}`} onClick={() => setSource(s)}>
                    {{ files: 'Folder or zip', draw: 'Drawing pad', webcam: 'Webcam' }[s]}
                  </button>
                ))}
              </div>
            </div>
            {source === 'files' ? (
              <div className="own-images__row">
                <label className="btn own-images__file">Add a folder…
                  {/* one sub-folder per class; React passes webkitdirectory through as an attribute */}
                  <input type="file" multiple aria-label="Add a folder of class folders" disabled={busy}
                    {...{ webkitdirectory: '', directory: '' }} onChange={(e) => { onFolder(e.target.files); e.target.value = ''; }} />
                </label>
                <label className="btn own-images__file">Add a zip…
                  <input type="file" accept=".zip,application/zip" aria-label="Add a zip of class folders" disabled={busy} onChange={(e) => { onZip(e.target.files); e.target.value = ''; }} />
                </label>
                <span className="muted">one sub-folder per class (its name is the class); PNG, JPEG or WebP; other files are skipped and listed</span>
              </div>
            ) : (
              <>
                <label>Class{' '}
                  <input list="own-classes" value={className} maxLength={USER_LIMITS.maxNameLength} placeholder="e.g. 7" aria-label="Class"
                    onChange={(e) => setClassName(e.target.value)} />
                  <datalist id="own-classes">{d.classNames.map((c) => <option key={c} value={c} />)}</datalist>
                </label>
                {source === 'draw'
                  ? <DrawingPad disabled={busy || !className.trim()} onAdd={(p) => addOne([p])} />
                  : <WebcamCapture disabled={busy || !className.trim()} onFrames={addOne} onProblem={(message) => act().setOwnImagesStatus({ state: 'error', message })} />}
              </>
            )}
          </fieldset>

          {problems.length > 0 && (
            <div className="own-images__problems" data-testid="own-problems">
              Not ready to train on yet:
              <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </div>
          )}
          <div className="own-images__row">
            <button type="button" className="btn btn--primary" disabled={problems.length > 0}
              onClick={() => { act().trainOnUserDataset(d.id); onClose(); }}>Train on this dataset</button>
            <button type="button" className="btn" disabled={!d.collections.length} onClick={() => download(act().exportUserDataset(d.id), `${d.id.slice(5)}.zip`)}>Export as a file</button>
            <button type="button" className="btn" onClick={() => { act().removeUserDataset(d.id); setChosen(null); }}>Delete dataset</button>
          </div>
        </section>
      )}
      <p className={`own-images__status${status.state === 'error' ? ' error-text' : ''}`} role={status.state === 'error' ? 'alert' : 'status'} data-testid="own-status">
        {status.state === 'idle' ? (d ? '' : 'Create a dataset to begin.') : status.message}
      </p>
    </div>
  );
}
