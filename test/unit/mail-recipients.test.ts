import { chooseRecipients, type ContactFacts } from '../../src-main/mail/recipients';

const ap: ContactFacts = { role: 'accounts_payable', email: 'ap@acme.example', isPrimary: false };
const ap2: ContactFacts = { role: 'accounts_payable', email: 'dana@acme.example', isPrimary: true };
const owner: ContactFacts = { role: 'principal', email: 'pat@acme.example', isPrimary: false };
const lead: ContactFacts = { role: 'senior_leadership', email: 'cfo@acme.example', isPrimary: false };
const buyer: ContactFacts = { role: 'purchasing', email: 'buy@acme.example', isPrimary: false };
const none = { customerEmail: null, ccRoles: null, bccSelf: null };

describe('whom an email goes to', () => {
  it('goes to the primary accounts-payable contact with an address, else the first, else the customer’s own address, else nobody', () => {
    expect(chooseRecipients({ ...none, contacts: [ap, ap2, owner], addressedTo: 'accounts_payable' }).to).toEqual(['dana@acme.example']);
    expect(chooseRecipients({ ...none, contacts: [ap, owner], addressedTo: 'accounts_payable' }).to).toEqual(['ap@acme.example']);
    expect(chooseRecipients({ ...none, contacts: [{ ...ap, email: null }, owner], customerEmail: 'info@acme.example', addressedTo: 'accounts_payable' }).to).toEqual(['info@acme.example']);
    expect(chooseRecipients({ ...none, contacts: [{ ...ap, email: null }], addressedTo: 'accounts_payable', bccSelf: 'me@northwind.example' })).toEqual({ to: [], cc: [], bcc: [] });
  });

  it('goes to the principal for a letter addressed to them, else senior leadership, else the customer', () => {
    expect(chooseRecipients({ ...none, contacts: [ap, lead, owner], addressedTo: 'principal' }).to).toEqual(['pat@acme.example']);
    expect(chooseRecipients({ ...none, contacts: [ap, lead], addressedTo: 'principal' }).to).toEqual(['cfo@acme.example']);
    expect(chooseRecipients({ ...none, contacts: [ap], customerEmail: 'info@acme.example', addressedTo: 'principal' }).to).toEqual(['info@acme.example']);
  });

  it('copies in the step’s roles once each, never the To, and blind-copies the sender unless already a recipient', () => {
    const r = chooseRecipients({ contacts: [ap2, ap, owner, buyer, { ...owner, email: 'PAT@acme.example' }], customerEmail: null, addressedTo: 'principal', ccRoles: ['accounts_payable', 'principal'], bccSelf: 'me@northwind.example' });
    expect(r).toEqual({ to: ['pat@acme.example'], cc: ['dana@acme.example', 'ap@acme.example'], bcc: ['me@northwind.example'] });
    expect(chooseRecipients({ ...none, contacts: [ap], addressedTo: 'accounts_payable', bccSelf: 'AP@acme.example' }).bcc).toEqual([]);
  });
});
