/**
 * The pure half of backend selection (selectBackend.ts does the starting): which backends to try
 * in which order, from the user's choice, a remembered measurement and the WebGPU adapter; and the
 * sentence the badge shows for the one that started. Unit-tested without a browser.
 */
import { BACKEND_NAMES, NO_ADAPTER, type BackendAttempt, type BackendName, type BackendPlan, type BackendReport, type MeasuredWinner, type WasmFacts } from '../protocol/messages';

/** What the worker learnt about WebGPU: an adapter (and whether it renders in software), or why there is none. */
export type AdapterFacts = { ok: true; text: string; software: boolean } | { ok: false; why: string };

export interface Plan {
  order: BackendName[];
  chosenBy: BackendReport['chosenBy'];
  /** why backends before the order's first were passed by ("software WebGPU adapter (…)") */
  notes: string[];
  winner?: MeasuredWinner;
}

/** The order to try, from the user's choice, a remembered measurement and the adapter. */
export function planOrder(plan: BackendPlan, probe: AdapterFacts, strict: boolean): Plan {
  const hardware = probe.ok && !probe.software;
  const auto = BACKEND_NAMES.filter((b) => b !== 'webgpu' || hardware);
  const first = (name: BackendName) => [name, ...auto.filter((b) => b !== name)];
  if (plan.choice !== 'auto') return { order: strict ? [plan.choice] : first(plan.choice), chosenBy: 'pinned', notes: [] };
  const key = probe.ok ? probe.text : NO_ADAPTER;
  const winner = plan.measured?.find((m) => m.adapter === key);
  if (winner) return { order: first(winner.winner), chosenBy: 'measured', notes: [], winner };
  const notes = hardware ? [] : [probe.ok ? `software WebGPU adapter (${probe.text})` : `webgpu unavailable (${probe.why})`];
  return { order: auto, chosenBy: 'auto', notes };
}

function failureText(a: BackendAttempt, plan: Plan): string {
  if (plan.chosenBy === 'pinned' && a.backend === plan.order[0]) return `${a.backend} pinned but unavailable (${a.error})`;
  if (plan.chosenBy === 'measured' && a.backend === plan.order[0]) return `${a.backend}, measured fastest here, is unavailable (${a.error})`;
  return `${a.backend} unavailable (${a.error})`;
}

/** The badge's sentence for the backend that started. */
export function reasonFor(name: BackendName, plan: Plan, attempts: readonly BackendAttempt[], probe: AdapterFacts, wasm: WasmFacts | undefined): string {
  const failed = attempts.filter((a) => !a.ok).map((a) => failureText(a, plan));
  const adapterText = probe.ok ? `${probe.software ? 'software ' : ''}WebGPU adapter ${probe.text}` : '';
  const detail = name === 'wasm' && wasm ? describeWasm(wasm) : name === 'webgpu' ? adapterText : '';
  if (failed.length === 0) {
    if (plan.chosenBy === 'pinned') return `pinned to ${name} by you${detail ? `: ${detail}` : ''}`;
    if (plan.chosenBy === 'measured') return `${plan.winner!.summary}${name === 'wasm' && detail ? `; ${detail}` : ''}`;
    if (name === 'webgpu') return `WebGPU adapter: ${probe.ok ? probe.text : ''}`;
  }
  const before = [...plan.notes, ...failed];
  // "software WebGPU adapter (…): using wasm" reads as one statement; a list of failures ends in "; using …"
  const joiner = failed.length === 0 && plan.notes[0]?.startsWith('software') ? ':' : ';';
  const using = `using ${name}${name === 'wasm' && detail ? `, ${detail}` : ''}`;
  return before.length ? `${before.join('; ')}${joiner} ${using}` : using;
}

/** "2 threads, SIMD" / "1 thread (the page is not cross-origin isolated), SIMD" */
export function describeWasm(facts: WasmFacts): string {
  const threads = `${facts.threads} thread${facts.threads === 1 ? '' : 's'}`;
  const why = facts.threads > 1 ? ''
    : !facts.crossOriginIsolated ? ' (the page is not cross-origin isolated)'
      : !facts.threadsSupported ? ' (this browser has no wasm threads)'
        : facts.cores < 4 ? ` (TF.js uses half of the ${facts.cores} core${facts.cores === 1 ? '' : 's'})` : '';
  return `${threads}${why}, ${facts.simd ? 'SIMD' : 'no SIMD'}`;
}
