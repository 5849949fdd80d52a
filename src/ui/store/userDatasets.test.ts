/**
 * The page's datasets of your own images through the real store and the real engine in-process:
 * pictures added all or nothing, roles, the config the dialog picks, and a short run whose OOD
 * sets are the dataset's collections.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { readSplit } from '../../engine/data/targetData';
import { USER_IMAGE_PIXELS, USER_LIMITS } from '../../engine/data/user/userDataset';
import type { ImageSet } from '../../engine/data/binaryFormat';
import { testStore } from './testing/testStore';
import { addImages, newUserDataset, setRole, userDatasetId, type LabelledImage } from './userDatasets';

let mnist: ImageSet;
beforeAll(async () => { mnist = await readSplit(publicDirReader(), 'mnist', 'test'); });

/** `n` MNIST digits of each of the classes, as labelled pictures, from row `from` on. */
function digits(classes: number[], n: number, from = 0): LabelledImage[] {
  const out: LabelledImage[] = [];
  const taken = classes.map(() => 0);
  for (let i = from; i < mnist.count && out.length < classes.length * n; i++) {
    const c = classes.indexOf(mnist.labels[i]);
    if (c >= 0 && taken[c] < n) { taken[c]++; out.push({ className: String(mnist.labels[i]), pixels: mnist.pixels.slice(i * 784, (i + 1) * 784) }); }
  }
  return out;
}

describe('adding pictures', () => {
  it('makes ids from names, unique', () => {
    expect(userDatasetId('My Digits!', new Set())).toBe('user:my-digits');
    expect(userDatasetId('My Digits!', new Set(['user:my-digits']))).toBe('user:my-digits-2');
    expect(userDatasetId('…', new Set())).toBe('user:images');
  });

  it('the first collection trains, later ones are OOD; a new training collection demotes the old one', () => {
    let d = newUserDataset('digits', new Set(), 0);
    const a = addImages(d, 'printed', digits([0, 1], 3));
    if (!a.ok) throw new Error(a.message);
    const b = addImages(a.dataset, 'mine', digits([0, 1], 2, 500));
    if (!b.ok) throw new Error(b.message);
    d = b.dataset;
    expect(d.classNames).toEqual(['0', '1']);
    expect(d.collections.map((c) => [c.name, c.role, c.labels.length])).toEqual([['printed', 'id', 6], ['mine', 'ood', 4]]);
    expect(d.collections[1].pixels.length).toBe(4 * USER_IMAGE_PIXELS);
    expect(setRole(d, 'mine', 'id').collections.map((c) => c.role)).toEqual(['ood', 'id']);
  });

  it('all or nothing: past the cap, or under a bad class name, the dataset is left as it was', () => {
    const d = newUserDataset('digits', new Set(), 0);
    const blank = { className: 'x', pixels: new Uint8Array(USER_IMAGE_PIXELS) };
    const over = addImages(d, 'many', Array.from({ length: USER_LIMITS.maxImages + 1 }, () => blank));
    expect(over).toEqual({ ok: false, message: '5001 images would make 5001: a dataset keeps at most 5000, so none were added' });
    const bad = addImages(d, 'c', [{ ...blank, className: 'a/b' }]);
    expect(bad.ok).toBe(false);
    expect(d.collections).toEqual([]);
  });
});

describe('the store', () => {
  it('picks a dataset with the training size it has, and trains on it with its collections as OOD sets', async () => {
    await useNodeBackend('wasm');
    const { store } = testStore();
    const s = store.getState;
    const d = s().createUserDataset('digits');
    expect(s().addUserImages(d.id, 'printed', digits([0, 1], 8))).toBe(true);
    expect(s().addUserImages(d.id, 'mine', digits([0, 1], 4, 500))).toBe(true);
    expect(s().addUserImages(d.id, 'mine', Array.from({ length: USER_LIMITS.maxImages }, () => digits([0], 1)[0]))).toBe(false);
    expect(s().ownImages).toEqual({ state: 'error', message: expect.stringMatching(/a dataset keeps at most 5000, so none were added$/) });
    expect(s().userDatasets[0].collections[1].labels.length).toBe(8);
    s().trainOnUserDataset(d.id);
    expect(s().config).toMatchObject({ dataset: 'user:digits', trainSize: 12, shifts: [], targetClasses: 'all' });
    s().setConfig({ model: 'mlp-broad', batchSize: 4, duration: { unit: 'steps', value: 4 }, evalEvery: 4, evalSize: 32, probeSize: 16 });
    expect(s().validation).toMatchObject({ ok: true });
    s().train();
    const run = await new Promise<NonNullable<ReturnType<typeof s>['run']>>((resolve) => {
      const stop = store.subscribe((st) => { if (st.run?.summary || st.run?.error) { stop(); resolve(st.run); } });
    });
    expect(run.error ?? null).toBeNull();
    expect(Object.keys(run.summary!.last!.ood)).toEqual(['domain:mine']);
    // gone from this browser: the config says so, and a run cannot start
    s().removeUserDataset(d.id);
    expect(s().config.dataset).toBe('mnist');
  }, 120_000);
});
