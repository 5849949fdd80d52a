/** The chosen model's card: size, what it was pretrained on and how well, as the card records it. */
import type { ZooEntry } from '../../engine/models/zoo';
import { formatCount, formatPercent } from '../format/format';
import { useModelCard } from '../net/useModelCard';
import { sourceDatasetsText } from './modelCardText';

export function ModelCardSummary({ entry }: { entry: ZooEntry }) {
  const card = useModelCard(entry.id);
  return (
    <div className="model-card" data-testid="model-card" aria-live="polite">
      <p className="model-card__summary">{entry.summary}</p>
      {card.state === 'loading' && (
        <div className="model-card__loading">
          <span>Loading model card…</span>
          <progress max={1} value={card.progress || undefined} aria-label="Model card download" />
        </div>
      )}
      {card.state === 'error' && <p className="error-text">Could not load the model card: {card.message}</p>}
      {card.state === 'ready' && (
        <dl className="facts">
          <dt>Parameters</dt>
          <dd>{formatCount(card.value.parameters)}</dd>
          <dt>Pretrained on</dt>
          <dd title={card.value.source.augmentation}>
            {sourceDatasetsText(card.value)}, <span className="nowrap">{formatCount(card.value.source.images)} images</span>
          </dd>
          <dt>Source accuracy</dt>
          <dd title={`measured on ${card.value.sourceAccuracy.evaluatedOn}`}>
            <span className="nowrap">{formatPercent(card.value.sourceAccuracy.clean)} clean</span> ·{' '}
            <span className="nowrap">{formatPercent(card.value.sourceAccuracy.augmented)} shifted</span>
          </dd>
        </dl>
      )}
    </div>
  );
}
