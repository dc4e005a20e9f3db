import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useEffect, useState } from 'react';
import { useAppInfo } from '../../app/app-info';
import { useNav } from '../../app/navigation';
import { switchLedger } from '../../app/switch-ledger';
import { entryFor, ledgerTitle, useLedgers } from './ledgers-store';

/**
 * The top bar's ledger: the company the tab is working for, and a menu of the recent ledgers to
 * move to another. The window title names the company too (Electron's title bar shows it).
 */
export function LedgerSwitcher() {
  const info = useAppInfo((s) => s.info);
  const { entries, load } = useLedgers();
  const go = useNav((s) => s.go);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const current = entryFor(entries, info?.ledgerPath);
  const title = info ? ledgerTitle(current, info.ledgerPath) : 'No ledger open';
  useEffect(() => {
    document.title = info ? `${title} — Settle` : 'Settle';
  }, [info, title]);

  async function open(ledgerPath: string) {
    setAnchor(null);
    setProblem(null);
    try {
      await switchLedger(ledgerPath);
    } catch (err) {
      setProblem((err as Error).message);
    }
  }

  return (
    <>
      <Tooltip title={problem ?? info?.ledgerPath ?? ''}>
        <Button
          color="inherit"
          endIcon={<ArrowDropDownIcon />}
          aria-haspopup="menu"
          aria-label={`Ledger: ${title}. Switch ledger`}
          onClick={(e) => {
            setAnchor(e.currentTarget);
            void load();
          }}
          sx={{ textTransform: 'none' }}
        >
          {title}
        </Button>
      </Tooltip>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ list: { 'aria-label': 'Recent ledgers' } }}>
        {(entries ?? []).map((e) => (
          <MenuItem key={e.path} selected={e.path === info?.ledgerPath} disabled={!e.present} onClick={() => void open(e.path)}>
            <ListItemText primary={e.company || e.name} secondary={e.present ? e.name : `${e.name} — missing`} />
          </MenuItem>
        ))}
        {(entries ?? []).length > 0 && <Divider />}
        <MenuItem
          onClick={() => {
            setAnchor(null);
            go('ledgers');
          }}
        >
          Ledgers…
        </MenuItem>
      </Menu>
    </>
  );
}
