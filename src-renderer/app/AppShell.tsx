import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AssessmentIcon from '@mui/icons-material/Assessment';
import ChecklistIcon from '@mui/icons-material/Checklist';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import TodayIcon from '@mui/icons-material/Today';
import MailIcon from '@mui/icons-material/Mail';
import PaymentsIcon from '@mui/icons-material/Payments';
import PeopleIcon from '@mui/icons-material/People';
import SettingsIcon from '@mui/icons-material/Settings';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { LedgerSwitcher } from '../features/ledgers/LedgerSwitcher';
import { ThemeToggle } from './ThemeToggle';
import { useNav, type Page } from './navigation';

const DRAWER_WIDTH = 220;

const NAV: { page: Page; label: string; icon: ReactNode }[] = [
  { page: 'today', label: 'Today', icon: <TodayIcon /> },
  { page: 'worklist', label: 'Worklist', icon: <ChecklistIcon /> },
  { page: 'customers', label: 'Customers', icon: <PeopleIcon /> },
  { page: 'payments', label: 'Receive payments', icon: <PaymentsIcon /> },
  { page: 'aging', label: 'Aging', icon: <AccountBalanceIcon /> },
  { page: 'letters', label: 'Letters', icon: <MailIcon /> },
  { page: 'reports', label: 'Reports', icon: <AssessmentIcon /> },
  { page: 'import', label: 'Import', icon: <UploadFileIcon /> },
  { page: 'settings', label: 'Settings', icon: <SettingsIcon /> },
  { page: 'ledgers', label: 'Ledgers', icon: <FolderOpenIcon /> },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { page, go } = useNav();
  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }} elevation={1}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="div" sx={{ fontWeight: 600, mr: 3 }}>
            Settle
          </Typography>
          <LedgerSwitcher />
          <Box sx={{ flexGrow: 1 }} />
          <ThemeToggle />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar variant="dense" />
        <nav aria-label="Main">
          <List>
            {NAV.map((item) => (
              <ListItemButton
                key={item.page}
                selected={page === item.page}
                aria-current={page === item.page ? 'page' : undefined}
                onClick={() => go(item.page)}
              >
                <ListItemIcon>{item.icon}</ListItemIcon>
                <ListItemText primary={item.label} />
              </ListItemButton>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, overflow: 'auto' }}>
        <Toolbar variant="dense" />
        {children}
      </Box>
    </Box>
  );
}
