import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightness';
import IconButton from '@mui/material/IconButton';
import { useColorScheme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';

const NEXT = { system: 'light', light: 'dark', dark: 'system' } as const;
const LABEL = { system: 'as the system', light: 'light', dark: 'dark' } as const;

/** Cycles system → light → dark; MUI keeps the choice in localStorage. */
export function ThemeToggle() {
  const { mode, setMode } = useColorScheme();
  const current = mode ?? 'system';
  const icon = current === 'dark' ? <DarkModeIcon /> : current === 'light' ? <LightModeIcon /> : <SettingsBrightnessIcon />;
  return (
    <Tooltip title={`Theme: ${LABEL[current]} (click to change)`}>
      <IconButton color="inherit" aria-label={`Theme: ${LABEL[current]}`} onClick={() => setMode(NEXT[current])}>
        {icon}
      </IconButton>
    </Tooltip>
  );
}
