/** How often and on how many images the run is measured; folded away because the defaults rarely need changing. */
import { useEffect, useState } from 'react';
import { NumberField } from '../controls/NumberField';
import { useFieldError } from '../controls/useFieldError';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';

export function EvaluationSection() {
  const evalEvery = usePlayground((s) => s.config.evalEvery);
  const evalSize = usePlayground((s) => s.config.evalSize);
  const probeSize = usePlayground((s) => s.config.probeSize);
  const setConfig = usePlayground(selectSetConfig);
  const errors = { evalEvery: useFieldError('evalEvery'), evalSize: useFieldError('evalSize'), probeSize: useFieldError('probeSize') };
  const hasError = Boolean(errors.evalEvery || errors.evalSize || errors.probeSize);
  const [open, setOpen] = useState(false);
  // an error inside a closed section would be invisible: open it
  useEffect(() => { if (hasError) setOpen(true); }, [hasError]);
  return (
    <details className="panel-section collapsible" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="section-title">Evaluation{hasError && <span className="badge-dot" aria-label="has errors" />}</summary>
      <NumberField id="cfg-eval-every" label="Evaluate every (steps)" value={evalEvery} integer error={errors.evalEvery}
        onChange={(v) => setConfig({ evalEvery: v })} />
      <div className="grid-2">
        <NumberField id="cfg-eval-size" label="Eval images" value={evalSize} integer error={errors.evalSize}
          hint="test images per evaluation" onChange={(v) => setConfig({ evalSize: v })} />
        <NumberField id="cfg-probe-size" label="Probe images" value={probeSize} integer error={errors.probeSize}
          hint="for feature distortion" onChange={(v) => setConfig({ probeSize: v })} />
      </div>
    </details>
  );
}
