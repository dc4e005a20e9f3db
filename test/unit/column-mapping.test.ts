import { detectKind, headerRename, mappingProblems, suggestMapping } from '../../src-main/import/column-mapping';

// The wizard's first guess, from column names as the engine reads them (trimmed, lower case).
describe('column mapping', () => {
  it('recognises each kind from Settle’s own headers and from other programs’ names', () => {
    expect(detectKind(['code', 'name', 'email'])).toBe('customers');
    expect(detectKind(['customer id', 'company', 'telephone'])).toBe('customers');
    expect(detectKind(['number', 'customer_code', 'issue_date', 'due_date', 'amount'])).toBe('invoices');
    expect(detectKind(['inv #', 'customer', 'date', 'due', 'total'])).toBe('invoices');
    expect(detectKind(['reference', 'customer_code', 'date', 'amount'])).toBe('payments');
    expect(detectKind(['cheque number', 'account', 'received', 'amount paid', 'invoice'])).toBe('payments');
    expect(detectKind(['number', 'customer_code', 'date', 'amount', 'reason'])).toBe('credits');
  });

  it('uses each file column once, exact names first', () => {
    expect(suggestMapping('payments', ['invoice', 'reference', 'customer', 'date', 'amount'])).toEqual({
      reference: 'reference',
      customer_code: 'customer',
      date: 'date',
      amount: 'amount',
      invoice_number: 'invoice',
    });
    // "invoice" is the number of an invoice file, so it is not also offered as anything else.
    expect(suggestMapping('invoices', ['invoice', 'customer', 'date', 'due date', 'total'])).toEqual({
      number: 'invoice',
      customer_code: 'customer',
      issue_date: 'date',
      due_date: 'due date',
      amount: 'total',
    });
  });

  it('finds what is wrong with a mapping, and turns a good one into a header rename', () => {
    expect(mappingProblems('invoices', ['a', 'b'], { number: 'a', amount: 'a', reason: 'b', due_date: 'c' })).toEqual({
      amount: '“a” is already used for number',
      reason: 'is not a column of invoices',
      due_date: 'the file has no column “c”',
    });
    expect([...headerRename({ number: 'inv', amount: 'total' })]).toEqual([
      ['inv', 'number'],
      ['total', 'amount'],
    ]);
  });
});
