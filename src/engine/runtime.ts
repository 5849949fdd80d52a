/**
 * Once per process (worker or Node), before any model is built or loaded: registers the project's
 * custom layers for (de)serialisation and replaces TF.js's slow Tile gradient.
 */
import { installTileGradient } from './backend/tileGradient';
import './models/customLayers';

export function initEngineRuntime(): void {
  installTileGradient();
}
