import { formatMoneyInput, parseMoneyInput } from '../../src-renderer/lib/money';

describe('money typed in a form', () => {
  it.each([
    ['', null],
    ['0', 0],
    ['5000', 500000],
    ['5,000.5', 500050],
    ['1,234,567.89', 123456789],
    ['0.07', 7],
    ['  12.30 ', 1230],
  ])('%p is %p minor units', (text, value) => {
    expect(parseMoneyInput(text)).toEqual({ ok: true, value });
    if (value !== null) expect(parseMoneyInput(formatMoneyInput(value))).toEqual({ ok: true, value });
  });

  it.each([
    ['12.345', 'Use at most two decimal places'],
    ['-5', 'Enter an amount like 5000 or 5,000.00'],
    ['1e5', 'Enter an amount like 5000 or 5,000.00'],
    ['abc', 'Enter an amount like 5000 or 5,000.00'],
  ])('%p is refused', (text, message) => {
    expect(parseMoneyInput(text)).toEqual({ ok: false, message });
  });
});
