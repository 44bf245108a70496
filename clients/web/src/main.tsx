import { render } from 'preact';
import { App } from './app.tsx';
import { applySavedTheme } from './ui/theme-toggle.tsx';
import './styles.css';

applySavedTheme();
render(<App />, document.getElementById('app')!);
