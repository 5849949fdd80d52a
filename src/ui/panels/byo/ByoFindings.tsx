/**
 * What the page found in a user's model, and the one thing the user may correct: the split point
 * (the layer whose output the new head reads). The blocks shown are those of that split.
 */
import { targetClassNames } from '../../../engine/data/targets';
import { baseSpecs } from '../../../engine/methods/specs';
import { formatBytes } from '../../../engine/models/byo/limits';
import { candidateFor, type FeatureCandidate, type InputAdaptation } from '../../../engine/models/byo/types';
import { SelectField } from '../../controls/SelectField';
import { formatCount } from '../../format/format';
import { usePlayground, usePlaygroundStore } from '../../store/StoreContext';
import type { UserModel } from '../../store/userModels';
import './byo.css';

/** The methods that need BatchNorm layers (their specs refuse a model without any). */
const NEED_BATCHNORM = baseSpecs()
  .filter((s) => s.modelConflict?.({ blockCount: 1, hasBatchNorm: false }, 'this model') && !s.modelConflict({ blockCount: 1, hasBatchNorm: true }, 'this model'))
  .map((s) => s.short).join(', ');

function inputKind(a: InputAdaptation): string {
  const colour = a.channels === 1 ? 'grey' : 'RGB';
  return a.layout === 'flat' ? `${a.height}×${a.width} ${colour}, flattened` : `${a.height}×${a.width} ${colour} image`;
}

function candidateLabel(c: FeatureCandidate): string {
  return `${c.layer} · ${c.units} features · ${c.className}`;
}

function Blocks({ candidate }: { candidate: FeatureCandidate }) {
  return (
    <ol className="byo-blocks" data-testid="byo-blocks" aria-label="Freezable blocks">
      {candidate.anatomy.blocks.map((b, i) => (
        <li key={b.name} className="byo-blocks__item" title={b.layers.join(' → ')}>
          <span className="byo-blocks__index">{i + 1}</span>
          <span className="byo-blocks__layers">
            {b.layers[0]}{b.layers.length > 1 && <> … {b.layers[b.layers.length - 1]}</>}
          </span>
          <span className="byo-blocks__count">{b.layers.length} layer{b.layers.length === 1 ? '' : 's'}</span>
        </li>
      ))}
    </ol>
  );
}

export function ByoFindings({ model }: { model: UserModel }) {
  const store = usePlaygroundStore();
  const targetClasses = usePlayground((s) => targetClassNames(s.config.dataset)?.length ?? s.userDatasets.find((d) => d.id === s.config.dataset)?.classNames.length ?? 0);
  const { inspection } = model;
  const candidate = candidateFor(inspection, model.featureLayer) ?? inspection.candidates[inspection.candidates.length - 1];
  const bn = candidate.batchNormLayers.length;
  const input = inspection.input;
  const options = inspection.candidates.map((c) => ({ value: c.layer, label: candidateLabel(c) }));
  const isDefault = candidate.layer === inspection.defaultFeatureLayer;
  const splitHint = isDefault
    ? `The new head reads these ${candidate.units} features, as the model's own head did.`
    : `The new head reads these ${candidate.units} features; the run drops ${candidate.dropped.join(', ') || 'nothing'} after them.`;
  const after = inspection.head.after;
  return (
    <section className="byo-card" data-testid="byo-findings" aria-label={`What the page found in ${model.name}`}>
      <header className="byo-card__head">
        <div className="byo-card__titles">
          <span className="byo-card__tag">Your model</span>
          <h3 className="byo-card__title" title={model.origin}>{model.name}</h3>
        </div>
        <button type="button" className="btn btn--small" aria-label={`Remove ${model.name}`}
          onClick={() => store.getState().removeUserModel(model.id)}>Remove</button>
      </header>
      <p className="byo-card__meta">
        {inspection.format === 'sequential' ? 'Sequential' : 'Functional'} · {inspection.layerCount} layers ·{' '}
        {formatBytes(inspection.weightBytes)} of weights
      </p>

      <dl className="byo-facts">
        <dt>Input</dt>
        <dd data-testid="byo-input">
          {inputKind(input)}
          <span className="byo-facts__note">
            <span className="mono">[{input.modelShape.join(', ')}]</span> ·{' '}
            {input.steps.length ? <>adapter: {input.steps.join(' → ')}</> : 'takes the 28×28 RGB images as they are'}
          </span>
        </dd>

        <dt>Head</dt>
        <dd data-testid="byo-head">
          {inspection.head.units} source classes
          <span className="byo-facts__note">
            Dense <span className="mono">{inspection.head.layer}</span>, replaced by a new {targetClasses}-class head
            {after.length ? `; ${after.join(', ')} after it ${after.length > 1 ? 'are' : 'is'} dropped` : ''}
          </span>
        </dd>

        <dt>BatchNorm</dt>
        <dd data-testid="byo-batchnorm">
          {bn ? `${bn} layer${bn === 1 ? '' : 's'}` : 'none'}
          <span className={`byo-facts__note${bn ? '' : ' byo-facts__note--warn'}`}>
            {bn ? `what ${NEED_BATCHNORM} works on` : `${NEED_BATCHNORM} needs BatchNorm layers, so it is not available`}
          </span>
        </dd>

        <dt>Params</dt>
        <dd>
          {formatCount(inspection.params.total)}
          <span className="byo-facts__note">{formatCount(candidate.backboneParams)} up to {candidate.layer} · {formatCount(inspection.head.params)} in the old head</span>
        </dd>
      </dl>

      <SelectField id="byo-feature-layer" label="Feature layer (split point)" value={candidate.layer} options={options}
        className="byo-card__split"
        hint={options.length > 1 ? splitHint : `${splitHint} No other layer before the head gives a feature vector.`}
        onChange={(layer) => store.getState().setUserFeatureLayer(model.id, layer)} />

      <div className="byo-card__blocks">
        <p className="byo-card__subhead">
          {candidate.anatomy.blocks.length} blocks for Frozen-k
          <span className="byo-facts__note">Cut where every path meets, so residual blocks stay whole</span>
        </p>
        <Blocks candidate={candidate} />
      </div>
    </section>
  );
}
