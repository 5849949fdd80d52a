import { DATASET_IDS, DATASETS, type DatasetId } from '../../engine/data/catalog';
import { ZOO, zooEntry } from '../../engine/models/zoo';
import { SelectField } from '../controls/SelectField';
import { useFieldError } from '../controls/useFieldError';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { ByoFindings } from './byo/ByoFindings';
import { ByoLoader } from './byo/ByoLoader';
import { ModelCardSummary } from './ModelCardSummary';

const MODEL_OPTIONS = ZOO.map((m) => ({ value: m.id, label: m.label }));
const DATASET_OPTIONS = DATASET_IDS.map((id) => ({ value: id, label: DATASETS[id].label }));

/** Which pretrained network, and which target dataset it is fine-tuned on. */
export function ModelSection() {
  const model = usePlayground((s) => s.config.model);
  const dataset = usePlayground((s) => s.config.dataset);
  const setConfig = usePlayground(selectSetConfig);
  const userModels = usePlayground((s) => s.userModels);
  const userModel = userModels.find((m) => m.id === model);
  const modelOptions = userModels.length
    ? [...MODEL_OPTIONS, ...userModels.map((m) => ({ value: m.id, label: `${m.name} (your model)` }))]
    : MODEL_OPTIONS;
  const modelError = useFieldError('model');
  const datasetError = useFieldError('dataset');
  const entry = zooEntry(model);
  const meantFor = entry && !entry.targets.includes(dataset)
    ? `this model is meant for ${entry.targets.map((t) => DATASETS[t].label).join(', ')}`
    : undefined;
  return (
    <section className="panel-section" aria-labelledby="model-heading">
      <h2 id="model-heading" className="section-title">Model and data</h2>
      <SelectField id="cfg-model" label="Pretrained model" value={model} options={modelOptions} error={modelError}
        onChange={(v) => setConfig({ model: v })} />
      {entry && <ModelCardSummary entry={entry} />}
      {userModel && <ByoFindings model={userModel} />}
      <SelectField<DatasetId> id="cfg-dataset" label="Target dataset" value={dataset} options={DATASET_OPTIONS}
        error={datasetError} hint={meantFor} onChange={(v) => setConfig({ dataset: v })} />
      <ByoLoader />
    </section>
  );
}
