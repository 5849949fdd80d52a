import type { ModelFilePayload } from '../protocol/messages';

/** Copies a user model's files for one message to a worker (the copies are transferred; the page keeps its own). */
export function copyFiles(files: readonly ModelFilePayload[]): { files: ModelFilePayload[]; transfer: ArrayBuffer[] } {
  const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
  return { files: copies, transfer: copies.map((f) => f.bytes) };
}
