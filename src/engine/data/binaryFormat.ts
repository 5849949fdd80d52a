/**
 * The compact image-set file the page fetches: a 24-byte little-endian header, then uint8 pixels
 * (N·H·W·C, row-major, channels last), then N uint8 labels.
 *
 *   0  'FTPD'        4  u16 version   6  u16 header bytes   8  u32 count
 *  12  u16 height   14  u16 width    16  u16 channels      18  u16 classes   20  u32 reserved
 */
export const FORMAT_MAGIC = 'FTPD';
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;

export interface ImageSet {
  count: number;
  height: number;
  width: number;
  channels: number;
  numClasses: number;
  /** count·height·width·channels bytes, channels last */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function encodeImageSet(set: ImageSet): Uint8Array {
  const pixelBytes = set.count * set.height * set.width * set.channels;
  if (set.pixels.length !== pixelBytes) throw new Error(`pixels: expected ${pixelBytes} bytes, got ${set.pixels.length}`);
  if (set.labels.length !== set.count) throw new Error(`labels: expected ${set.count}, got ${set.labels.length}`);
  const out = new Uint8Array(HEADER_BYTES + pixelBytes + set.count);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = FORMAT_MAGIC.charCodeAt(i);
  view.setUint16(4, FORMAT_VERSION, true);
  view.setUint16(6, HEADER_BYTES, true);
  view.setUint32(8, set.count, true);
  view.setUint16(12, set.height, true);
  view.setUint16(14, set.width, true);
  view.setUint16(16, set.channels, true);
  view.setUint16(18, set.numClasses, true);
  out.set(set.pixels, HEADER_BYTES);
  out.set(set.labels, HEADER_BYTES + pixelBytes);
  return out;
}

export function decodeImageSet(buffer: ArrayBuffer | Uint8Array, name = 'image set'): ImageSet {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < HEADER_BYTES) throw new Error(`${name}: file too short (${bytes.length} bytes)`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== FORMAT_MAGIC) throw new Error(`${name}: not an image-set file (magic "${magic}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`${name}: format version ${version}, expected ${FORMAT_VERSION}`);
  const headerBytes = view.getUint16(6, true);
  const count = view.getUint32(8, true);
  const height = view.getUint16(12, true);
  const width = view.getUint16(14, true);
  const channels = view.getUint16(16, true);
  const numClasses = view.getUint16(18, true);
  const pixelBytes = count * height * width * channels;
  if (bytes.length !== headerBytes + pixelBytes + count) {
    throw new Error(`${name}: expected ${headerBytes + pixelBytes + count} bytes, file has ${bytes.length}`);
  }
  const pixels = bytes.subarray(headerBytes, headerBytes + pixelBytes);
  const labels = bytes.subarray(headerBytes + pixelBytes);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= numClasses) throw new Error(`${name}: label ${labels[i]} at ${i} ≥ ${numClasses} classes`);
  }
  return { count, height, width, channels, numClasses, pixels, labels };
}
