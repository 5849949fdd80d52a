/** Byte helpers shared by the model loaders (no TF.js here: the page imports some of them). */
export function concatBytes(parts: readonly Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) { out.set(p, offset); offset += p.length; }
  return out.buffer;
}
