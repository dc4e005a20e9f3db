import fc from 'fast-check';
import { INLINE_FIELDS, type InlineField } from '../../src-main/letters/merge-fields';
import { mergeLetter } from '../../src-main/letters/merge-letter';
import { checkTemplate } from '../../src-main/letters/template-check';

const values = Object.fromEntries(Object.keys(INLINE_FIELDS).map((k) => [k, `<${k}>`])) as Record<InlineField, string>;

describe('checking a template while it is edited', () => {
  it('accepts every known field, inline and block', () => {
    const body = `Dear {{contact.name}},\n\n{{ total_due }} is due by {{resolution_date}}.\n\n{{open_items_table}}\n\n  {{signature_lines}}  \n`;
    expect(checkTemplate('Account {{customer.code}}', body)).toEqual([]);
  });

  it('names each problem with its line and column, and suggests the field meant', () => {
    expect(checkTemplate('Hello {{open_items_table}}', 'Dear {{custmer.name}},\n\nPay {{total_due} now.\nSee: {{open_items_table}}\n{{}}\n}} stray')).toEqual([
      { part: 'subject', line: 1, column: 7, message: '{{open_items_table}} is a table or signature block and cannot go in the subject' },
      { part: 'body', line: 1, column: 6, message: 'Unknown field {{custmer.name}} — did you mean {{customer.name}}?' },
      { part: 'body', line: 3, column: 5, message: 'A field is opened with {{ but not closed with }}' },
      { part: 'body', line: 4, column: 6, message: '{{open_items_table}} must stand on a line of its own' },
      { part: 'body', line: 5, column: 1, message: 'Empty field {{}}' },
      { part: 'body', line: 6, column: 1, message: 'A }} closes no field' },
    ]);
  });

  it('does not suggest a field for a name nothing like one', () => {
    expect(checkTemplate('', '{{javascript:alert(1)}}')[0].message).toBe('Unknown field {{javascript:alert(1)}}');
  });
});

describe('merging a letter', () => {
  it('fills fields, splits paragraphs on blank lines, and makes blocks of block fields', () => {
    const merged = mergeLetter('Account {{customer.code}}:\n overdue', 'Dear {{contact.name}},\n\nLine one\nline two {{total_due}}\n\n{{open_items_table}}\nThanks,\n{{clerk.name}}', values);
    expect(merged).toEqual({
      subject: 'Account <customer.code>: overdue',
      blocks: [
        { kind: 'paragraph', text: 'Dear <contact.name>,' },
        { kind: 'paragraph', text: 'Line one\nline two <total_due>' },
        { kind: 'open_items_table' },
        { kind: 'paragraph', text: 'Thanks,\n<clerk.name>' },
      ],
    });
  });

  it('never reads a value as a field, whatever the customer typed into their name', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const merged = mergeLetter('{{customer.name}}', 'Dear {{customer.name}}', { ...values, 'customer.name': name });
        return (merged.blocks[0] as { text: string }).text === `Dear ${name}`;
      }),
    );
  });
});
