/**
 * The method picker, its explanation and its parameters, then the optional modifiers, all drawn
 * from the registry (methods/methodInfo.ts): a new method needs an entry there, not new layout here.
 */
import { METHOD_LR } from '../../engine/config/defaults';
import type { MethodKind } from '../../engine/config/schema';
import { methodConflict } from '../../engine/methods/compatibility';
import { lookupModel } from '../store/userModels';
import { SelectField } from '../controls/SelectField';
import { useFieldError } from '../controls/useFieldError';
import { formatLearningRate } from '../format/format';
import { METHOD_LIST, methodInfo } from '../methods/methodInfo';
import { MethodDiagram } from '../methods/MethodDiagram';
import { MethodParamField } from '../methods/MethodParamField';
import { ModifierList } from '../methods/ModifierList';
import { TechniqueDetails } from '../methods/TechniqueDetails';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { SettingsGroup } from '../controls/SettingsGroup';

export function MethodPanel() {
  const kind = usePlayground((s) => s.config.method.kind);
  const modelId = usePlayground((s) => s.config.model);
  const setConfig = usePlayground(selectSetConfig);
  const error = useFieldError('method.kind');
  // primitives from the store (a fresh object per call would re-render forever)
  const blockCount = usePlayground((s) => lookupModel(s.userModels, s.config.model)?.blockCount);
  const hasBatchNorm = usePlayground((s) => lookupModel(s.userModels, s.config.model)?.hasBatchNorm ?? false);
  const model = blockCount === undefined ? undefined : { blockCount, hasBatchNorm };
  // a method that cannot run on this model stays listed (so people learn it exists), disabled, and says why
  const conflicts = METHOD_LIST.map((m) => ({ info: m, conflict: model ? methodConflict(m.kind, model, modelId) : null }));
  const options = conflicts.map(({ info: m, conflict }) => ({
    value: m.kind,
    label: conflict ? `${m.label} (not for this model)` : m.label,
    // the chosen one stays selectable so the select can still show it (its error says why it cannot run)
    disabled: !!conflict && m.kind !== kind,
  }));
  const unavailable = conflicts.filter((c) => c.conflict && c.info.kind !== kind);
  const info = methodInfo(kind);
  return (
    <SettingsGroup id="method" title="Fine-tuning method" fields={['method']}>
      <SelectField<MethodKind> id="cfg-method" label="Method" value={kind} options={options} error={error}
        hint={`picking a method sets its suggested learning rate (${formatLearningRate(METHOD_LR[kind])})`}
        // each method has its own sensible learning rate; the user may still change it afterwards
        onChange={(v) => setConfig({ method: { kind: v }, lr: METHOD_LR[v] })} />
      {unavailable.length > 0 && (
        <ul className="unavailable" data-testid="methods-unavailable" aria-label="Methods not available for this model">
          {unavailable.map(({ info: m, conflict }) => (
            <li key={m.kind}><strong>{m.short} not available:</strong> {conflict}</li>
          ))}
        </ul>
      )}
      <TechniqueDetails info={info} testId="method-info" picture={<MethodDiagram />} />
      {info.params.map((p) => <MethodParamField key={p.path} param={p} />)}
      <ModifierList />
    </SettingsGroup>
  );
}
