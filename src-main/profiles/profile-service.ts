import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Profile, ProfileChange, ProfileSet, ProfileSetSchema, ProfileSuggestion } from '../contract/profiles';
import { ServiceError } from '../contract/service-error';
import { appendNote } from '../timeline/append-note';
import { PROFILE_STRATEGIES } from './profile-strategy';
import { suggestProfile } from './profile-suggestion';
import { customerEditStamp } from '../ledger/ledger-changes';
import { writeTransaction } from '../ledger/write-transaction';

const HISTORY_SHOWN = 10;

/**
 * The customer's late-payer profile: Settle suggests one from behaviour, the clerk confirms
 * it. Every confirmation is logged with the suggestion it was made against, so the record
 * shows when the clerk overrode Settle and why.
 */
export class ProfileService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  suggest(x: { customerId: number; today: string }): ProfileSuggestion {
    const current = this.current(x.customerId);
    const s = suggestProfile(this.db, x.customerId, x.today);
    const shown = s.suggested ?? current;
    const history = this.history(x.customerId);
    return {
      customerId: x.customerId,
      current,
      suggested: s.suggested,
      reasons: s.reasons,
      signals: s.signals,
      label: shown ? PROFILE_STRATEGIES[shown].label : null,
      strategy: shown ? PROFILE_STRATEGIES[shown].strategy : null,
      history,
      awaitsDecision: s.suggested !== null && s.suggested !== current && history[0]?.suggested !== s.suggested,
    };
  }

  set(x: z.output<typeof ProfileSetSchema>): ProfileSet {
    return writeTransaction(this.db, () => {
      const previous = this.current(x.customerId);
      if (previous === x.profile) {
        throw new ServiceError('validation', x.profile ? 'The customer already has that profile.' : 'The customer has no profile to clear.', {
          profile: x.profile ? 'Already the profile' : 'No profile set',
        });
      }
      const at = this.now();
      const changedAt = at.toISOString();
      this.db.prepare('UPDATE customer SET profile = ?, updated_at = ? WHERE id = ?').run(x.profile, customerEditStamp(this.db, at), x.customerId);
      this.db
        .prepare('INSERT INTO profile_change (customer_id, profile, previous, suggested, reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(x.customerId, x.profile, previous, x.suggested, x.reason, x.by, changedAt);
      const summary = x.profile
        ? `Profile set to ${PROFILE_STRATEGIES[x.profile].label}: ${x.reason}`
        : `Profile cleared (was ${PROFILE_STRATEGIES[previous as Profile].label}): ${x.reason}`;
      appendNote(this.db, x.customerId, summary, x.by, at);
      return { customerId: x.customerId, profile: x.profile, previous, label: x.profile ? PROFILE_STRATEGIES[x.profile].label : null, changedAt };
    })();
  }

  private current(customerId: number): Profile | null {
    const row = this.db.prepare('SELECT profile FROM customer WHERE id = ?').get(customerId) as { profile: Profile | null } | undefined;
    if (!row) throw new ServiceError('not_found', `Customer ${customerId} does not exist.`, { customerId: 'No such customer' });
    return row.profile;
  }

  private history(customerId: number): ProfileChange[] {
    return this.db
      .prepare(
        `SELECT profile, previous, suggested, reason, changed_by AS changedBy, changed_at AS changedAt
           FROM profile_change WHERE customer_id = ? ORDER BY id DESC LIMIT ${HISTORY_SHOWN}`,
      )
      .all(customerId) as ProfileChange[];
  }
}
