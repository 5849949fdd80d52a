/** The scatter replay's data selection: which evaluation is shown, following the latest, playback. */
import { describe, expect, it } from 'vitest';
import type { InsightFrame, InsightRecord } from '../../engine/metrics/insightTypes';
import { withInsightFrame, withInsightRecord } from './insightData';
import { chooseIndex, frameMs, playNext, playStart, replayPick } from './replay';

const FRAME: InsightFrame = {
  domains: ['id'], probeCounts: [2], probeLabels: [0, 1], pretrained: [0, 0, 1, 1], explained: [0.6, 0.3], gridRows: [], gridLabels: [], numClasses: 2,
};
const rec = (step: number, x: number): InsightRecord => ({ step, points: [x, 0, x, 1], gridPredictions: [[]], confusion: [[1, 0, 0, 1]] });

describe('scatter replay', () => {
  it('keeps every evaluation\'s record in order as the run reports them', () => {
    let view = withInsightFrame(FRAME);
    expect(view.records).toEqual([]);
    for (const [step, x] of [[0, 0], [5, 1], [10, 2]]) view = withInsightRecord(view, rec(step, x))!;
    expect(view.records.map((r) => r.step)).toEqual([0, 5, 10]);
    expect(view.latest).toBe(view.records[2]);
    // another run's record (another shape) is not kept
    expect(withInsightRecord(view, { ...rec(15, 0), points: [1, 2] })!.records).toHaveLength(3);
  });

  it('follows the latest evaluation unless the user picked one', () => {
    const records = [rec(0, 0), rec(5, 1)];
    expect(replayPick([], null)).toEqual({ index: -1, record: null, following: true });
    expect(replayPick(records, null)).toMatchObject({ index: 1, following: true });
    expect(replayPick(records, null).record!.step).toBe(5);
    // a new evaluation arrives: following moves on, a pick stays where the user put it
    const more = [...records, rec(10, 2)];
    expect(replayPick(more, null).record!.step).toBe(10);
    expect(replayPick(more, 0)).toMatchObject({ index: 0, following: false });
    expect(replayPick(more, 0).record!.points).toEqual([0, 0, 0, 1]);
    // out of range (a shorter run) is clamped
    expect(replayPick(more, 9).index).toBe(2);
    expect(replayPick(more, -3).index).toBe(0);
  });

  it('treats the slider\'s right end as "follow the latest"', () => {
    expect(chooseIndex(0, 3)).toBe(0);
    expect(chooseIndex(1, 3)).toBe(1);
    expect(chooseIndex(2, 3)).toBeNull();
  });

  it('plays from the first evaluation to the last, then stops', () => {
    expect(playStart(2, 3)).toBe(0); // at the end: start over
    expect(playStart(1, 3)).toBe(1); // else from where it stands
    const frames: number[] = [];
    for (let i: number | null = playStart(2, 3); i !== null; i = playNext(i, 3)) frames.push(i);
    expect(frames).toEqual([0, 1, 2]);
    expect(frameMs(3)).toBe(800);
    expect(frameMs(100)).toBe(150);
    expect(frameMs(20)).toBe(300);
  });
});
