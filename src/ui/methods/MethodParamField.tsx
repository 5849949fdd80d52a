/** One numeric method setting, bound to its path in the config's `method` object. */
import { zooEntry } from '../../engine/models/zoo';
import { NumberField } from '../controls/NumberField';
import { useFieldError } from '../controls/useFieldError';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import type { MethodParamField as Param } from './methodInfo';
import { methodNumber, withMethodValue } from './methodPaths';

export function MethodParamField({ param }: { param: Param }) {
  const value = usePlayground((s) => methodNumber(s.config.method, param.path));
  const blockCount = usePlayground((s) => zooEntry(s.config.model)?.blockCount);
  const store = usePlaygroundStore();
  // read the method at change time: a selector returning a new function would re-render forever
  const setMethod = (v: number) => {
    const { config, setConfig } = store.getState();
    setConfig({ method: withMethodValue(config.method, param.path, v) });
  };
  const error = useFieldError(`method.${param.path}`);
  const max = param.maxFromModel && blockCount !== undefined ? param.maxFromModel({ blockCount }) : undefined;
  const hint = max !== undefined ? `${param.help} (at most ${max})` : param.help;
  return (
    <NumberField id={`cfg-method-${param.path.replace('.', '-')}`} label={param.label} value={value} integer={param.integer}
      hint={hint} error={error} onChange={setMethod} />
  );
}
