import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Profile, ProfileStrategy, ProfileSuggestion } from '../../../src-main/contract';
import { call } from '../../api/client';
import { profileLabel } from '../../lib/customer-labels';
import type { CardPanelProps } from './card-panel';
import { ProfileDialog } from './ProfileDialog';
import { formatDate } from '../../lib/dates';

interface Loaded {
  suggestion: ProfileSuggestion;
  strategies: Record<Profile, ProfileStrategy>;
}

/** How the dialog opens: confirming the suggestion, or choosing freely. */
type Opened = { profile: Profile | null; reason: string } | 'choose' | null;

/**
 * Why this customer pays late and what to do about it. Settle suggests a profile from the
 * figures; the clerk decides, so a suggestion is only ever a prompt with its reasons shown.
 */
export function ProfilePanel({ customerId, card, today, version, onChanged }: CardPanelProps) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened>(null);

  useEffect(() => {
    let live = true;
    Promise.all([call('profiles.suggest', { customerId, today }), call('profiles.strategies', {})]).then(
      ([suggestion, strategies]) => {
        if (!live) return;
        setData({ suggestion, strategies });
        setError(null);
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [customerId, today, version]);

  const current = card.customer.profile as Profile | null;
  const s = data?.suggestion;
  const differs = !!s?.awaitsDecision;
  const latest = s?.history[0];

  return (
    <Box component="section" aria-labelledby="profile-title" sx={{ mt: 1.5, pt: 1.5, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
        <Typography id="profile-title" variant="subtitle2" component="h2" color="text.secondary">
          Profile
        </Typography>
        <Typography variant="subtitle2" component="p" sx={{ fontWeight: 700 }}>
          {current ? profileLabel(current) : 'Not set'}
        </Typography>
        <Button size="small" onClick={() => setOpened('choose')}>
          Change profile
        </Button>
      </Box>
      {current && data && (
        <Typography variant="body2" color="text.secondary">
          {data.strategies[current].strategy}
        </Typography>
      )}
      {current && latest && latest.profile === current && (
        <Typography variant="caption" color="text.secondary" display="block">
          Confirmed {formatDate(latest.changedAt.slice(0, 10))}
          {latest.changedBy ? ` by ${latest.changedBy}` : ''}: {latest.reason}
        </Typography>
      )}
      {!current && !differs && (
        <Typography variant="body2" color="text.secondary">
          A profile says why the customer pays late, and shapes the strategy and the letters.
        </Typography>
      )}
      {error && (
        <Typography variant="caption" color="error" display="block">
          Could not read the suggestion: {error}
        </Typography>
      )}

      {s && differs && (
        <Box role="group" aria-label="Profile suggestion" sx={{ mt: 1, p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}>
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            Suggested: {profileLabel(s.suggested!)}
          </Typography>
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {s.reasons.map((r) => (
              <Typography key={r} component="li" variant="body2">
                {r}
              </Typography>
            ))}
          </Box>
          <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
            <Button size="small" variant="contained" onClick={() => setOpened({ profile: s.suggested, reason: `${s.reasons.join('; ')}.` })}>
              Confirm {profileLabel(s.suggested!)}
            </Button>
            <Button size="small" onClick={() => setOpened('choose')}>
              Choose another…
            </Button>
          </Box>
        </Box>
      )}
      {/* No suggestion: say why quietly; the clerk can still set one by hand. */}
      {s && !s.suggested && s.reasons.length > 0 && (
        <Typography variant="caption" color="text.secondary" display="block">
          {s.reasons.join('; ')}
        </Typography>
      )}

      {opened && (
        <ProfileDialog
          customerId={customerId}
          current={current}
          suggested={s?.suggested ?? null}
          initialProfile={opened === 'choose' ? undefined : opened.profile}
          initialReason={opened === 'choose' ? '' : opened.reason}
          onClose={() => setOpened(null)}
          onSaved={(message) => {
            setOpened(null);
            onChanged(message);
          }}
        />
      )}
    </Box>
  );
}
