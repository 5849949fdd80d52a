/**
 * The headless runner's output opens in the page: `--runs-json` writes a runs file the page's
 * importer accepts, and the folder's events.jsonl + summary.json import as the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunFile, readRunnerOutput } from '../src/protocol/runFile';
import { entryFromFileRun } from '../src/ui/runs/runEntry';

describe('runner → page', () => {
  it('--runs-json writes a runs file the page imports, equal to the events.jsonl + summary.json pair', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftp-runner-'));
    const cfg = join(dir, 'tiny.json');
    writeFileSync(cfg, JSON.stringify({
      model: 'mlp-broad', trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 3,
      shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
    }));
    const out = join(dir, 'out');
    const runs = join(dir, 'runs.json');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/experiment.ts', cfg, '--out', out, '--backend', 'cpu', '--quiet', '--runs-json', runs], { stdio: 'pipe' });
    const fromFile = readRunFile('runs.json', readFileSync(runs, 'utf8'));
    expect(fromFile.runs).toHaveLength(1);
    expect(fromFile.runs[0].label).toBe('tiny · seed 0');
    const fromFolder = readRunnerOutput(
      { name: 'events.jsonl', text: readFileSync(join(out, 'events.jsonl'), 'utf8') },
      { name: 'summary.json', text: readFileSync(join(out, 'summary.json'), 'utf8') },
    );
    const view = (r: (typeof fromFile.runs)[number]) => entryFromFileRun(r, { id: 'x', label: 'x', origin: 'imported', createdAt: 0 }).view;
    const a = view(fromFile.runs[0]);
    const b = view(fromFolder.runs[0]);
    expect(a.status).toBe('completed');
    expect(a.evals).toHaveLength(2);
    expect(a.loss).toHaveLength(3);
    expect(a.evals).toEqual(b.evals);
    expect(a.loss).toEqual(b.loss);
    expect(a.summary).toEqual(b.summary);
  }, 120_000);
});
