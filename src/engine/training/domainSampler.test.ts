import { describe, expect, it } from 'vitest';
import { DomainBalancedSampler } from './domainSampler';

describe('domain-balanced batches', () => {
  // three domains taken in turn, as a benchmark's training rows are laid out, the last one shorter
  const domains = Uint8Array.from({ length: 29 }, (_, i) => i % 3);

  it('takes ⌈B/D⌉ or ⌊B/D⌋ rows from every domain each step, each domain\'s rows once per pass', () => {
    const sampler = new DomainBalancedSampler(domains, 7, 5);
    const seen: number[][] = [[], [], []];
    for (let s = 0; s < 3; s++) {
      const batch = Array.from(sampler.next());
      expect(batch).toHaveLength(7);
      expect([0, 1, 2].map((d) => batch.filter((r) => domains[r] === d).length)).toEqual([3, 2, 2]);
      batch.forEach((r) => seen[domains[r]].push(r));
    }
    // 9 rows of domain 0 over 3 steps of 3: one full pass, no repeats
    expect(new Set(seen[0]).size).toBe(9);
    expect(new Set(seen[1]).size).toBe(6);
  });

  it('repeats for a seed and differs for another; refuses a domain smaller than its share', () => {
    const take = (seed: number) => {
      const s = new DomainBalancedSampler(domains, 6, seed);
      return [s.next(), s.next()].map((b) => Array.from(b));
    };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    expect(() => new DomainBalancedSampler(Uint8Array.from([0, 1, 1, 1]), 4, 0)).toThrow(/domain 0 has 1 images, fewer than its 2 per batch/);
  });
});
