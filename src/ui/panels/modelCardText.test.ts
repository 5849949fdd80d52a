import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../engine/models/zoo';
import { sourceDatasetsText } from './modelCardText';

const card = (source: unknown) => ({ source }) as unknown as ModelCard;

describe('sourceDatasetsText', () => {
  it('lists each source dataset once', () => {
    const parts = [
      { dataset: 'fashion-mnist', splits: ['source-train'], labelOffset: 0, repeat: 1 },
      { dataset: 'mnist', splits: ['source-train'], labelOffset: 10, repeat: 1 },
      { dataset: 'mnist', splits: ['source-val'], labelOffset: 10, repeat: 1 },
    ];
    expect(sourceDatasetsText(card({ parts }))).toBe('Fashion-MNIST clothing + MNIST digits');
  });
  it('reads cards with a single source dataset', () => {
    expect(sourceDatasetsText(card({ dataset: 'fashion-mnist' }))).toBe('Fashion-MNIST clothing');
    expect(sourceDatasetsText(card({}))).toBe('unknown');
  });
});
