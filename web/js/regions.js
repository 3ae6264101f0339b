// Regions over GET /api/regions/{code} (cached per page) and the region
// picker: cascading selects from a root region (an officer's own region,
// or the province) down to the village. The picker's value is the code of
// the deepest region chosen, or the root's code when nothing is chosen.
import { api } from './api.js';
import { h } from './dom.js';
import { LEVELS } from './labels.js';

export const PROVINCE_CODE = '52';  // 贵州省
const cache = new Map();

export function getRegion(code) {
  if (!cache.has(code)) {
    const p = api.get(`/api/regions/${encodeURIComponent(code)}`, null, { quiet: true });
    p.catch(() => cache.delete(code));
    cache.set(code, p);
  }
  return cache.get(code);
}

// The region's name, or the code itself when it cannot be resolved (e.g. a
// place outside the caller's scope).
export async function regionName(code, { full = false } = {}) {
  if (!code) return '—';
  try {
    const r = await getRegion(code);
    return (full ? r.full_name : null) ?? r.name ?? code;
  } catch {
    return code;
  }
}

// A span that shows the code first and its name once known (the full name,
// "贵州省…县…镇…村", when `full`).
export function regionText(code, known, { full = false } = {}) {
  const span = h('span', { title: code || '' }, known || code || '—');
  if (code && !known) regionName(code, { full }).then((n) => { span.textContent = n; });
  return span;
}

// Builds a picker. Options: root (code), name (form field name), onChange.
export function regionPicker({ root = PROVINCE_CODE, name = 'region', onChange } = {}) {
  const hidden = h('input', { type: 'hidden', name, value: root });
  const wrap = h('div', { class: 'region-picker', 'data-component': 'region-picker' }, hidden);
  const rootLabel = h('span', { class: 'root' }, '…');
  wrap.append(rootLabel);

  function setValue(code) {
    hidden.value = code;
    onChange?.(code);
  }

  async function addLevel(code, afterEl) {
    let region;
    try {
      region = await getRegion(code);
    } catch (e) {
      wrap.append(h('span', { class: 'muted' }, e.message));
      return;
    }
    if (afterEl === null) rootLabel.textContent = region.name;
    const children = region.children ?? [];
    if (!children.length) return;
    const levelName = LEVELS[children[0].level] ?? '下级区划';
    const select = h('select', { 'aria-label': `选择${levelName}`, dataset: { parent: code } },
      h('option', { value: '' }, `全部${levelName}`),
      children.map((c) => h('option', { value: c.code }, c.name)));
    select.addEventListener('change', () => {
      // Drop the selects below this one, then open the next level.
      while (select.nextElementSibling) select.nextElementSibling.remove();
      if (select.value) {
        setValue(select.value);
        addLevel(select.value, select);
      } else {
        setValue(code);
      }
    });
    wrap.append(select);
  }

  addLevel(root, null);
  wrap.value = () => hidden.value;
  return wrap;
}
