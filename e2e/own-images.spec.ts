/**
 * Your own images on the built page, in real Chromium: a dataset made from a folder (PNG class
 * folders), a zip (an OOD collection) and the drawing pad trains with its real OOD collections;
 * it is kept across a reload (IndexedDB) and goes out and back in as one file. The webcam records
 * frames from Chromium's fake camera and they train too; a refused camera says so. Bad inputs
 * (one class, an empty class, 10,000 pictures, a text file, a corrupt JPEG) each get their own
 * message and add nothing. Pictures never leave the page.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { findChromium, WEBGPU_CHROMIUM_ARGS } from '../scripts/test/findChromium';
import { expectStatus, openPage, type } from './support/page';

// Chromium's fake camera (a moving test pattern) for the whole file, with the project's WebGPU flags;
// whether a page may use it is the context's camera permission: granted for the webcam test, not for the refusal
test.use({ launchOptions: { executablePath: findChromium(), args: [...WEBGPU_CHROMIUM_ARGS, '--use-fake-device-for-media-stream'] } });

const FIXTURES = resolve('test-results/own-images-fixtures');
const at = (...p: string[]) => join(FIXTURES, ...p);

test.beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/fixtures/ownImagesFixtures.ts', FIXTURES], { stdio: 'inherit' });
});

async function openYourImages(page: Page, name: string) {
  await page.getByRole('button', { name: 'Your images…' }).click();
  const dialog = page.getByTestId('your-images');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('New dataset name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByTestId('own-dataset')).toContainText(name);
  return dialog;
}

/** The dialog as it stands has no accessibility violation axe can find. */
async function expectNoAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).include('[data-testid=your-images]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const status = (page: Page) => page.getByTestId('own-status');
const imagesLine = (page: Page) => page.getByTestId('own-dataset').locator('h3');

/** A short run on what the dialog chose: batch 4, 3 steps, one evaluation at the end. */
async function trainTiny(page: Page, batch = 4) {
  await type(page, 'Batch size', String(batch));
  await type(page, 'Duration', '3');
  await page.getByLabel('Duration unit').selectOption('steps');
  await page.locator('summary', { hasText: 'Evaluation' }).click();
  await type(page, 'Evaluate every (steps)', '3');
  await type(page, 'Eval images', '32');
  await type(page, 'Probe images', '16');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await train.click();
  await expectStatus(page, ['completed'], 300_000);
}

/** Draws a stroke through the points (fractions of the pad) with the mouse. */
async function draw(page: Page, points: [number, number][]) {
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  const xy = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await page.mouse.move(...xy(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...xy(p), { steps: 4 });
  await page.mouse.up();
}
const ring: [number, number][] = Array.from({ length: 13 }, (_, i) => [0.5 + 0.28 * Math.sin((i * Math.PI) / 6), 0.5 + 0.35 * Math.cos((i * Math.PI) / 6)]);
const bar: [number, number][] = [[0.5, 0.15], [0.5, 0.5], [0.5, 0.85]];

test('a folder, a zip and the drawing pad make a dataset that trains with its real OOD collections, is kept and moves as a file', async ({ page, baseURL }) => {
  test.setTimeout(8 * 60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const outgoing: string[] = [];
  const home = new URL(baseURL!).host;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() !== 'GET' || ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== home)) outgoing.push(`${r.method()} ${r.url()}`);
  });
  await openPage(page);
  const dialog = await openYourImages(page, 'digits');

  // (i) a folder of class folders: the training collection
  await dialog.getByLabel('Collection').fill('printed');
  await dialog.getByLabel('Add a folder of class folders').setInputFiles(at('printed'));
  await expect(status(page)).toHaveText('added 24 images to "printed"');
  const printed = dialog.locator('[data-testid=own-collection][data-name="printed"]');
  await expect(printed).toContainText('0: 12 · 1: 12');
  await expect(dialog.getByLabel('Role of printed')).toHaveValue('id');
  // the preview: one picture per class first, as the network sees them
  await expect(printed.getByRole('img', { name: 'what the network sees: 0' }).first()).toBeVisible();
  const ink = await printed.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let corner = 0; let centre = 0;
    for (let i = 0; i < 4; i++) corner += d[(i * 28 + i) * 4];
    for (let y = 8; y < 20; y++) for (let x = 8; x < 20; x++) centre = Math.max(centre, d[(y * 28 + x) * 4]);
    return { corner, centre };
  });
  expect(ink.corner, 'white paper became MNIST\'s dark ground').toBeLessThan(40);
  expect(ink.centre, 'dark ink became light strokes').toBeGreaterThan(200);

  // a zip: a second collection, an OOD domain
  await dialog.getByLabel('Collection').fill('handwriting');
  await dialog.getByLabel('Add a zip of class folders').setInputFiles(at('handwriting.zip'));
  await expect(status(page)).toHaveText('added 16 images to "handwriting"');
  await expect(dialog.getByLabel('Role of handwriting')).toHaveValue('ood');

  // (iii) the drawing pad: a third collection, in my own hand
  await dialog.getByLabel('Collection').fill('my drawings');
  await dialog.getByRole('tab', { name: 'Drawing pad' }).click();
  await dialog.getByLabel('Class', { exact: true }).fill('0');
  for (let k = 0; k < 2; k++) {
    await draw(page, ring);
    await expect(dialog.getByRole('img', { name: 'the drawing as the network sees it' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Add drawing' }).click();
    await expect(status(page)).toHaveText('added 1 image to "my drawings"');
  }
  await dialog.getByLabel('Class', { exact: true }).fill('1');
  for (let k = 0; k < 2; k++) {
    await draw(page, bar);
    await dialog.getByRole('button', { name: 'Add drawing' }).click();
  }
  await expect(dialog.locator('[data-testid=own-collection][data-name="my drawings"]')).toContainText('0: 2 · 1: 2');
  await expect(imagesLine(page)).toContainText('44 images');

  await page.screenshot({ path: 'test-results/own-images-dialog.png' });
  await expectNoAxeViolations(page);
  // train on it: the printed digits train, handwriting and my drawings are OOD
  await dialog.getByRole('button', { name: 'Train on this dataset' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Target dataset')).toHaveValue('user:digits');
  await expect(page.getByTestId('own-dataset-note')).toContainText('Kept in this browser only');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('18'); // 24 less a quarter of each class
  await expect(page.getByTestId('own-ood-note')).toContainText('“handwriting”, “my drawings”');
  // combined with a synthetic shift of the held-out printed digits
  await page.locator('.shift-picker label', { hasText: 'Rotation' }).locator('input').check();
  await trainTiny(page);
  const legend = page.getByTestId('chart-accuracy');
  await expect(legend).toContainText('handwriting');
  await expect(legend).toContainText('my drawings');
  // the gallery shows your pictures under the shift, and each OOD collection's own pictures
  const gallery = page.getByTestId('shift-gallery');
  await expect(gallery).toContainText('Your pictures (digits): the training collection, then your OOD collections');
  await expect(gallery.locator('[data-testid=gallery-row]')).toHaveCount(4);
  await expect(gallery.locator('[data-shift="domain:my drawings"] canvas')).toHaveCount(4);
  // See inside lists each real OOD collection beside the shift
  const confusionDomains = page.getByTestId('inside-confusion').locator('select option');
  await expect(confusionDomains).toHaveText(['Clean (ID)', 'held-out domain handwriting', 'held-out domain my drawings', 'Rotation']);
  await expect(page.getByTestId('metric-id-acc')).toHaveText(/^\d{1,3}\.\d %$/);
  await page.screenshot({ path: 'test-results/own-images-run.png', fullPage: true });

  // kept across a reload, in this browser
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /^(webgpu|wasm|webgl|cpu)$/, { timeout: 90_000 });
  await expect(page.getByLabel('Target dataset').locator('option', { hasText: 'Your images: digits' })).toHaveCount(1);

  // out as one file and back in
  await page.getByRole('button', { name: 'Your images…' }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export as a file' }).click();
  const file = join(FIXTURES, 'exported.zip');
  await (await download).saveAs(file);
  await dialog.getByLabel('Import a dataset file').setInputFiles(file);
  await expect(status(page)).toHaveText('imported "digits (2)" from exported.zip');
  await expect(imagesLine(page)).toContainText('44 images');
  // a dataset file that is not one: refused whole
  await dialog.getByLabel('Import a dataset file').setInputFiles(at('handwriting.zip'));
  await expect(status(page)).toContainText('handwriting.zip: the zip has no dataset.json');
  await expect(status(page)).toContainText('nothing was imported');

  expect(pageErrors).toEqual([]);
  expect(outgoing, 'requests with a body or to another host').toEqual([]);
});

test('bad input: one class, an empty class, 10,000 pictures, a corrupt JPEG refuse the import; a text file is skipped and named', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await openPage(page);
  const dialog = await openYourImages(page, 'bad');
  await dialog.getByLabel('Collection').fill('tries');
  const folder = dialog.getByLabel('Add a folder of class folders');
  const zip = dialog.getByLabel('Add a zip of class folders');
  const nothing = async () => { await expect(dialog.getByTestId('own-collection')).toHaveCount(0); await expect(imagesLine(page)).toContainText('0 images'); };

  await folder.setInputFiles(at('one-class'));
  await expect(status(page)).toHaveText('found one class folder ("three"): a classifier needs at least 2; put each class\'s images in its own sub-folder; nothing was imported');
  await nothing();
  await folder.setInputFiles(at('empty-class'));
  await expect(status(page)).toHaveText('class folder "one" holds no PNG, JPEG or WebP images; nothing was imported');
  await nothing();
  await zip.setInputFiles(at('ten-thousand.zip'));
  await expect(status(page)).toHaveText('10000 images: a dataset keeps at most 5000; nothing was imported');
  await nothing();
  await folder.setInputFiles(at('corrupt'));
  await expect(status(page)).toHaveText(/^"corrupt\/1\/broken\.jpg" could not be decoded as an image .*; nothing was imported$/);
  await nothing();
  await folder.setInputFiles(at('with-notes'));
  await expect(status(page)).toHaveText('added 6 images to "tries"; skipped 1 file that is not a PNG, JPEG or WebP image in a class folder: notes.txt');
  await expect(imagesLine(page)).toContainText('6 images');
  // with a collection, its previews and an error shown
  await folder.setInputFiles(at('one-class'));
  await expectNoAxeViolations(page);
});

test.describe('the webcam', () => {
  test.use({ permissions: ['camera'] });

  test('frames recorded while the button is held make classes and an OOD collection that train', async ({ page }) => {
    test.setTimeout(6 * 60_000);
    await openPage(page);
    const dialog = await openYourImages(page, 'camera');
    await dialog.getByRole('tab', { name: 'Webcam' }).click();
    await dialog.getByRole('button', { name: 'Start camera' }).click();
    const hold = dialog.getByRole('button', { name: 'Hold to record' });
    await expect(hold).toBeVisible();
    const record = async (collection: string, cls: string) => {
      await dialog.getByLabel('Collection').fill(collection);
      await dialog.getByLabel('Class', { exact: true }).fill(cls);
      await hold.hover();
      await page.mouse.down();
      await page.waitForTimeout(900); // frames every 160 ms while held
      await page.mouse.up();
      await expect(status(page)).toHaveText(new RegExp(`^added \\d+ images to "${collection}"$`));
    };
    await record('daylight', 'left');
    await record('daylight', 'right');
    await record('night', 'left');
    await record('night', 'right');
    await expect(dialog.getByRole('img', { name: 'the last frame as the network sees it' })).toBeVisible();
    await expectNoAxeViolations(page);
    await expect(dialog.getByLabel('Role of night')).toHaveValue('ood');
    await dialog.getByRole('button', { name: 'Train on this dataset' }).click();
    await expect(page.getByLabel('Target dataset')).toHaveValue('user:camera');
    // closing the dialog let go of the camera
    await expect(page.locator('video')).toHaveCount(0);
    await trainTiny(page, 2);
    await expect(page.getByTestId('chart-accuracy')).toContainText('night');
  });
});

test.describe('a refused camera', () => {
  test.use({ permissions: [] }); // no grant: headless Chromium answers the prompt with a refusal

  test('says it was refused and how to allow it; nothing is added', async ({ page }) => {
    await openPage(page);
    const dialog = await openYourImages(page, 'no camera');
    await dialog.getByRole('tab', { name: 'Webcam' }).click();
    await dialog.getByRole('button', { name: 'Start camera' }).click();
    await expect(status(page)).toHaveText(/^the camera was refused \(permission denied\); allow the camera for this site/);
    await expect(dialog.getByRole('button', { name: 'Hold to record' })).toHaveCount(0);
    await expect(imagesLine(page)).toContainText('0 images');
  });
});
