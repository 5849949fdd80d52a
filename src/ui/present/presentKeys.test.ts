import { describe, expect, it } from 'vitest';
import { presentAction, stepScenario, type PresentKeyContext } from './presentKeys';

const at = (over: Partial<PresentKeyContext>): PresentKeyContext => ({ key: ' ', targetTag: 'body', modifier: false, status: 'idle', canTrain: true, ...over });

describe('the presentation view\'s keys', () => {
  it('space trains, pauses and resumes by the run\'s state', () => {
    expect(presentAction(at({}))).toBe('train');
    expect(presentAction(at({ canTrain: false }))).toBeNull();
    expect(presentAction(at({ status: 'active' }))).toBe('pause');
    expect(presentAction(at({ status: 'paused' }))).toBe('resume');
  });
  it('arrows step through scenarios only between runs; Escape leaves', () => {
    expect(presentAction(at({ key: 'ArrowRight' }))).toBe('next');
    expect(presentAction(at({ key: 'ArrowLeft' }))).toBe('previous');
    expect(presentAction(at({ key: 'ArrowRight', status: 'active' }))).toBeNull();
    expect(presentAction(at({ key: 'Escape', status: 'active' }))).toBe('exit');
  });
  it('leaves fields, buttons and shortcuts with a modifier alone', () => {
    expect(presentAction(at({ targetTag: 'input' }))).toBeNull();
    expect(presentAction(at({ targetTag: 'button' }))).toBeNull();
    expect(presentAction(at({ key: 'ArrowRight', modifier: true }))).toBeNull();
  });
  it('steps through the scenarios and wraps around', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepScenario(ids, null, 1)).toBe('a');
    expect(stepScenario(ids, null, -1)).toBe('c');
    expect(stepScenario(ids, 'b', 1)).toBe('c');
    expect(stepScenario(ids, 'c', 1)).toBe('a');
    expect(stepScenario(ids, 'a', -1)).toBe('c');
  });
});
