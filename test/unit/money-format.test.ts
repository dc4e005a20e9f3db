import fc from 'fast-check';
import type { AppInfo, Handlers } from '../../src-main/contract';
import { inlineValues, letterData } from '../../src-main/letters/letter-context';
import { formatMoney, formatMoneyOrBlank } from '../../src-main/money/money-format';
import { createHandlers } from '../../src-main/services/create-services';
import * as screen from '../../src-renderer/lib/money';
import { serviceCaller } from '../support/service-caller';
import { openTempLedger } from '../support/temp-ledger';

// Intl puts a no-break space (U+00A0) or a narrow one (U+202F) where a person sees a space.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the one money formatter', () => {
  it.each([
    [123_456, 'USD', 'en-US', '$1,234.56'],
    [-500, 'USD', 'en-US', '-$5.00'],
    [0, 'USD', 'en-US', '$0.00'],
    [7, 'USD', 'en-US', '$0.07'],
    [100_000_000_000_00, 'USD', 'en-US', '$100,000,000,000.00'],
    [123_456, 'EUR', 'de-DE', '1.234,56 €'],
    [-123_456, 'EUR', 'de-DE', '-1.234,56 €'],
    [123_456, 'GBP', 'en-GB', '£1,234.56'],
    [123_456, 'USD', 'en-GB', 'US$1,234.56'],
    // The ledger keeps hundredths whatever the currency: a yen amount shows without decimals,
    // but a fraction the ledger does hold is shown rather than rounded away.
    [123_400, 'JPY', 'en-US', '¥1,234'],
    [123_450, 'JPY', 'en-US', '¥1,234.5'],
    [0, 'JPY', 'ja-JP', '￥0'],
    [123_456, 'KWD', 'en-US', 'KWD 1,234.560'],
  ])('%p minor units of %s in %s is %p', (minor, currency, locale, expected) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(expected);
  });

  it('writes zero as a dash where asked, and every other amount as formatMoney does', () => {
    expect(formatMoneyOrBlank(0, 'USD', 'en-US')).toBe('–');
    expect(formatMoneyOrBlank(-1, 'USD', 'en-US')).toBe('-$0.01');
    expect(formatMoneyOrBlank(250_000, 'EUR', 'de-DE')).toBe(formatMoney(250_000, 'EUR', 'de-DE'));
  });

  it('refuses a code that is not a currency rather than print something wrong', () => {
    expect(() => formatMoney(100, 'DOLLARS', 'en-US')).toThrow(RangeError);
  });

  it('never loses a cent: every amount the ledger can hold reads back as the same integer (property)', () => {
    // The oracle works in integers only: whole units grouped by threes, then the two digits of hundredths.
    const oracle = (minor: number) => {
      const abs = Math.abs(minor);
      const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${minor < 0 ? '-' : ''}$${whole}.${String(abs % 100).padStart(2, '0')}`;
    };
    const ledgerAmount = fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 });
    fc.assert(fc.property(ledgerAmount, (minor) => formatMoney(minor, 'USD', 'en-US') === oracle(minor)), { numRuns: 2_000 });
    fc.assert(
      fc.property(ledgerAmount, (minor) => {
        const text = plain(formatMoney(minor, 'EUR', 'de-DE'));
        return Number(text.replace(/[^\d,-]/g, '').replace(',', '').replace('-', '')) * (minor < 0 ? -1 : 1) === minor;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the same amount on the screen and in a letter', () => {
  let t: Awaited<ReturnType<typeof openTempLedger>>;
  let handlers: Handlers;
  const { ok } = serviceCaller(() => handlers, () => t.ledger);

  beforeEach(async () => {
    t = await openTempLedger();
    handlers = createHandlers(t.ledger, { dailyBackups: false });
  });
  afterEach(async () => t.cleanup());

  it('writes the letter’s total due exactly as the window writes it, from the ledger’s currency and the locale app.info gives the window', async () => {
    const c = await ok<{ id: number }>('customers.create', { code: 'ACME', name: 'Acme Ltd' });
    await ok('invoices.create', { number: 'INV-1', customerId: c.id, issueDate: '2026-01-01', dueDate: '2026-01-31', amount: 1_664_828 });
    const info = await ok<AppInfo>('app.info', {});
    expect(info.currency).toBe('USD');
    screen.setMoneyStyle(info.currency, info.locale);

    const letter = inlineValues(letterData(t.ledger.db, c.id, '2026-03-01', 'accounts_payable'));
    expect(letter.total_due).toBe(screen.formatMoney(1_664_828));
    expect(letter.total_due).toBe(formatMoney(1_664_828, 'USD', info.locale));
    expect(screen.formatMoneyOrBlank(0)).toBe('–');
  });
});
