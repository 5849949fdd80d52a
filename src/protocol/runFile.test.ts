/**
 * Reading runs files is reading hostile input: every bad case has its own message naming the
 * problem, the size is refused before reading, nesting before parsing. And what the page exports
 * imports back as the same runs.
 */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../engine/training/events';
import { applyEvent, newRunView } from '../ui/store/runView';
import { entryFromFileRun, keepEvent, toFileRun, type RunEntry } from '../ui/runs/runEntry';
import { BASE, runEvents } from '../ui/runs/testRuns';
import {
  buildRunFile, checkFileSize, ImportError, jsonDepth, readImportFiles, readRunFile, readRunnerOutput, serialiseRunFile, type ImportFile,
} from './runFile';

function entry(id: string, events: RunEvent[], label = `run ${id}`): RunEntry {
  const config = BASE;
  return { id, label, origin: 'local', createdAt: 1_700_000_000_000, view: events.reduce(applyEvent, newRunView(id, config)), kept: events.filter(keepEvent), ending: null };
}

function problem(f: () => unknown): { problem: string; message: string } {
  try { f(); } catch (e) {
    if (e instanceof ImportError) return { problem: e.problem, message: e.message };
    throw e;
  }
  throw new Error('no ImportError thrown');
}

const goodFile = () => serialiseRunFile(buildRunFile([toFileRun(entry('a', runEvents(BASE, 0)))], 'test'));

describe('refusing bad files, each with its own message', () => {
  it('a file over the size limit, before reading it', async () => {
    expect(problem(() => checkFileSize('big.json', 200 * 1024 * 1024))).toEqual({
      problem: 'too-large', message: 'big.json is 200 MB; files up to 50 MB can be imported (export fewer runs per file)',
    });
    let read = false;
    const big: ImportFile = { name: 'big.json', size: 200 * 1024 * 1024, text: async () => { read = true; return ''; } };
    await expect(readImportFiles([big])).rejects.toThrow(/200 MB/);
    expect(read).toBe(false);
  });

  it('an empty file', () => {
    expect(problem(() => readRunFile('e.json', '  \n')).problem).toBe('empty');
  });

  it('text that is not JSON (malformed)', () => {
    const p = problem(() => readRunFile('bad.json', goodFile().slice(0, 200)));
    expect(p.problem).toBe('not-json');
    expect(p.message).toMatch(/^bad\.json is not valid JSON \(/);
  });

  it('deep nesting, measured before parsing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonDepth(deep, 40)).toBe(41);
    const p = problem(() => readRunFile('deep.json', deep));
    expect(p.problem).toBe('too-deep');
    expect(p.message).toMatch(/deep\.json is nested more than 32 levels deep/);
    // brackets inside strings do not count
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]"}')).toBe(1);
  });

  it('JSON that is not a runs file: wrong schema, a list, a runner summary', () => {
    expect(problem(() => readRunFile('x.json', '{"schema":"other","version":1,"runs":[]}')).message)
      .toBe('x.json is not a Fine-Tuning Playground runs file: "schema" is "other", expected "ftp-runs"');
    expect(problem(() => readRunFile('x.json', '[1,2]')).problem).toBe('not-a-runs-file');
    expect(problem(() => readRunFile('summary.json', '{"stepsDone":3,"config":{}}')).message).toMatch(/looks like a runner summary\.json/);
  });

  it('a newer version', () => {
    const p = problem(() => readRunFile('v2.json', '{"schema":"ftp-runs","version":2,"runs":[]}'));
    expect(p).toEqual({ problem: 'wrong-version', message: 'v2.json is a runs file of version 2, made by a newer page; this page reads version 1' });
  });

  it('a run of the wrong shape, with where and what', () => {
    const file = JSON.parse(goodFile());
    const i = file.runs[0].events.findIndex((e: { type: string }) => e.type === 'eval');
    file.runs[0].events[i].record.idAcc = 'high';
    const p = problem(() => readRunFile('shape.json', JSON.stringify(file)));
    expect(p.problem).toBe('bad-shape');
    expect(p.message).toBe(`shape.json does not have the shape of a runs file: runs[0].events[${i}].record.idAcc: expected a number`);
    const badConfig = JSON.parse(goodFile());
    badConfig.runs[0].config.lr = -1;
    expect(problem(() => readRunFile('cfg.json', JSON.stringify(badConfig))).message).toMatch(/runs\[0\]\.config\.lr: must be > 0/);
  });

  it('runner output without its end needs its summary.json; a summary alone is not enough', async () => {
    const lines = runEvents(BASE, 0, { finish: false }).map((e) => JSON.stringify(e)).join('\n');
    expect(problem(() => readRunnerOutput({ name: 'events.jsonl', text: lines })).problem).toBe('no-config');
    const summaryOnly: ImportFile = { name: 'summary.json', size: 10, text: async () => '{}' };
    await expect(readImportFiles([summaryOnly])).rejects.toThrow(/pick the events\.jsonl beside it too/);
    expect(problem(() => readRunnerOutput({ name: 'events.jsonl', text: `${lines}\n{oops` })).message).toMatch(/^events\.jsonl line 8 is not valid JSON/);
  });

  it('leaves out events of a kind it does not know, and says so', () => {
    const file = JSON.parse(goodFile());
    file.runs[0].events.splice(1, 0, { type: 'future-thing', x: 1 });
    const { runs, notes } = readRunFile('f.json', JSON.stringify(file));
    expect(runs[0].events.some((e) => (e.type as string) === 'future-thing')).toBe(false);
    expect(notes).toEqual(['left out 1 event of kind "future-thing" that this page does not know']);
  });
});

