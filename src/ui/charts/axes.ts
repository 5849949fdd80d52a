/** Shared axis settings so all step-based charts line up and read the same. */
import { COLORS } from './palette';

export const CHART_HEIGHT = 240;
export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
export const AXIS_TICK = { fontSize: 12, fill: COLORS.axis };

/** The x axis spans the whole run from the start, so the lines grow left to right as it trains. */
export function stepDomain(totalSteps: number): [number, number | 'dataMax'] {
  return [0, totalSteps > 0 ? totalSteps : 'dataMax'];
}

export const percentTick = (v: number) => `${Math.round(v * 100)}%`;
