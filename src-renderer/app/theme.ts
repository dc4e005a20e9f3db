import { createTheme } from '@mui/material/styles';

/** Light, dark or the system's choice (the clerk picks in the top bar; MUI remembers it). */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: { light: true, dark: true },
  palette: { primary: { main: '#1f5f8b' }, secondary: { main: '#6b4f9a' } },
  shape: { borderRadius: 6 },
  typography: { fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif' },
});
