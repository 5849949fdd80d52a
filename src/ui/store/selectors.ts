/** Selectors shared by several components. */
import type { PlaygroundState } from './playgroundStore';
import { isActive } from './runView';

export const selectRunActive = (s: PlaygroundState): boolean => isActive(s.run);
export const selectSetConfig = (s: PlaygroundState) => s.setConfig;
