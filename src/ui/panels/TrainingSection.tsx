/** Optimisation settings: optimizer, learning rate, schedule, how long, batch and training-set size, seed. */
import { readPath } from '../../engine/config/paths';
import { baseSpec } from '../../engine/methods/specs';
import type { RunConfig } from '../../engine/config/schema';
import { stepsOf } from '../../engine/config/validate';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { useFieldError } from '../controls/useFieldError';
import { formatCount, formatLearningRate } from '../format/format';
import { methodOverrides } from '../methods/methodOverrides';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { SettingsGroup } from '../controls/SettingsGroup';

type Unit = RunConfig['duration']['unit'];

const OPTIMIZERS = [{ value: 'adam', label: 'Adam' }, { value: 'sgd', label: 'SGD (momentum 0.9)' }] as const;
const SCHEDULES = [{ value: 'cosine', label: 'Cosine decay to 0' }, { value: 'constant', label: 'Constant' }] as const;

/** Number and unit in one row: one label, one error line. */
function DurationField() {
  const duration = usePlayground((s) => s.config.duration);
  const setConfig = usePlayground(selectSetConfig);
  const error = useFieldError('duration.value');
  const totalSteps = usePlayground((s) => (s.validation.ok ? stepsOf(s.validation.config) : undefined));
  const hint = totalSteps !== undefined && duration.unit === 'epochs' ? `= ${formatCount(totalSteps)} steps` : undefined;
  return (
    <NumberField id="cfg-duration" label="Duration" value={duration.value} error={error} hint={hint}
      onChange={(value) => setConfig({ duration: { value } })}
      after={
        <select className="input" aria-label="Duration unit" value={duration.unit}
          onChange={(e) => setConfig({ duration: { unit: e.target.value as Unit } })}>
          <option value="epochs">epochs</option>
          <option value="steps">steps</option>
        </select>
      } />
  );
}

export function TrainingSection() {
  const config = usePlayground((s) => s.config);
  const setConfig = usePlayground(selectSetConfig);
  const errors = {
    lr: useFieldError('lr'),
    batchSize: useFieldError('batchSize'),
    trainSize: useFieldError('trainSize'),
    seed: useFieldError('seed'),
    optimizer: useFieldError('optimizer'),
    schedule: useFieldError('schedule'),
  };
  const fixed = methodOverrides(config.method.kind);
  const scalePath = baseSpec(config.method.kind)?.headLrScale;
  const scale = scalePath ? readPath(config.method, scalePath) : undefined;
  const lrHint = typeof scale === 'number' && Number.isFinite(config.lr) && Number.isFinite(scale)
    ? `backbone; the head's is ×${formatCount(scale)} = ${formatLearningRate(config.lr * scale)}`
    : undefined;
  return (
    <SettingsGroup id="training" title="Training" fields={['optimizer', 'lr', 'schedule', 'duration', 'batchSize', 'trainSize', 'seed']}>
      <div className="grid-2">
        <SelectField id="cfg-optimizer" label="Optimizer" value={fixed.optimizer?.value ?? config.optimizer} options={OPTIMIZERS}
          error={errors.optimizer} disabled={!!fixed.optimizer} note={fixed.optimizer ? 'cfg-optimizer-why' : undefined} onChange={(v) => setConfig({ optimizer: v })} />
        <NumberField id="cfg-lr" label="Learning rate" value={config.lr} error={errors.lr} hint={lrHint} onChange={(v) => setConfig({ lr: v })} />
      </div>
      {/* the reason spans both columns: a fixed optimizer is the first thing the method's users should notice */}
      {fixed.optimizer && <p className="fixed-setting" data-testid="optimizer-fixed" id="cfg-optimizer-why">{fixed.optimizer.reason}</p>}
      <SelectField id="cfg-schedule" label="Schedule" value={fixed.schedule?.value ?? config.schedule} options={SCHEDULES}
        error={errors.schedule} disabled={!!fixed.schedule} hint={fixed.schedule?.reason} onChange={(v) => setConfig({ schedule: v })} />
      <DurationField />
      <div className="grid-2">
        <NumberField id="cfg-batch" label="Batch size" value={config.batchSize} integer error={errors.batchSize}
          onChange={(v) => setConfig({ batchSize: v })} />
        <NumberField id="cfg-train-size" label="Training images" value={config.trainSize} integer error={errors.trainSize}
          onChange={(v) => setConfig({ trainSize: v })} />
      </div>
      <NumberField id="cfg-seed" label="Seed" value={config.seed} integer error={errors.seed}
        hint="same seed, same batches and same shifted images" onChange={(v) => setConfig({ seed: v })} />
    </SettingsGroup>
  );
}
