/**
 * The held-out part of the ID collection: per class, a seeded quarter of its images (at least one)
 * is the ID test set, the rest trains. The seed is fixed, so every run on the same dataset (every
 * seed of a comparison) tests on the same images, as the shipped sets' fixed splits do.
 */
import { createRng, permutation } from '../../rng';

export const HELD_OUT_SHARE = 0.25;
export const SPLIT_SEED = 20_261_206;

export interface IdSplit {
  /** rows of the ID collection that train, classes taken in turn (so a smaller trainSize stays balanced) */
  train: number[];
  /** rows held out as the ID test set, classes taken in turn */
  test: number[];
}

/** The lists' items taken in turn: the first of each list, then the second of each… */
function inTurn(lists: readonly number[][]): number[] {
  const out: number[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let k = 0; k < longest; k++) for (const l of lists) if (k < l.length) out.push(l[k]);
  return out;
}

export function splitIdCollection(labels: Uint8Array, numClasses: number, seed = SPLIT_SEED): IdSplit {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((l, row) => byClass[l]?.push(row));
  const train: number[][] = [];
  const test: number[][] = [];
  byClass.forEach((rows, c) => {
    const order = permutation(rows.length, createRng(seed, `user-split-${c}`));
    const shuffled = Array.from(order, (i) => rows[i]);
    // a class of one image trains and is never tested (datasetProblems refuses that dataset anyway)
    const held = rows.length < 2 ? 0 : Math.max(1, Math.round(rows.length * HELD_OUT_SHARE));
    test.push(shuffled.slice(0, held));
    train.push(shuffled.slice(held));
  });
  return { train: inTurn(train), test: inTurn(test) };
}

