/**
 * Compare mode's setup: pick methods (and, unfolded, method + modifier combinations: every
 * combination the compatibility rules allow for this model), a number of seeds, and how each method
 * gets its learning rate; "Compare" queues methods × seeds with everything else from the current
 * settings. Seed s is the same seed for every method.
 */
import { ParallelRuns } from './ParallelRuns';
import { useMemo, useState } from 'react';
import { METHOD_KINDS, type MethodConfig } from '../../engine/config/schema';
import { methodConflict } from '../../engine/methods/compatibility';
import { modifierSpecs } from '../../engine/methods/specs';
import { formatLearningRate } from '../format/format';
import { methodInfo } from '../methods/methodInfo';
import { runMethodName } from '../methods/runMethodName';
import { usePlayground } from '../store/StoreContext';
import { lookupModel } from '../store/userModels';
import { compareChoices, compareConfigs, MAX_SEEDS, withCombination, type CompareLr } from './queue';
import { useQueueEstimate } from './useEstimate';

/** The LP-FT paper's three: what a first comparison shows. */
const DEFAULT_PICK = ['ft', 'lp', 'lp-ft'];

function Choice({ keyName, label, checked, onToggle, strong }: { keyName: string; label: string; checked: boolean; onToggle(k: string): void; strong?: boolean }) {
  return (
    <label className={`chip${checked ? ' chip--on' : ''}${strong ? ' chip--strong' : ''}`}>
      <input type="checkbox" checked={checked} onChange={() => onToggle(keyName)} data-testid={`compare-method-${keyName}`} />
      <span>{label}</span>
    </label>
  );
}

