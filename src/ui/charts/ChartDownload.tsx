/** "PNG" / "SVG" buttons on a chart card: the chart as a picture, title and legend drawn in. */
import { useState, type RefObject } from 'react';
import { downloadBlob, slug, stamp } from '../runs/download';
import { chartSvg, svgToPng } from './chartImage';
import '../runs/runs.css';

export function ChartDownload({ figure, title }: { figure: RefObject<HTMLElement | null>; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'png' | 'svg') => {
    setError(null);
    try {
      if (!figure.current) return;
      const { svg, width, height } = chartSvg(figure.current, title);
      const name = `${slug(title, 'chart')}-${stamp()}.${format}`;
      if (format === 'svg') downloadBlob(name, new Blob([svg], { type: 'image/svg+xml' }));
      else downloadBlob(name, await svgToPng(svg, width, height));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="chart-download" role="group" aria-label={`Download ${title}`}>
      <button type="button" className="chart-download__btn" title={`Download “${title}” as a PNG image`} onClick={() => void save('png')}>PNG</button>
      <button type="button" className="chart-download__btn" title={`Download “${title}” as an SVG drawing`} onClick={() => void save('svg')}>SVG</button>
      {error && <span className="chart-download__error" role="alert">{error}</span>}
    </div>
  );
}
