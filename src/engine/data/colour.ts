/** Grey → RGB: the shipped datasets are grey; models read three channels so colour shifts exist. */
export function greyToRgb(grey: Uint8Array, count: number, pixelsPerImage: number): Uint8Array {
  if (grey.length !== count * pixelsPerImage) throw new Error(`greyToRgb: ${grey.length} bytes for ${count} images`);
  const out = new Uint8Array(grey.length * 3);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) {
    const v = grey[i];
    out[j] = v; out[j + 1] = v; out[j + 2] = v;
  }
  return out;
}
