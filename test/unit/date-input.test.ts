import fc from 'fast-check';
import { formatDate, formatDateTime, parseDateInput } from '../../src-renderer/lib/dates';

// Node here formats in en-US (the machine's locale), as Chromium does in the e2e tests.
describe('a date typed into a date field', () => {
  it.each([
    ['2026-12-08', '2026-12-08'],
    [' 2026-12-08 ', '2026-12-08'],
    ['2026-1-5', '2026-01-05'],
    ['12/8/2026', '2026-12-08'],
    ['12.08.2026', '2026-12-08'],
    ['Dec 8, 2026', '2026-12-08'],
    ['8 December 2026', '2026-12-08'],
    ['december 8 2026', '2026-12-08'],
    ['2024-02-29', '2024-02-29'],
    ['', null],
  ])('%p is %p', (text, value) => {
    expect(parseDateInput(text)).toEqual({ ok: true, value });
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '12/8/26', '8/12', 'tomorrow', '2026-12-08x', 'Dec 32, 2026'])('%p is refused, not guessed', (text) => {
    expect(parseDateInput(text)).toEqual({ ok: false, message: 'Enter a date such as 2026-12-08' });
  });

  it('reads back every date it shows, and every ISO date as itself (property)', () => {
    const day = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (iso) => {
        expect(parseDateInput(iso)).toEqual({ ok: true, value: iso });
        expect(parseDateInput(formatDate(iso))).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 1_000 },
    );
  });

  it('shows a ledger date and a timeline time in the locale, never shifted by the time zone', () => {
    expect(formatDate('2026-12-08')).toBe('Dec 8, 2026');
    expect(formatDate('')).toBe('');
    expect(formatDateTime('2026-12-08T14:05').replace(/\u202f/g, ' ')).toBe('Dec 8, 2026, 2:05 PM');
  });
});
