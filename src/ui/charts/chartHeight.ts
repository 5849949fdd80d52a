/**
 * How tall the run charts draw: the page's fixed height, or what a view that sizes its charts to
 * the screen (the presentation view) provides. Recharts needs a number, not CSS.
 */
import { createContext, useContext } from 'react';
import { CHART_HEIGHT } from './axes';

export const ChartHeightContext = createContext(CHART_HEIGHT);

export function useChartHeight(): number {
  return useContext(ChartHeightContext);
}
