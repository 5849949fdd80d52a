/**
 * Optional modifiers on top of the chosen method, drawn from the registry.
 * A checkbox that cannot apply is disabled with the same reason config validation would give.
 */
import { MODIFIER_IDS, type ModifierId } from '../../engine/config/schema';
import { modifierConflict } from '../../engine/methods/compatibility';
import { lookupModel } from '../store/userModels';
import { useFieldError } from '../controls/useFieldError';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import { modifierInfo } from './methodInfo';
import { MethodParamField } from './MethodParamField';
import { withMethodValue } from './methodPaths';
import { ReconstructionBadge } from './ReconstructionBadge';
import { TechniqueDetails } from './TechniqueDetails';

function ModifierItem({ id }: { id: ModifierId }) {
  const info = modifierInfo(id);
  const enabled = usePlayground((s) => s.config.method[id].enabled);
  const conflict = usePlayground((s) => {
    const model = lookupModel(s.userModels, s.config.model);
    return model ? modifierConflict(id, s.config.method.kind, model, s.config.method.frozenBlocks) : null;
  });
  const error = useFieldError(`method.${id}.enabled`);
  const store = usePlaygroundStore();
  const toggle = (on: boolean) => {
    const { config, setConfig } = store.getState();
    setConfig({ method: withMethodValue(config.method, `${id}.enabled`, on) });
  };
  const inputId = `cfg-modifier-${id}`;
  const describedBy = error ? `${inputId}-error` : conflict ? `${inputId}-why` : undefined;
  return (
    <div className={`modifier${enabled ? ' modifier--on' : ''}`} data-testid={`modifier-${id}`}>
      <div className="modifier__head">
        <label className="check" htmlFor={inputId}>
          {/* an enabled-but-conflicting toggle stays clickable so it can be switched off */}
          <input id={inputId} type="checkbox" checked={enabled} disabled={!!conflict && !enabled}
            aria-describedby={describedBy} aria-invalid={error ? true : undefined} onChange={(e) => toggle(e.target.checked)} />
          <span>{info.label}</span>
        </label>
        {info.reconstruction && <ReconstructionBadge />}
      </div>
      {conflict && !error && <p id={`${inputId}-why`} className="field__hint modifier__why">Not available: {conflict}</p>}
      {error && <p id={`${inputId}-error`} className="field__error" role="alert">{error}</p>}
      <div className="modifier__body">
        {enabled && info.params.map((p) => <MethodParamField key={p.path} param={p} />)}
        {/* the explanation is there whether or not the toggle is on: people decide by reading it */}
        <details className="modifier__how" data-testid={`modifier-${id}-how`}>
          <summary>How {info.short} works</summary>
          <TechniqueDetails info={info} testId={`modifier-${id}-info`} />
        </details>
      </div>
    </div>
  );
}

export function ModifierList() {
  return (
    <fieldset className="modifiers">
      <legend className="field__label">Modifiers (optional: each changes how the pretrained weights train, on top of the method)</legend>
      {MODIFIER_IDS.map((id) => <ModifierItem key={id} id={id} />)}
    </fieldset>
  );
}
