/**
 * What the status line says about a run. The worker batches a run's status events with its first
 * losses, so 'compiling' often arrives together with 'training'; until the first loss comes back
 * the kernels are still compiling, and the page says so.
 */
import type { RunView } from '../store/runView';

export type StatusTone = 'idle' | 'busy' | 'ok' | 'warn' | 'error';

export interface StatusDisplay {
  /** the status word (data-status) */
  word: string;
  tone: StatusTone;
  text: string;
}

export function isCompiling(run: RunView): boolean {
  return run.status === 'compiling' || (run.status === 'training' && run.loss.length === 0 && run.progress.step === 0);
}

export function displayStatus(run: RunView | null): StatusDisplay {
  if (!run) return { word: 'idle', tone: 'idle', text: 'Ready to train.' };
  switch (run.status) {
    case 'completed':
      return { word: run.status, tone: 'ok', text: run.message || 'completed' };
    case 'stopped':
      return { word: run.status, tone: 'idle', text: run.message || 'stopped' };
    case 'paused':
      return { word: run.status, tone: 'idle', text: 'paused: press Resume to continue, or Stop to end the run' };
    case 'diverged': {
      const at = run.summary?.divergedAtStep;
      // the engine's own line says why ("the loss reached 1.2e+4 (> 46)"); a run read back from a file lacks it
      if (at !== undefined && run.message.startsWith(`diverged at step ${at}`)) return { word: run.status, tone: 'warn', text: run.message };
      return { word: run.status, tone: 'warn', text: at !== undefined ? `diverged at step ${at}: the loss was not finite or too large` : run.message };
    }
    case 'failed':
      return { word: run.status, tone: 'error', text: `failed: ${run.error ?? run.message}` };
    default:
      if (isCompiling(run)) {
        return { word: 'compiling', tone: 'busy', text: 'compiling kernels for the first step (this can take a minute)' };
      }
      return { word: run.status, tone: 'busy', text: run.message };
  }
}
