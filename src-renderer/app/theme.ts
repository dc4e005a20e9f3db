import { createTheme } from '@mui/material/styles';

/** Follows the system's light or dark preference. */
export const theme = createTheme({
  colorSchemes: { light: true, dark: true },
  palette: { primary: { main: '#1f5f8b' }, secondary: { main: '#6b4f9a' } },
  shape: { borderRadius: 6 },
  typography: { fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif' },
});
