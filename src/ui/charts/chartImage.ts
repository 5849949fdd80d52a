/**
 * A chart as a picture: the chart's SVG (recharts draws SVG) with its title and legend drawn in,
 * as an SVG file, or as a PNG rendered from that SVG on a canvas at twice the screen size.
 * Browser-only (DOM); the pure part, the legend layout, is small enough to read.
 */

export interface LegendEntry { label: string; color: string; dashed?: boolean }

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Legend entries of a recharts legend inside `root` (their icon colour and text). */
export function legendEntries(root: Element): LegendEntry[] {
  return [...root.querySelectorAll('.recharts-legend-item')].map((item) => {
    const icon = item.querySelector('.recharts-legend-icon, path, line, rect');
    const color = icon?.getAttribute('stroke') && icon.getAttribute('stroke') !== 'none' ? icon.getAttribute('stroke')! : icon?.getAttribute('fill') ?? '#333';
    return {
      label: item.querySelector('.recharts-legend-item-text')?.textContent ?? item.textContent ?? '',
      color,
      dashed: !!icon?.getAttribute('stroke-dasharray'),
    };
  }).filter((e) => e.label.trim() !== '');
}

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chart of a chart card (`figure`) as a standalone SVG document: title, legend, plot. */
export function chartSvg(figure: Element, title: string): { svg: string; width: number; height: number } {
  const plot = figure.querySelector('svg.recharts-surface');
  if (!plot) throw new Error('this chart has nothing drawn yet');
  const width = Math.round(Number(plot.getAttribute('width')) || plot.getBoundingClientRect().width);
  const plotHeight = Math.round(Number(plot.getAttribute('height')) || plot.getBoundingClientRect().height);
  const legend = legendEntries(figure);
  // legend entries flow left to right, wrapping at the width
  const rows: { entry: LegendEntry; x: number; y: number }[] = [];
  let x = 12;
  let y = 0;
  for (const entry of legend) {
    const w = 30 + entry.label.length * 7.2;
    if (x + w > width - 12 && x > 12) { x = 12; y += 20; }
    rows.push({ entry, x, y });
    x += w + 14;
  }
  const titleHeight = 30;
  const legendHeight = legend.length ? y + 24 : 0;
  const height = titleHeight + legendHeight + plotHeight + 8;
  const root = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT });
  root.appendChild(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  root.appendChild(el('text', { x: 12, y: 21, 'font-size': 16, 'font-weight': 650, fill: '#0f172a' }, title));
  for (const { entry, x: ex, y: ey } of rows) {
    const cy = titleHeight + ey + 10;
    root.appendChild(el('line', { x1: ex, y1: cy, x2: ex + 22, y2: cy, stroke: entry.color, 'stroke-width': 3, ...(entry.dashed ? { 'stroke-dasharray': '6 3' } : {}) }));
    root.appendChild(el('text', { x: ex + 28, y: cy + 4.5, 'font-size': 13, fill: '#334155' }, entry.label));
  }
  const copy = plot.cloneNode(true) as SVGSVGElement;
  copy.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot').forEach((n) => n.remove());
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(titleHeight + legendHeight));
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(plotHeight));
  copy.removeAttribute('style');
  root.appendChild(copy);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`, width, height };
}

/** The SVG rendered to PNG at `scale` × its size (an offscreen canvas where the browser has one). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0, w, h);
      return await canvas.convertToBlob({ type: 'image/png' });
    }
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d')!.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
