/** Which files of a folder or zip become which class, and which inputs are refused before any decoding. */
import { describe, expect, it } from 'vitest';
import { planImport, skippedNote } from './importPlan';

describe('planning a folder or zip import', () => {
  it('names classes after the folder that holds each picture, in natural order, at any depth', () => {
    const plan = planImport(['digits/10/a.png', 'digits/2/b.JPG', 'digits/2/c.webp', 'digits/10/d.jpeg']);
    expect(plan).toEqual({
      ok: true, classes: ['2', '10'], skipped: [],
      images: [{ path: 'digits/2/b.JPG', className: '2' }, { path: 'digits/2/c.webp', className: '2' }, { path: 'digits/10/a.png', className: '10' }, { path: 'digits/10/d.jpeg', className: '10' }],
    });
  });

  it('skips files that are not pictures and loose files, and says which; ignores macOS litter', () => {
    const plan = planImport(['cats/1.png', 'dogs/1.png', 'dogs/notes.txt', 'readme.md', '__MACOSX/cats/._1.png', 'cats/.DS_Store']);
    expect(plan.ok && plan.skipped).toEqual(['dogs/notes.txt', 'readme.md']);
    expect(skippedNote(['dogs/notes.txt', 'readme.md'])).toBe('skipped 2 files that are not a PNG, JPEG or WebP image in a class folder: notes.txt, readme.md');
  });

  it('refuses one class, an empty class folder (in a zip, or holding no picture), and more pictures than there is room for', () => {
    expect(planImport(['x/cats/1.png', 'x/cats/2.png'])).toEqual({ ok: false, message: expect.stringMatching(/^found one class folder \("cats"\): a classifier needs at least 2/) });
    expect(planImport(['cats/1.png', 'dogs/a.txt', 'birds/1.png'])).toEqual({ ok: false, message: 'class folder "dogs" holds no PNG, JPEG or WebP images; nothing was imported' });
    // a zip lists an empty folder as an entry of its own
    expect(planImport(['d/cats/1.png', 'd/dogs/1.png'], ['d/', 'd/cats/', 'd/dogs/', 'd/birds/'])).toEqual({ ok: false, message: 'class folder "birds" holds no PNG, JPEG or WebP images; nothing was imported' });
    expect(planImport(['d/cats/1.png', 'd/dogs/1.png'], ['d/', 'd/cats/', 'd/dogs/']).ok).toBe(true);
    const many = Array.from({ length: 10_000 }, (_, i) => `m/${i % 2}/${i}.png`);
    expect(planImport(many)).toEqual({ ok: false, message: '10000 images: a dataset keeps at most 5000; nothing was imported' });
    expect(planImport(['a/1.png', 'b/1.png', 'b/2.png'], [], 2)).toEqual({ ok: false, message: '3 images: a dataset keeps at most 5000 and this one has room for 2 more; nothing was imported' });
    expect(planImport(['notes.txt'])).toEqual({ ok: false, message: expect.stringMatching(/^found no PNG, JPEG or WebP images in class sub-folders/) });
  });
});
