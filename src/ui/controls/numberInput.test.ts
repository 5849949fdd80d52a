import { describe, expect, it } from 'vitest';
import { explainUnparsable, formatNumberForInput, parseNumberInput, sameNumber, textForValue } from './numberInput';

describe('parseNumberInput', () => {
  it('parses decimals, signs and exponents', () => {
    expect(parseNumberInput('32')).toBe(32);
    expect(parseNumberInput(' 0.001 ')).toBe(0.001);
    expect(parseNumberInput('1e-3')).toBe(0.001);
    expect(parseNumberInput('1E99')).toBe(1e99);
    expect(parseNumberInput('-1')).toBe(-1);
    expect(parseNumberInput('.5')).toBe(0.5);
    expect(parseNumberInput('5.')).toBe(5);
    expect(parseNumberInput('+2')).toBe(2);
  });
  it('turns everything else into NaN', () => {
    for (const text of ['', '   ', 'abc', '1,5', '0x10', 'Infinity', '1e', '--1', '1 2', 'e5']) {
      expect(parseNumberInput(text), JSON.stringify(text)).toBeNaN();
    }
  });
});

describe('field text', () => {
  it('formats finite numbers and leaves non-finite ones empty', () => {
    expect(formatNumberForInput(0.0001)).toBe('0.0001');
    expect(formatNumberForInput(Number.NaN)).toBe('');
  });
  it('treats NaN as the same number as NaN', () => {
    expect(sameNumber(Number.NaN, Number.NaN)).toBe(true);
    expect(sameNumber(1, 1)).toBe(true);
    expect(sameNumber(1, Number.NaN)).toBe(false);
  });
  it('keeps what the user typed while it means the store value', () => {
    expect(textForValue('1e-3', 0.001)).toBe('1e-3');
    expect(textForValue('abc', Number.NaN)).toBe('abc');
    expect(textForValue('', Number.NaN)).toBe('');
    expect(textForValue('1e-3', 0.01)).toBe('0.01');
  });
});

describe('explainUnparsable', () => {
  it('says "required" for an empty field and shows the fix for a decimal comma', () => {
    expect(explainUnparsable('')).toBe('required');
    expect(explainUnparsable('   ')).toBe('required');
    expect(explainUnparsable('0,001')).toBe('use a decimal point: 0.001');
    expect(explainUnparsable(' 1,5e-3 ')).toBe('use a decimal point: 1.5e-3');
    expect(parseNumberInput('0.001')).toBe(0.001);
  });
  it('leaves other text to validation\'s own message', () => {
    expect(explainUnparsable('abc')).toBeUndefined();
    expect(explainUnparsable('1,000,000')).toBeUndefined();
    expect(explainUnparsable(',')).toBeUndefined();
  });
});
