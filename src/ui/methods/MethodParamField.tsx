/** One numeric method setting, bound to its path in the config's `method` object, with its allowed range shown. */
import { lookupModel } from '../store/userModels';
import { NumberField } from '../controls/NumberField';
import { useFieldError } from '../controls/useFieldError';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import type { MethodParamField as Param } from './methodInfo';
import { methodNumber, withMethodValue } from './methodPaths';
import { describeBounds, paramBounds } from './paramBounds';

export function MethodParamField({ param }: { param: Param }) {
  const value = usePlayground((s) => methodNumber(s.config.method, param.path));
  const blockCount = usePlayground((s) => lookupModel(s.userModels, s.config.model)?.blockCount);
  const store = usePlaygroundStore();
  // read the method at change time: a selector returning a new function would re-render forever
  const setMethod = (v: number) => {
    const { config, setConfig } = store.getState();
    setConfig({ method: withMethodValue(config.method, param.path, v) });
  };
  const error = useFieldError(`method.${param.path}`);
  const modelMax = param.maxFromModel && blockCount !== undefined ? param.maxFromModel({ blockCount }) : undefined;
  const bounds = describeBounds(paramBounds(param.path), modelMax);
  const hint = (
    <>
      {param.help}
      <span className="field__bounds">{bounds}{modelMax !== undefined ? ` (this model has ${modelMax} blocks)` : ''}</span>
    </>
  );
  return (
    <NumberField id={`cfg-method-${param.path.replace('.', '-')}`} label={param.label} value={value} integer={param.integer}
      hint={hint} error={error} onChange={setMethod} />
  );
}
