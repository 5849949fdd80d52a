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
 * v1 → v2: a link leaves out settings at their default, and a method's default changed (a head
 * learning-rate multiplier, 100 → 1000, issue 13). A parameter whose default changed says so in
 * its spec (`oldDefault`); a link of that version or older, of that method, without the parameter
 * meant the old value, so it is written out.
 *
 * v2 → v3: the DomainBed benchmark targets and `testDomain` (their held-out domain) arrived. A v2
 * link names neither; its dataset is a shipped image set, for which testDomain means nothing, so
 * nothing is converted.
 */
import { baseSpecs, modifierSpecs } from '../../engine/methods/specs';
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

/** The values a link of `version` meant for the parameters it left out whose default has changed since. */
const oldDefaults = (version: number): Step => (input) => {
  const params = new Map(input);
  const converted: string[] = [];
  const kind = params.get('method.kind');
  const on = (id: string) => ['1', 'true', 'on', 'yes'].includes((params.get(`method.${id}.enabled`) ?? '').toLowerCase());
  const specs = [...baseSpecs().filter((s) => s.id === kind), ...modifierSpecs().filter((s) => on(s.id))];
  for (const spec of specs) {
    for (const p of spec.params) {
      const key = `method.${p.path}`;
      if (p.oldDefault?.linkVersion !== version || params.has(key)) continue;
      params.set(key, String(p.oldDefault.value));
      converted.push(`${spec.short} ${p.label} ${p.format === 'times' ? '×' : ''}${p.oldDefault.value}, the default then`);
    }
  }
  return { params, converted, messages: [] };
};

const fromV1: Step = (input) => ({ params: new Map(input), converted: [], messages: [] });

const fromV2: Step = (input) => ({ params: new Map(input), converted: [], messages: [] });

/** MIGRATIONS[n] turns a version-n link into a version-(n+1) link. */
export const MIGRATIONS: readonly Step[] = [fromV0, fromV1, fromV2];

export function migrateParams(params: Params, version: number): { params: Params; messages: UrlMessage[] } {
  let current = params;
  const messages: UrlMessage[] = [];
  const converted: string[] = [];
  for (let v = version; v < MIGRATIONS.length; v++) {
    for (const step of [MIGRATIONS[v], oldDefaults(v)]) {
      const out = step(current);
      current = out.params;
      converted.push(...out.converted);
      messages.push(...out.messages);
    }
  }
  if (converted.length) {
    messages.unshift({
      level: 'info',
      text: `This link was made by an older version of the playground (v${version}); its settings were converted (${converted.join(', ')}).`,
    });
  }
  return { params: current, messages };
}
