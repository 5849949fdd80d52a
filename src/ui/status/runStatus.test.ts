import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunEvent, RunSummary } from '../../engine/training/events';
import { applyEvent, failRun, newRunView } from '../store/runView';
import { displayStatus } from './runStatus';

const run = (...events: RunEvent[]) => events.reduce(applyEvent, newRunView('r', DEFAULT_CONFIG));
const steps: RunEvent = { type: 'steps', firstStep: 1, losses: [2.3], phase: 'FT', lr: 1e-3, stepsPerSec: 1, etaSec: 10, elapsedSec: 1 };

describe('displayStatus', () => {
  it('is idle without a run', () => {
    expect(displayStatus(null).word).toBe('idle');
  });

  it('says compiling until the first loss arrives, even if training was announced with it', () => {
    expect(displayStatus(run({ type: 'status', status: 'compiling', message: 'first step: compiling kernels' })).word).toBe('compiling');
    const announced = run(
      { type: 'status', status: 'compiling', message: 'x' },
      { type: 'status', status: 'training', message: 'training FT' },
    );
    expect(displayStatus(announced)).toMatchObject({ word: 'compiling', tone: 'busy' });
    expect(displayStatus(applyEvent(announced, steps))).toMatchObject({ word: 'training', text: 'training FT' });
  });

  it('warns about divergence with the step, and shows failures as errors', () => {
    const summary = { status: 'diverged', divergedAtStep: 7 } as RunSummary;
    expect(displayStatus(run({ type: 'done', summary }))).toMatchObject({ word: 'diverged', tone: 'warn', text: expect.stringContaining('diverged at step 7') });
    const why = 'diverged at step 7: the loss reached 1.20e+4 (> 46); try a smaller learning rate';
    expect(displayStatus(run({ type: 'status', status: 'diverged', message: why }, { type: 'done', summary })).text).toBe(why);
    const failed = failRun(newRunView('r', DEFAULT_CONFIG), 'no kernel for Conv2D');
    expect(displayStatus(failed)).toMatchObject({ word: 'failed', tone: 'error', text: 'failed: no kernel for Conv2D' });
  });
});