export function CompareSetup() {
  const config = usePlayground((s) => s.config);
  const valid = usePlayground((s) => s.validation.ok);
  const hasBackend = usePlayground((s) => s.backend !== null);
  const busy = usePlayground((s) => s.activeIds.length > 0 || s.queue.length > 0);
  const compare = usePlayground((s) => s.compare);
  const blockCount = usePlayground((s) => lookupModel(s.userModels, s.config.model)?.blockCount);
  const hasBatchNorm = usePlayground((s) => lookupModel(s.userModels, s.config.model)?.hasBatchNorm ?? false);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(DEFAULT_PICK));
  const [seeds, setSeeds] = useState(2);
  const [lr, setLr] = useState<CompareLr>('suggested');

  const choices = useMemo(() => {
    if (blockCount === undefined) return [];
    return compareChoices({ blockCount, hasBatchNorm }, config.method.frozenBlocks).map((c) => ({
      ...c, label: runMethodName(withCombination(config.method, c.method)), alone: !c.key.includes('+'),
    }));
  }, [blockCount, hasBatchNorm, config.method]);
  const unavailable = blockCount === undefined ? [] : METHOD_KINDS
    .map((kind) => ({ kind, why: methodConflict(kind, { blockCount, hasBatchNorm }, config.model) }))
    .filter((u) => u.why);

  const toggle = (k: string) => setPicked((p) => { const n = new Set(p); if (n.has(k)) n.delete(k); else n.add(k); return n; });
  const chosen: { key: string; label: string; method: MethodConfig }[] = choices.filter((c) => picked.has(c.key));
  const combos = choices.filter((c) => !c.alone);
  const pickedCombos = combos.filter((c) => picked.has(c.key)).length;
  const runs = chosen.length * seeds;
  const validated = usePlayground((s) => (s.validation.ok ? s.validation.config : null));
  const parallel = usePlayground((s) => s.parallel.runs);
  const planned = useMemo(() => (validated ? compareConfigs(validated, chosen.map((c) => c.method), seeds, lr) : []),
    [validated, chosen.map((c) => c.key).join(), seeds, lr]); // eslint-disable-line react-hooks/exhaustive-deps
  const estimate = useQueueEstimate(planned, parallel);
  const seedList = Array.from({ length: seeds }, (_, i) => config.seed + i).join(', ');
  const blocked = !valid ? 'fix the settings first (see “Cannot train yet”)' : !hasBackend ? 'waiting for the training worker' : chosen.length === 0 ? 'pick at least one method' : null;

  return (
    <section className="card compare-setup" aria-labelledby="compare-setup-heading" data-testid="compare-setup">
      <div className="compare-setup__head">
        <h2 id="compare-setup-heading" className="card__title">Compare methods</h2>
        <p className="card__subtitle">
          Each method trains once per seed, one run after another, on the same data, splits, batch order and shifted test images.
          Everything else comes from the settings on the left.
        </p>
      </div>

      <fieldset className="compare-setup__group">
        <legend className="compare-setup__legend">Methods</legend>
        <div className="chips">
          {choices.filter((c) => c.alone).map((c) => (
            <Choice key={c.key} keyName={c.key} label={c.label} checked={picked.has(c.key)} onToggle={toggle} strong />
          ))}
          <button type="button" className="link-button" onClick={() => setPicked(new Set())} disabled={picked.size === 0}>clear</button>
        </div>
        {unavailable.length > 0 && (
          <p className="compare-setup__note">
            {unavailable.map((u) => <span key={u.kind}><strong>{methodInfo(u.kind).short} not available:</strong> {u.why}. </span>)}
          </p>
        )}
        {combos.length > 0 && (
          <details className="compare-setup__combos">
            <summary>With modifiers ({modifierSpecs().map((m) => m.short).join(', ')}): {combos.length} combinations{pickedCombos ? ` · ${pickedCombos} picked` : ''}</summary>
            <div className="chips chips--small">
              {combos.map((c) => <Choice key={c.key} keyName={c.key} label={c.label} checked={picked.has(c.key)} onToggle={toggle} />)}
            </div>
          </details>
        )}
      </fieldset>

      <div className="compare-setup__row">
        <div className="compare-setup__group">
          <span className="compare-setup__legend" id="compare-seeds-label">Seeds</span>
          <div className="segmented" role="group" aria-labelledby="compare-seeds-label">
            {Array.from({ length: MAX_SEEDS }, (_, i) => i + 1).map((n) => (
              <button key={n} type="button" className="segmented__item segmented__item--wide" aria-pressed={seeds === n}
                data-testid={`compare-seeds-${n}`} onClick={() => setSeeds(n)}>{n}</button>
            ))}
          </div>
          <span className="compare-setup__hint">seed {seedList}</span>
        </div>
        <fieldset className="compare-setup__group compare-setup__lr">
          <legend className="compare-setup__legend">Learning rate</legend>
          <label className="check"><input type="radio" name="compare-lr" checked={lr === 'suggested'} onChange={() => setLr('suggested')} />
            each method’s suggested rate (yours, {formatLearningRate(config.lr)}, for {methodInfo(config.method.kind).short})</label>
          <label className="check"><input type="radio" name="compare-lr" checked={lr === 'same'} onChange={() => setLr('same')} />
            {formatLearningRate(config.lr)} for every method</label>
        </fieldset>
        <ParallelRuns id="compare-parallel-runs" />
      </div>

      <div className="compare-setup__go">
        <button type="button" className="btn btn--primary btn--large" disabled={!!blocked} data-testid="compare-button"
          title={blocked ?? undefined} onClick={() => compare(chosen.map((c) => c.method), seeds, lr)}>
          Compare
        </button>
        <p className="compare-setup__summary" aria-live="polite">
          {blocked ? <span className="muted">To compare, {blocked}.</span> : (
            <>
              <strong>{runs} run{runs === 1 ? '' : 's'}</strong>: {chosen.map((c) => c.label).join(', ')} × {seeds} seed{seeds === 1 ? '' : 's'}
              {' · '}<strong data-testid="compare-estimate" title={`time: ${estimate.basisText}`}>{estimate.text} here</strong>
              {parallel > 1 ? `, ${parallel} at once` : ''}
              {busy && <span className="muted"> · they start after the runs already queued</span>}
            </>
          )}
        </p>
      </div>
    </section>
  );
}
