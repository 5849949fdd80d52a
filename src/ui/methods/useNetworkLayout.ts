/**
 * The chosen model's blocks for the method diagram: a shipped model's from its card, a user's
 * model's from its inspection (the anatomy cut at its split point), the block count alone while a
 * card is still loading.
 */
import { DEFAULT_MODEL_ID } from '../../engine/config/defaults';
import { candidateFor } from '../../engine/models/byo/types';
import { zooEntry } from '../../engine/models/zoo';
import { useModelCard } from '../net/useModelCard';
import { usePlayground } from '../store/StoreContext';
import { lookupModel } from '../store/userModels';
import { genericLayout, isZooBatchNormName, layoutFromAnatomy, type NetworkLayout } from './methodDiagram';

export function useNetworkLayout(modelId: string): NetworkLayout | null {
  const userModel = usePlayground((s) => s.userModels.find((m) => m.id === modelId));
  // primitives from the store (a fresh object per call would re-render forever)
  const blockCount = usePlayground((s) => lookupModel(s.userModels, modelId)?.blockCount);
  const hasBatchNorm = usePlayground((s) => lookupModel(s.userModels, modelId)?.hasBatchNorm ?? false);
  const zoo = zooEntry(modelId);
  // a user's model has no card: ask for the default model's (cached) so the hook order stays fixed
  const card = useModelCard(zoo ? modelId : DEFAULT_MODEL_ID);
  if (zoo) {
    return card.state === 'ready' ? layoutFromAnatomy(card.value.anatomy, isZooBatchNormName) : genericLayout(zoo.blockCount, zoo.hasBatchNorm);
  }
  const candidate = userModel && candidateFor(userModel.inspection, userModel.featureLayer);
  if (candidate) {
    const bn = new Set(candidate.batchNormLayers);
    return layoutFromAnatomy(candidate.anatomy, (l) => bn.has(l));
  }
  return blockCount === undefined ? null : genericLayout(blockCount, hasBatchNorm);
}
