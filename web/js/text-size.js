// 适老化 larger-text mode: one switch on every page (the shared header, the
// login page), remembered in localStorage, that scales the whole UI's text
// by 1.3 (app.css: html.large-text; every size there is in rem or em).
// Importing the module applies the remembered choice at once.
import { h } from './dom.js';

const KEY = 'qjy.largeText';

export function largeTextOn() {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;  // storage blocked: standard size
  }
}

function apply(on) {
  document.documentElement.classList.toggle('large-text', on);
}

apply(largeTextOn());

// The switch: a toggle button (aria-pressed) reading 大字 / 标准字.
export function textSizeToggle() {
  const button = h('button', { type: 'button', class: 'secondary text-size', 'data-testid': 'text-size',
    'aria-pressed': largeTextOn() ? 'true' : 'false', title: '适老化：放大页面文字' });
  const label = () => { button.textContent = largeTextOn() ? '标准字' : '大字'; };
  button.addEventListener('click', () => {
    const on = !largeTextOn();
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch { /* still applied for this page */ }
    apply(on);
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    label();
  });
  label();
  return button;
}
