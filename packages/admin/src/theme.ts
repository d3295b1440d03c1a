import { defaultTheme } from 'react-admin';

/** react-admin's theme with E-Pairs' colours (contrast checked by axe in the browser tests). */
export const theme = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#1d4f7a' },
    secondary: { main: '#0b6b5a' },
    // Darker than MUI's default red: error texts stay readable on filled inputs (WCAG AA).
    error: { main: '#b3261e' },
  },
};
