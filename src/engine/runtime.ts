/**
 * Once per process (worker or Node), before any model is built or loaded: registers the project's
 * custom layers for (de)serialisation, the fused training kernels on every backend, and replaces
 * TF.js's slow Tile gradient.
 */
import { installTileGradient } from './backend/tileGradient';
import { installFusedKernels } from './kernels/install';
import './models/customLayers';

export function initEngineRuntime(): void {
  installTileGradient();
  installFusedKernels();
}
