/**
 * Times the default run as a new user starts it in the real built page (timeDefaultRun.ts). Prints
 * one JSON line (also written to --out) with the backend the page picked, the seconds from pressing
 * Train to the first and the last evaluation on screen, the final numbers and the evaluation share.
 *   npx tsx scripts/measure/defaultRun.ts [--dist dist] [--port 4181] [--set "Label=value" …] [--out file.json]
 * --query adds to the page's link (e.g. "wasmThreads=2").
 * Serves --dist with `vite preview` (the project's preview headers); Chromium gets the same flags as
 * the tests (a software WebGPU adapter here), so the page chooses its backend as it would for a user.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openMeasuredPage } from './previewServer';
import { timeDefaultRun } from './timeDefaultRun';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4181' },
    set: { type: 'string', multiple: true, default: [] },
    method: { type: 'string' },
    out: { type: 'string' },
    'timeout-min': { type: 'string', default: '120' },
    'poll-ms': { type: 'string', default: '250' },
    query: { type: 'string', default: '' },
  },
});

const { base, page, log, close } = await openMeasuredPage(values.dist!, values.port!);

try {
  const result = {
    dist: values.dist,
    ...await timeDefaultRun(page, base, {
      query: values.query, method: values.method, set: values.set, log,
      timeoutMin: Number(values['timeout-min']), pollMs: Number(values['poll-ms']),
    }),
  };
  console.log(JSON.stringify(result));
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);
} finally {
  await close();
}
