// Noto Sans covers every Kazakh letter; only the Latin and Cyrillic subsets are bundled.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/cyrillic-700.css';
import '@fontsource/noto-sans/cyrillic-ext-700.css';
// Noto Emoji (monochrome, prints in grayscale): scenario chats and worksheets show emoji on PCs without an emoji font.
// Its files are split by Unicode range, and the browser loads only the ranges a page uses.
import '@fontsource/noto-emoji/400.css';
import './styles/app.css';
import './styles/print.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { teacher } from './app/teacher.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing');
// The keeper says whether this PC is a pupils' station before anything is on screen.
void teacher.load().finally(() => mount(App, { target }));
