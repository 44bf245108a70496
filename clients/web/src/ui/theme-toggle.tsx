import { useState } from 'preact/hooks';

const KEY = 'miyu.theme';
type Theme = 'light' | 'dark' | 'system';

/** Applies the saved theme before the first render (no inline script: the CSP forbids it). */
export function applySavedTheme(): void {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
}

/** Light / dark / follow the system (prefers-color-scheme). */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(KEY) as Theme | null) ?? 'system');
  const next: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };
  const label: Record<Theme, string> = { system: '◐ Auto', dark: '☾ Dark', light: '☀ Light' };
  const cycle = () => {
    const value = next[theme];
    setTheme(value);
    if (value === 'system') {
      localStorage.removeItem(KEY);
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem(KEY, value);
      document.documentElement.dataset.theme = value;
    }
  };
  return (
    <button type="button" class="secondary" onClick={cycle} aria-label={`Theme: ${theme}`} title="Switch theme">
      {label[theme]}
    </button>
  );
}
