/**
 * im2col / col2im for NHWC convolutions, in the transposed layout [K, N] (K = kh·kw·cin,
 * N = batch·outH·outW) for im2col, [N, K] for col2im. Used by the wasm backend's conv gradients.
 */
export interface ConvGeometry {
  batch: number; inH: number; inW: number; inC: number;
  outH: number; outW: number; outC: number;
  kH: number; kW: number; sH: number; sW: number; padTop: number; padLeft: number;
}

export function geometryOf(info: {
  batchSize: number; inHeight: number; inWidth: number; inChannels: number;
  outHeight: number; outWidth: number; outChannels: number;
  filterHeight: number; filterWidth: number; strideHeight: number; strideWidth: number;
  padInfo: { top: number; left: number };
}): ConvGeometry {
  return {
    batch: info.batchSize, inH: info.inHeight, inW: info.inWidth, inC: info.inChannels,
    outH: info.outHeight, outW: info.outWidth, outC: info.outChannels,
    kH: info.filterHeight, kW: info.filterWidth, sH: info.strideHeight, sW: info.strideWidth,
    padTop: info.padInfo.top, padLeft: info.padInfo.left,
  };
}

/** Visits every (output pixel row n, filter tap t, input offset or -1 when in the padding). */
function forEachTap(g: ConvGeometry, visit: (n: number, tap: number, src: number) => void): void {
  let n = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < g.outH; yR++) {
      for (let yC = 0; yC < g.outW; yC++, n++) {
        for (let wR = 0; wR < g.kH; wR++) {
          const xR = yR * g.sH + wR - g.padTop;
          for (let wC = 0; wC < g.kW; wC++) {
            const xC = yC * g.sW + wC - g.padLeft;
            const inside = xR >= 0 && xR < g.inH && xC >= 0 && xC < g.inW;
            visit(n, wR * g.kW + wC, inside ? ((b * g.inH + xR) * g.inW + xC) * g.inC : -1);
          }
        }
      }
    }
  }
}

/** x [B,H,W,C] → colsT [K, N] (zero where the filter reads padding). */
export function im2colTransposed(g: ConvGeometry, x: Float32Array, colsT: Float32Array): void {
  const rows = g.batch * g.outH * g.outW;
  const c = g.inC;
  forEachTap(g, (n, tap, src) => {
    const dst = tap * c * rows + n;
    if (src < 0) { for (let i = 0; i < c; i++) colsT[dst + i * rows] = 0; return; }
    for (let i = 0; i < c; i++) colsT[dst + i * rows] = x[src + i];
  });
}

/** cols [N, K] → dx [B,H,W,C], summing where filter taps overlap. dx must start zeroed. */
export function col2imAdd(g: ConvGeometry, cols: Float32Array, dx: Float32Array): void {
  const k = g.kH * g.kW * g.inC;
  const c = g.inC;
  forEachTap(g, (n, tap, dst) => {
    if (dst < 0) return;
    const src = n * k + tap * c;
    for (let i = 0; i < c; i++) dx[dst + i] += cols[src + i];
  });
}
