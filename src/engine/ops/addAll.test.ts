import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAll } from './addAll';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('addAll', () => {
  it('sums any number of tensors', async () => {
    await tf.setBackend('cpu');
    const ts = Array.from({ length: 27 }, (_, i) => tf.tensor1d([i, 1]));
    expect(Array.from(await addAll(ts).data())).toEqual([351, 27]);
    tf.dispose(ts);
  });

  it('is used instead of tf.addN everywhere in the app (WebGPU AddN breaks past 8 inputs, silently)', () => {
    const offenders = sourceFiles('src').filter((f) => /\btf\.addN\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
