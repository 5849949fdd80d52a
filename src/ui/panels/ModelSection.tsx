import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { MAX_LABEL_NOISE, type TargetClassSet } from '../../engine/config/schema';
import { DATASETS } from '../../engine/data/catalog';
import { PROVENANCE } from '../../engine/data/provenance';
import { BENCHMARKS, imageSourceOf, isBenchmark, TARGET_IDS, targetLabel, type RunTargetId } from '../../engine/data/targets';
import { isUserTarget } from '../../engine/data/user/userDataset';
import { OwnDatasetNote, YourImagesButton } from '../yourImages/YourImagesButton';
import { ZOO, zooEntry } from '../../engine/models/zoo';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { useFieldError } from '../controls/useFieldError';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { ByoFindings } from './byo/ByoFindings';
import { ByoLoader } from './byo/ByoLoader';
import { ModelCardSummary } from './ModelCardSummary';
import { SettingsGroup } from '../controls/SettingsGroup';

const MODEL_OPTIONS = ZOO.map((m) => ({ value: m.id, label: m.label }));
const DATASET_OPTIONS = TARGET_IDS.map((id) => ({ value: id, label: targetLabel(id) }));
/** leaving your own images: back to the shipped sets' training size and shifts */
const FROM_OWN_IMAGES = { trainSize: DEFAULT_CONFIG.trainSize, batchSize: DEFAULT_CONFIG.batchSize, shifts: DEFAULT_CONFIG.shifts };
const CLASS_OPTIONS: { value: TargetClassSet; label: string }[] = [
  { value: 'all', label: 'All classes' }, { value: '0-4', label: 'Classes 0–4' }, { value: '5-9', label: 'Classes 5–9 (as 0–4)' },
];

/** Label noise is typed in percent here and in the lab; the config holds a fraction (rounded so 7 % shows as 7, not 7.000000000000001). */
const fractionToPercent = (f: number) => (Number.isFinite(f) ? Math.round(f * 100 * 1e6) / 1e6 : f);
const percentToFraction = (p: number) => (Number.isFinite(p) ? Math.round(p * 1e6) / 1e8 : p);

/** Which pretrained network, and which target dataset it is fine-tuned on. */
export function ModelSection() {
  const model = usePlayground((s) => s.config.model);
  const dataset = usePlayground((s) => s.config.dataset);
  const testDomain = usePlayground((s) => s.config.testDomain);
  const testDomainError = useFieldError('testDomain');
  const setConfig = usePlayground(selectSetConfig);
  const trainOn = usePlayground((s) => s.trainOnUserDataset);
  const userModels = usePlayground((s) => s.userModels);
  const userModel = userModels.find((m) => m.id === model);
  const modelOptions = userModels.length
    ? [...MODEL_OPTIONS, ...userModels.map((m) => ({ value: m.id, label: `${m.name} (your model)` }))]
    : MODEL_OPTIONS;
  const modelError = useFieldError('model');
  const datasetError = useFieldError('dataset');
  const targetClasses = usePlayground((s) => s.config.targetClasses);
  const labelNoise = usePlayground((s) => s.config.labelNoise);
  const classesError = useFieldError('targetClasses');
  const noiseError = useFieldError('labelNoise');
  const userDatasets = usePlayground((s) => s.userDatasets);
  const datasetOptions = [
    ...DATASET_OPTIONS,
    ...userDatasets.map((d) => ({ value: d.id, label: targetLabel(d.id, d.name) })),
    // a config that names a dataset this browser does not hold still shows what it names
    ...(isUserTarget(dataset) && !userDatasets.some((d) => d.id === dataset) ? [{ value: dataset, label: targetLabel(dataset) }] : []),
  ];
  const entry = zooEntry(model);
  const source = imageSourceOf(dataset);
  const meantFor = entry && source && !entry.targets.includes(source)
    ? `this model is meant for ${entry.targets.map((t) => DATASETS[t].label).join(', ')}`
    : undefined;
  return (
    <SettingsGroup id="model" title="Model and data" fields={['model', 'dataset', 'testDomain', 'targetClasses', 'labelNoise']}>
      <SelectField id="cfg-model" label="Pretrained model" value={model} options={modelOptions} error={modelError}
        onChange={(v) => setConfig({ model: v })} />
      {entry && <ModelCardSummary entry={entry} />}
      {userModel && <ByoFindings model={userModel} />}
      <SelectField<RunTargetId> id="cfg-dataset" label="Target dataset" value={dataset} options={datasetOptions}
        error={datasetError} hint={meantFor} onChange={(v) => (isUserTarget(v) ? trainOn(v) : setConfig({ dataset: v, testDomain: 0, ...(isUserTarget(dataset) ? FROM_OWN_IMAGES : {}) }))} />
      <YourImagesButton />
      {isUserTarget(dataset) ? <OwnDatasetNote id={dataset} /> : (
      <details className="data-provenance" data-testid="data-provenance">
        <summary>Where these images come from</summary>
        <dl>
          <dt>Images</dt><dd>{PROVENANCE[dataset].images}</dd>
          <dt>Splits</dt><dd>{PROVENANCE[dataset].derivation}</dd>
          <dt>Source</dt><dd>{PROVENANCE[dataset].origin}; licence {PROVENANCE[dataset].originLicence}</dd>
          <dt>Package</dt><dd>{PROVENANCE[dataset].npmPackage}, {PROVENANCE[dataset].packageLicence}</dd>
        </dl>
      </details>
      )}
      {isBenchmark(dataset) && (
        <SelectField<string> id="cfg-test-domain" label="Held-out test domain" value={String(testDomain)} error={testDomainError}
          options={BENCHMARKS[dataset].domains.map((name, i) => ({ value: String(i), label: name }))}
          hint="trained on the other domains; this one is the OOD set (leave-one-domain-out)"
          onChange={(v) => setConfig({ testDomain: Number(v) })} />
      )}
      <div className="grid-2">
        <SelectField<TargetClassSet> id="cfg-classes" label="Target classes" value={targetClasses} options={CLASS_OPTIONS}
          error={classesError} onChange={(v) => setConfig({ targetClasses: v })} />
        {/* percent, as in the double-descent lab; the config and the link keep the fraction */}
        <NumberField id="cfg-label-noise" label="Label noise" value={fractionToPercent(labelNoise)} error={noiseError}
          after={<span className="input-unit" aria-hidden="true" style={{ alignSelf: 'center' }}>%</span>}
          hint={`0–${MAX_LABEL_NOISE * 100} %: share of training labels flipped (test labels stay clean)`} onChange={(v) => setConfig({ labelNoise: percentToFraction(v) })} />
      </div>
      <ByoLoader />
    </SettingsGroup>
  );
}
