/** How often and on how many images the run is measured; folded away because the defaults rarely need changing. */
import { NumberField } from '../controls/NumberField';
import { SettingsGroup } from '../controls/SettingsGroup';
import { useFieldError } from '../controls/useFieldError';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';

export function EvaluationSection() {
  const evalEvery = usePlayground((s) => s.config.evalEvery);
  const evalSize = usePlayground((s) => s.config.evalSize);
  const probeSize = usePlayground((s) => s.config.probeSize);
  const setConfig = usePlayground(selectSetConfig);
  const errors = { evalEvery: useFieldError('evalEvery'), evalSize: useFieldError('evalSize'), probeSize: useFieldError('probeSize') };
  return (
    <SettingsGroup id="evaluation" title="Evaluation" fields={['evalEvery', 'evalSize', 'probeSize']} defaultOpen={false}>
      <NumberField id="cfg-eval-every" label="Evaluate every (steps)" value={evalEvery} integer error={errors.evalEvery}
        onChange={(v) => setConfig({ evalEvery: v })} />
      <div className="grid-2">
        <NumberField id="cfg-eval-size" label="Eval images" value={evalSize} integer error={errors.evalSize}
          hint="test images per evaluation" onChange={(v) => setConfig({ evalSize: v })} />
        <NumberField id="cfg-probe-size" label="Probe images" value={probeSize} integer error={errors.probeSize}
          hint="for feature distortion" onChange={(v) => setConfig({ probeSize: v })} />
      </div>
    </SettingsGroup>
  );
}
