import { describe, expect, it } from 'vitest';
import { finiteRange, formatClock, formatCount, formatLearningRate, formatPercent, formatStepsPerSec, formatTick, formatValue, rangeTickFormatter } from './format';

describe('formatPercent', () => {
  it('formats a fraction with one decimal and a spaced percent sign', () => {
    expect(formatPercent(0.973)).toBe('97.3 %');
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0)).toBe('0.0 %');
  });
  it('shows a dash for missing values', () => {
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatClock', () => {
  it('formats mm:ss', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65)).toBe('01:05');
    expect(formatClock(59.6)).toBe('01:00');
    expect(formatClock(3599)).toBe('59:59');
  });
  it('adds hours from one hour on', () => {
    expect(formatClock(3600)).toBe('1:00:00');
    expect(formatClock(3723)).toBe('1:02:03');
  });
  it('shows --:-- for unknown or endless times', () => {
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('--:--');
    expect(formatClock(Number.NaN)).toBe('--:--');
    expect(formatClock(-1)).toBe('--:--');
    expect(formatClock(null)).toBe('--:--');
  });
});

describe('other formats', () => {
  it('formatValue keeps three significant digits', () => {
    expect(formatValue(0.41234)).toBe('0.412');
    expect(formatValue(12.345)).toBe('12.3');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(0.00001234)).toBe('1.23e-5');
    expect(formatValue(Number.NaN)).toBe('–');
  });
  it('formatCount groups thousands', () => {
    expect(formatCount(78714)).toBe('78,714');
  });
  it('formatStepsPerSec', () => {
    expect(formatStepsPerSec(0.934)).toBe('0.93 steps/s');
    expect(formatStepsPerSec(42.4)).toBe('42 steps/s');
    expect(formatStepsPerSec(0)).toBe('–');
  });
  it('formatLearningRate', () => {
    expect(formatLearningRate(1e-3)).toBe('1e-3');
    expect(formatLearningRate(3e-4)).toBe('3e-4');
    expect(formatLearningRate(0.05)).toBe('0.05');
  });
});

describe('formatTick', () => {
  it('drops trailing zeros', () => {
    expect(formatTick(0.09)).toBe('0.09');
    expect(formatTick(0.7000001)).toBe('0.7');
    expect(formatTick(2.1)).toBe('2.1');
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.0075)).toBe('0.0075');
    expect(formatTick(0.00001)).toBe('1.0e-5');
  });
});

describe('rangeTickFormatter', () => {
  it('tells close ticks apart', () => {
    const f = rangeTickFormatter(0.0996, 0.1);
    expect(new Set([0.0996, 0.0997, 0.0998, 0.0999, 0.1].map(f)).size).toBe(5);
    expect(f(0.1)).toBe('0.1');
  });
  it('uses exponents for tiny values and the plain format for wide ranges', () => {
    const tiny = rangeTickFormatter(0, 0.0022);
    expect(tiny(0.00055)).toBe('5.5e-4');
    expect(tiny(0.002)).toBe('2e-3');
    expect(tiny(0)).toBe('0');
    expect(rangeTickFormatter(0, 2)(0.5)).toBe(formatTick(0.5));
    expect(rangeTickFormatter(Number.NaN, Number.NaN)(1)).toBe('1');
  });
  it('finds the finite range', () => {
    expect(finiteRange([3, Number.NaN, -1, 2])).toEqual([-1, 3]);
    expect(finiteRange([])).toEqual([Number.NaN, Number.NaN]);
  });
});
