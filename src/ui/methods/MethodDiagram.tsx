/**
 * What the chosen method changes in the chosen network: its blocks as a row of boxes per training
 * stage (frozen or training, with what else acts on each), the head at the end, a legend, and the
 * same in words. Follows the current config (model, method, modifiers, k); the marks come from
 * methodDiagram.ts, which a test checks against the engine.
 */
import { zooEntry } from '../../engine/models/zoo';
import { usePlayground } from '../store/StoreContext';
import { BAND_MARKS, MARK_BANDS, MARK_CHIPS, MARK_LABELS, markRuns, methodDiagram, type BlockMark, type DiagramStage } from './methodDiagram';
import { methodInfo } from './methodInfo';
import { useNetworkLayout } from './useNetworkLayout';
import './diagram.css';

/** `column`: the grid column (1 is the input mark) */
function Box({ name, marks, head, column }: { name: string; marks: BlockMark[]; head?: boolean; column: number }) {
  const state = marks.includes('frozen') ? 'frozen' : marks.includes('interpolated') ? 'interpolated' : 'trained';
  return (
    <div className={`mdiag__box mdiag__box--${state}${head ? ' mdiag__box--head' : ''}`} data-testid={head ? 'diagram-head' : 'diagram-block'}
      data-block={name} data-marks={marks.join(' ')} style={{ gridColumn: column }}>
      <span className="mdiag__name">{name}</span>
      <span className="mdiag__state">{MARK_CHIPS[state]}</span>
    </div>
  );
}

function Stage({ stage }: { stage: DiagramStage }) {
  const n = stage.blocks.length;
  // columns: the input mark, one per block, the head (boxes and bands share them)
  const columns = { gridTemplateColumns: `12px repeat(${n}, minmax(0, 1fr)) minmax(0, 1.6fr)` };
  const bands = BAND_MARKS.flatMap((m) => markRuns(stage.blocks, m).map(([a, b]) => ({ mark: m, a, b })));
  return (
    <div className={`mdiag__stage${stage.optional ? ' mdiag__stage--optional' : ''}`} data-testid="diagram-stage" data-stage={stage.name}>
      <p className="mdiag__stage-name"><strong>{stage.name}</strong> · {stage.caption}</p>
      <div className="mdiag__grid" style={columns}>
        <span className="mdiag__input" aria-hidden="true">x</span>
        {stage.blocks.map((b, i) => <Box key={`${b.name}-${i}`} name={b.name} marks={b.marks} column={i + 2} />)}
        <Box name={stage.head.label} marks={stage.head.marks} head column={n + 2} />
        {bands.map(({ mark, a, b }) => (
          <span key={`${mark}-${a}`} className={`mdiag__band mdiag__band--${mark}`} data-testid="diagram-band" data-mark={mark}
            style={{ gridColumn: `${a + 2} / ${b + 3}`, gridRow: 2 + BAND_MARKS.indexOf(mark) }}>
            {b > a ? MARK_BANDS[mark] : MARK_CHIPS[mark]}
          </span>
        ))}
      </div>
    </div>
  );
}

export function MethodDiagram() {
  const method = usePlayground((s) => s.config.method);
  const modelId = usePlayground((s) => s.config.model);
  const layout = useNetworkLayout(modelId);
  if (!layout || layout.blocks.length === 0) return null;
  const diagram = methodDiagram(method, layout);
  const shown = new Set(diagram.stages.flatMap((s) => [...s.blocks.flatMap((b) => b.marks), ...s.head.marks]));
  const legend = (Object.keys(MARK_LABELS) as BlockMark[]).filter((m) => shown.has(m));
  const modelName = zooEntry(modelId)?.label ?? modelId;
  return (
    <figure className="mdiag" data-testid="method-diagram" aria-labelledby="mdiag-title">
      <figcaption>
        <span id="mdiag-title" className="mdiag__title">What {methodInfo(method.kind).short} changes in {modelName}</span>
      </figcaption>
      <div className="mdiag__drawing" role="img" aria-label={diagram.text} data-testid="method-diagram-drawing">
        {diagram.stages.map((s) => <Stage key={s.name} stage={s} />)}
      </div>
      <ul className="mdiag__legend" aria-label="Legend">
        {legend.map((m) => (
          <li key={m} className="mdiag__legend-item">
            <span className={`mdiag__swatch mdiag__swatch--${m}`} aria-hidden="true" />{MARK_LABELS[m]}
          </li>
        ))}
      </ul>
      <details className="mdiag__words">
        <summary>In words</summary>
        <p data-testid="method-diagram-text">{diagram.text}</p>
      </details>
    </figure>
  );
}
