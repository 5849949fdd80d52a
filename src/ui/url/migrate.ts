/**
 * Links made by older versions of the playground, brought up to the current URL format one
 * version at a time. Each step maps URL key/value pairs to the next version's and says what it
 * converted; keys it does not know pass through (the current parser judges them).
 *
 * v0 (links without `v`, before versions existed) was a flat format:
 *   method=<kind>   → method.kind=<kind>
 *   epochs=<n>      → duration.unit=epochs, duration.value=<n>
 *   steps=<n>       → duration.unit=steps,  duration.value=<n>   (epochs wins when both are given)
 *   frozen=<k>      → method.frozenBlocks=<k>
 * every other key (lr, seed, shifts, …) already had its current name.
 *
 * v1 → v2: a link leaves out settings at their default, and DAFT's default head learning-rate
 * multiplier changed from 100 to 1000 (chosen on ID validation within the official range, issue 13);
 * a v1 DAFT link without `method.daft.headLrScale` meant 100, so it is written out.
 *
 * v2 → v3: the DomainBed benchmark targets and `testDomain` (their held-out domain) arrived. A v2
 * link names neither; its dataset is a shipped image set, for which testDomain means nothing, so
 * nothing is converted.
 */
import type { UrlMessage } from './urlMessage';

type Params = Map<string, string>;
type Step = (params: Params) => { params: Params; converted: string[]; messages: UrlMessage[] };

const fromV0: Step = (input) => {
  const params = new Map(input);
  const converted: string[] = [];
  const messages: UrlMessage[] = [];
  const rename = (from: string, to: string) => {
    if (!params.has(from)) return;
    const value = params.get(from)!;
    params.delete(from);
    if (!params.has(to)) params.set(to, value);
    converted.push(`${from} → ${to}`);
  };
  rename('method', 'method.kind');
  rename('frozen', 'method.frozenBlocks');
  const epochs = params.get('epochs');
  const steps = params.get('steps');
  if (epochs !== undefined || steps !== undefined) {
    params.delete('epochs');
    params.delete('steps');
    if (epochs !== undefined && steps !== undefined) {
      messages.push({ level: 'error', text: 'This older link gives both epochs and steps; the epochs were used.' });
    }
    const [unit, value] = epochs !== undefined ? ['epochs', epochs] : ['steps', steps!];
    if (!params.has('duration.value')) {
      params.set('duration.unit', unit);
      params.set('duration.value', value);
    }
    converted.push(`${unit} → duration`);
  }
  return { params, converted, messages };
};

const fromV1: Step = (input) => {
  const params = new Map(input);
  const converted: string[] = [];
  if (params.get('method.kind') === 'daft' && !params.has('method.daft.headLrScale')) {
    params.set('method.daft.headLrScale', '100');
    converted.push('DAFT head lr ×100, the default then');
  }
  return { params, converted, messages: [] };
};

const fromV2: Step = (input) => ({ params: new Map(input), converted: [], messages: [] });

/** MIGRATIONS[n] turns a version-n link into a version-(n+1) link. */
export const MIGRATIONS: readonly Step[] = [fromV0, fromV1, fromV2];

export function migrateParams(params: Params, version: number): { params: Params; messages: UrlMessage[] } {
  let current = params;
  const messages: UrlMessage[] = [];
  const converted: string[] = [];
  for (let v = version; v < MIGRATIONS.length; v++) {
    const out = MIGRATIONS[v](current);
    current = out.params;
    converted.push(...out.converted);
    messages.push(...out.messages);
  }
  if (converted.length) {
    messages.unshift({
      level: 'info',
      text: `This link was made by an older version of the playground (v${version}); its settings were converted (${converted.join(', ')}).`,
    });
  }
  return { params: current, messages };
}
