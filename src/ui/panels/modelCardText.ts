/** Plain-text facts from a model card, tolerant of cards written by older versions of the pretraining script. */
import { DATASETS, type DatasetId } from '../../engine/data/catalog';
import type { ModelCard } from '../../engine/models/zoo';

/** "Fashion-MNIST clothing + MNIST digits": the datasets the model was pretrained on, each once. */
export function sourceDatasetsText(card: ModelCard): string {
  const source = card.source as Partial<ModelCard['source']> & { dataset?: DatasetId };
  const ids = source.parts?.map((p) => p.dataset) ?? (source.dataset ? [source.dataset] : []);
  const labels = [...new Set(ids)].map((id) => DATASETS[id]?.label ?? id);
  return labels.length ? labels.join(' + ') : 'unknown';
}
