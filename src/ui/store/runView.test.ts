import { describe, expect, it } from 'vitest';
import { BASE, runEvents } from '../runs/testRuns';
import { viewFromEvents } from '../runs/runEntry';
import { displayStatus } from '../status/runStatus';
import { applyEvent, newRunView } from './runView';

describe('a finished run folded from its saved events', () => {
  it('says how it ended, not "starting the training worker" (issue 14, problem 7)', () => {
    // what the history and an export keep: no status lines
    const kept = runEvents(BASE, 0).filter((e) => e.type !== 'status');
    const view = viewFromEvents('r', BASE, kept);
    expect(view.status).toBe('completed');
    expect(displayStatus(view).text).toBe('completed 6 steps');
  });

  it('keeps the engine’s own last line when there was one', () => {
    const view = runEvents(BASE, 0).reduce(applyEvent, newRunView('r', BASE));
    expect(view.message).toBe('completed 6 steps');
    const stopped = runEvents(BASE, 0, { status: 'stopped' }).filter((e) => e.type !== 'status').reduce(applyEvent, newRunView('r', BASE));
    expect(stopped.message).toBe('stopped at step 6');
  });
});
