/**
 * The feature scatter with a replay of the run's evaluations: a slider ("evaluation at step N")
 * and play/pause, which animates from the first evaluation to the last. While the run trains the
 * scatter follows the latest evaluation unless the user moved the slider (dragging it to the right
 * end follows again).
 */
import { useEffect, useId, useState } from 'react';
import { FeatureScatter } from './FeatureScatter';
import type { InsightView } from './insightData';
import { chooseIndex, frameMs, playNext, playStart, replayPick } from './replay';
import './replay.css';

export function ScatterReplay({ view, classNames }: { view: InsightView; classNames: readonly string[] }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const count = view.records.length;
  const pick = replayPick(view.records, chosen);
  const id = useId();

  useEffect(() => {
    if (!playing) return undefined;
    const timer = setTimeout(() => {
      const next = playNext(pick.index, count);
      if (next === null) { setPlaying(false); setChosen(null); } else setChosen(next);
    }, frameMs(count));
    return () => clearTimeout(timer);
  }, [playing, pick.index, count]);

  const togglePlay = () => {
    if (playing) { setPlaying(false); setChosen(pick.index); return; }
    setChosen(playStart(pick.index, count));
    setPlaying(true);
  };
  const step = pick.record?.step ?? 0;
  const scrubber = count > 0 && (
    <div className="replay" data-testid="scatter-replay">
      <button type="button" className="btn replay__play" data-testid="replay-play" disabled={count < 2} onClick={togglePlay}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <label className="replay__label" htmlFor={`${id}-range`}>Evaluation at step {step}</label>
      <input id={`${id}-range`} className="replay__range" type="range" data-testid="replay-range" min={0} max={Math.max(0, count - 1)} step={1}
        value={pick.index} disabled={count < 2} aria-valuetext={`evaluation at step ${step}, ${pick.index + 1} of ${count}`}
        onChange={(e) => { setPlaying(false); setChosen(chooseIndex(Number(e.target.value), count)); }} />
      <span className="replay__where" data-testid="replay-where">
        {pick.index + 1} / {count}{pick.following ? ' · following the latest' : ''}
      </span>
    </div>
  );
  return <FeatureScatter view={view} classNames={classNames} shown={pick.record} footer={scrubber} />;
}
