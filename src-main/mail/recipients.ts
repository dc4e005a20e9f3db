import type { Database } from 'better-sqlite3';
import type { ContactRole } from '../contract/customers';
import type { MailRecipients } from '../contract/mail';
import type { TemplateAddressee } from '../contract/templates';

export interface ContactFacts {
  role: ContactRole;
  email: string | null;
  isPrimary: boolean;
}

export interface RecipientFacts {
  /** The customer's live contacts, in the order the card lists them. */
  contacts: ContactFacts[];
  customerEmail: string | null;
  addressedTo: TemplateAddressee;
  /** The step's roles to copy in, or null. */
  ccRoles: ContactRole[] | null;
  /** The ledger's from address when BCC-to-self is on, else null. */
  bccSelf: string | null;
}

const ROLES_FOR: Record<TemplateAddressee, ContactRole[]> = {
  accounts_payable: ['accounts_payable'],
  // As letters to the principal are addressed (letter-context.ts): the owner, else senior leadership.
  principal: ['principal', 'senior_leadership'],
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Whom one message goes to. To: the first contact with an address in the letter's role (the
 * primary one first, roles in order), else the customer's own address. Cc: every contact with an
 * address in the step's cc roles, not already in To. Bcc: the sender, when the ledger asks for it.
 * An empty To means the customer cannot be emailed (their letter is printed instead).
 */
export function chooseRecipients(f: RecipientFacts): MailRecipients {
  const withEmail = f.contacts.filter((c): c is ContactFacts & { email: string } => !!c.email);
  let to: string | null = null;
  for (const role of ROLES_FOR[f.addressedTo]) {
    const inRole = withEmail.filter((c) => c.role === role);
    const pick = inRole.find((c) => c.isPrimary) ?? inRole[0];
    if (pick) {
      to = pick.email;
      break;
    }
  }
  to ??= f.customerEmail;
  if (!to) return { to: [], cc: [], bcc: [] };
  const cc: string[] = [];
  for (const c of withEmail) {
    if (f.ccRoles?.includes(c.role) && !same(c.email, to) && !cc.some((x) => same(x, c.email))) cc.push(c.email);
  }
  const bcc = f.bccSelf && !same(f.bccSelf, to) && !cc.some((x) => same(x, f.bccSelf!)) ? [f.bccSelf] : [];
  return { to: [to], cc, bcc };
}

/** The facts chooseRecipients needs, read from the ledger. */
export function recipientsOf(db: Database, customerId: number, addressedTo: TemplateAddressee, ccRoles: ContactRole[] | null, bccSelf: string | null): MailRecipients {
  const contacts = (
    db
      .prepare('SELECT role, email, is_primary FROM contact WHERE customer_id = ? AND removed_at IS NULL ORDER BY position, id')
      .all(customerId) as { role: ContactRole; email: string | null; is_primary: number }[]
  ).map((c) => ({ role: c.role, email: c.email, isPrimary: c.is_primary === 1 }));
  const customerEmail = db.prepare('SELECT email FROM customer WHERE id = ?').pluck().get(customerId) as string | null;
  return chooseRecipients({ contacts, customerEmail, addressedTo, ccRoles, bccSelf });
}

/** The cc roles of the policy steps behind these tasks (all of them together), or null. */
export function ccRolesOfTasks(db: Database, taskIds: number[]): ContactRole[] | null {
  if (taskIds.length === 0) return null;
  const rows = db
    .prepare('SELECT s.cc_roles FROM task t JOIN policy_step s ON s.id = t.step_id WHERE t.id IN (SELECT value FROM json_each(?)) AND s.cc_roles IS NOT NULL')
    .pluck()
    .all(JSON.stringify(taskIds)) as string[];
  const roles = new Set<ContactRole>();
  for (const r of rows) for (const role of JSON.parse(r) as ContactRole[]) roles.add(role);
  return roles.size > 0 ? [...roles] : null;
}
