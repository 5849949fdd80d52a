/**
 * Rotation of a grey uint8 image exactly as DomainBed's RotatedMNIST does it:
 * torchvision.transforms.functional.rotate(img, angle, fill=(0,), interpolation=BILINEAR) on a PIL
 * 'L' image, which is Pillow's Image.rotate (src/PIL/Image.py) and its generic affine transform with
 * the bilinear filter (src/libImaging/Geometry.c):
 * - positive angles turn the image anticlockwise about its centre (W/2, H/2);
 * - each output pixel's centre (x + ½, y + ½) is mapped back into the source through the inverse
 *   rotation, whose cos and sin Pillow rounds to 15 decimals;
 * - a source point outside [0, W) × [0, H) gives the fill (0); inside, the four neighbouring pixel
 *   centres are blended bilinearly, neighbours past the border clamped to the edge pixel;
 * - the blend is truncated to an integer (a C cast), not rounded;
 * - 0° returns the image unchanged (Pillow's fast path).
 */

/** Python's round(v, 15) for the values it sees here (sines and cosines: no exact ties). */
function round15(v: number): number {
  return Number.parseFloat(v.toFixed(15));
}

/** The inverse affine matrix [a, b, c, d, e, f]: source = (a·x + b·y + c, d·x + e·y + f). */
export function pilRotationMatrix(angleDeg: number, width: number, height: number): number[] {
  // math.radians multiplies by the constant π/180
  const angle = -((angleDeg % 360) * (Math.PI / 180));
  const cx = width / 2;
  const cy = height / 2;
  const m = [round15(Math.cos(angle)), round15(Math.sin(angle)), 0, round15(-Math.sin(angle)), round15(Math.cos(angle)), 0];
  m[2] = m[0] * -cx + m[1] * -cy + cx;
  m[5] = m[3] * -cx + m[4] * -cy + cy;
  return m;
}

/** One bilinear sample of Pillow's bilinear_filter8 at source point (xin, yin); undefined outside. */
function bilinear8(src: Uint8Array, width: number, height: number, xinRaw: number, yinRaw: number): number | undefined {
  if (xinRaw < 0 || xinRaw >= width || yinRaw < 0 || yinRaw >= height) return undefined;
  const xin = xinRaw - 0.5;
  const yin = yinRaw - 0.5;
  const x = Math.floor(xin);
  const y = Math.floor(yin);
  const dx = xin - x;
  const dy = yin - y;
  const clampX = (v: number) => (v < 0 ? 0 : v < width ? v : width - 1);
  const clampY = (v: number) => (v < 0 ? 0 : v < height ? v : height - 1);
  const x0 = clampX(x);
  const x1 = clampX(x + 1);
  const row0 = clampY(y) * width;
  const v1 = src[row0 + x0] + (src[row0 + x1] - src[row0 + x0]) * dx;
  let v2 = v1;
  if (y + 1 >= 0 && y + 1 < height) {
    const row1 = (y + 1) * width;
    v2 = src[row1 + x0] + (src[row1 + x1] - src[row1 + x0]) * dx;
  }
  return Math.trunc(v1 + (v2 - v1) * dy);
}

/** A new image: `src` (width × height, one byte per pixel) turned anticlockwise by `angleDeg`, fill 0. */
export function rotateLikePil(src: Uint8Array, width: number, height: number, angleDeg: number): Uint8Array {
  if (src.length !== width * height) throw new Error(`rotateLikePil: ${src.length} bytes for ${width}×${height}`);
  if (angleDeg % 360 === 0) return src.slice();
  const [a, b, c, d, e, f] = pilRotationMatrix(angleDeg, width, height);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const xo = x + 0.5;
      const yo = y + 0.5;
      out[y * width + x] = bilinear8(src, width, height, a * xo + b * yo + c, d * xo + e * yo + f) ?? 0;
    }
  }
  return out;
}