describe('export → import gives the same runs', () => {
  it('page runs: config, name, curves, evaluations, summary and the unfinished one too', () => {
    const finished = entry('a', runEvents(BASE, 0), '<img src=x onerror=alert(1)>');
    const unfinished = { ...entry('b', runEvents({ ...BASE, seed: 1 }, 0.1, { finish: false })), ending: 'interrupted' as const };
    const text = serialiseRunFile(buildRunFile([toFileRun(finished), toFileRun(unfinished)], 'test'));
    const { runs } = readRunFile('runs.json', text);
    expect(runs).toHaveLength(2);
    const back = runs.map((r, i) => entryFromFileRun(r, { id: `imp${i}`, label: r.label!, origin: 'imported', createdAt: r.createdAt!, sourceId: r.id }));
    for (const [orig, imp] of [[finished, back[0]], [unfinished, back[1]]] as const) {
      expect(imp.label).toBe(orig.label);
      expect(imp.sourceId).toBe(orig.id);
      expect(imp.view.config).toEqual(orig.view.config);
      expect(imp.view.loss).toEqual(orig.view.loss);
      expect(imp.view.evals).toEqual(orig.view.evals);
      expect(imp.view.info).toEqual(orig.view.info);
      expect(imp.view.summary).toEqual(orig.view.summary);
      expect(imp.createdAt).toBe(orig.createdAt);
    }
    expect(back[0].view.status).toBe('completed');
    expect(back[1].ending).toBe('interrupted');
    expect(back[1].view.status).toBe('stopped');
    expect(back[1].view.message).toMatch(/^interrupted at step 6/);
    // exported again, it is the same file (but for when it was written)
    const again = serialiseRunFile(buildRunFile(back.map((b) => ({ ...toFileRun(b), id: b.sourceId! })), 'test', new Date(0)));
    const first = serialiseRunFile(buildRunFile([toFileRun(finished), toFileRun(unfinished)], 'test', new Date(0)));
    expect(again).toBe(first);
  });

  it('a thinned loss series (fractional steps) comes back point for point', () => {
    const e = entry('a', runEvents(BASE, 0));
    e.view = { ...e.view, loss: [{ x: 1.5, y: 2 }, { x: 3.5, y: 1.8 }, { x: 5, y: 1.7 }, { x: 6, y: 1.6 }] };
    const { runs } = readRunFile('r.json', serialiseRunFile(buildRunFile([toFileRun(e)], 't')));
    expect(entryFromFileRun(runs[0], { id: 'x', label: 'x', origin: 'imported', createdAt: 0 }).view.loss).toEqual(e.view.loss);
  });

  it("the runner's events.jsonl + summary.json import as one run", async () => {
    const events = runEvents(BASE, 0);
    const done = events[events.length - 1] as Extract<RunEvent, { type: 'done' }>;
    const jsonl = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
    const files: ImportFile[] = [
      { name: 'events.jsonl', size: jsonl.length, text: async () => jsonl },
      { name: 'summary.json', size: 10, text: async () => JSON.stringify(done.summary, null, 2) },
    ];
    const { runs } = await readImportFiles(files);
    expect(runs).toHaveLength(1);
    const view = entryFromFileRun(runs[0], { id: 'r', label: 'r', origin: 'imported', createdAt: 0 }).view;
    const direct = events.reduce(applyEvent, newRunView('r', BASE));
    expect(view.evals).toEqual(direct.evals);
    expect(view.loss).toEqual(direct.loss);
    expect(view.summary).toEqual(direct.summary);
  });
});
