// The one searchable picker of the web UI (issue #14 "names everywhere"):
// an ARIA 1.2 combobox (a text input with a listbox popup) where people type
// part of a Chinese name or its pinyin initials and choose from the list.
// The form field `name` (a hidden input) carries the code; the user only
// ever sees names. Keyboard: ↓/↑ move, Enter chooses, Esc closes; searches
// are debounced and a late answer never overwrites a newer one.
//
// combobox({ label, name, search(q) → [{value, label, detail?}],
//            resolve?(value) → text, value?, text?, required?, placeholder?,
//            hint?, onChange?(value, item) })
// returns a <div class="picker"> with .value() (the code), .text(),
// .setValue(value, text?) and .input (the visible input).
//
// The named pickers below search the server: regionSearchPicker,
// occupationPicker, employerPicker, jobPicker, personPicker.
import { api } from './api.js';
import { h } from './dom.js';
import { getRegion } from './regions.js';

let seq = 0;
const DEBOUNCE_MS = 200;

export function combobox({
  label, name, search, resolve, value = '', text = '', required = false, placeholder = '',
  hint = '', onChange, minChars = 1,
} = {}) {
  const id = `picker-${++seq}`;
  const hidden = h('input', { type: 'hidden', name, value });
  const input = h('input', {
    type: 'text', role: 'combobox', autocomplete: 'off', 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': `${id}-list`, placeholder: placeholder || '输入名称或拼音首字母',
    required, value: text, dataset: { pickerFor: name },
  });
  const list = h('ul', { role: 'listbox', id: `${id}-list`, class: 'picker-list', hidden: true, 'aria-label': label });
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const wrap = h('div', { class: 'picker', 'data-component': 'picker', dataset: { name } },
    h('label', { for: `${id}-input` }, label, hint ? h('span', { class: 'muted picker-hint' }, ` ${hint}`) : null),
    input, hidden, list, status);
  input.id = `${id}-input`;
  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  let chosenText = text;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function mark(i) {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }
  function validity() {
    // Typed but not chosen: the form must not send a half-typed name.
    input.setCustomValidity(input.value.trim() && !hidden.value ? `请从列表中选择${label}` : '');
    // The whole chosen name on hover, where the box is narrower than it.
    input.title = hidden.value ? input.value : '';
  }
  function choose(item) {
    hidden.value = item.value;
    input.value = item.text ?? item.label;
    chosenText = input.value;
    validity();
    close();
    onChange?.(item.value, item);
  }
  function render(found, q) {
    items = found;
    list.replaceChildren(...(found.length
      ? found.map((it, i) => h('li', { role: 'option', id: `${id}-opt-${i}`, 'aria-selected': 'false', dataset: { value: it.value } },
        h('span', { class: 'picker-name' }, it.label),
        it.detail ? h('span', { class: 'picker-detail muted' }, it.detail) : null))
      : [h('li', { role: 'option', class: 'picker-empty muted', 'aria-disabled': 'true', 'aria-selected': 'false' },
        `没有与“${q}”相符的${label}`)]));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = found.length ? `${found.length} 项可选` : '无匹配项';
    mark(found.length ? 0 : -1);
  }
  async function run(q) {
    const mine = ++asked;
    let found;
    try {
      found = await search(q);
    } catch {
      found = [];
    }
    if (mine !== asked || document.activeElement !== input) return;
    render(found, q);
  }

  input.addEventListener('input', () => {
    if (hidden.value) {
      hidden.value = '';
      onChange?.('', null);
    }
    validity();
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < minChars) {
      asked++;
      close();
      return;
    }
    timer = setTimeout(() => run(q), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) { if (input.value.trim()) run(input.value.trim()); return; }
      if (items.length) mark((active + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (open && items.length) mark((active - 1 + items.length) % items.length);
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        e.preventDefault();
        choose(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) { e.preventDefault(); close(); }
    } else if (e.key === 'Tab') {
      close();
    }
  });
  input.addEventListener('blur', () => {
    // A click on an option arrives as mousedown first (below), so closing here is safe.
    setTimeout(close, 150);
  });
  list.addEventListener('mousedown', (e) => {
    e.preventDefault();  // keep the focus in the input
    const li = e.target.closest('li[role="option"]');
    if (!li) return;
    const i = [...list.children].indexOf(li);
    if (items[i]) choose(items[i]);
  });

  wrap.input = input;
  wrap.value = () => hidden.value;
  wrap.text = () => input.value;
  wrap.setValue = async (v, t) => {
    hidden.value = v ?? '';
    input.value = t ?? '';
    chosenText = input.value;
    validity();
    if (v && t == null && resolve) {
      try {
        const got = await resolve(v);
        if (hidden.value === v) { input.value = got || ''; chosenText = input.value; validity(); }
      } catch { /* the code stays; the box stays empty */ }
    }
  };
  if (value && !text && resolve) wrap.setValue(value);
  return wrap;
}

// Regions within the caller's scope, by name, initials or code; value =
// region code, the box shows the full name ("贵州省贵阳市白云区").
// Options: within (a region inside the scope), deepest (county/township/village).
export function regionSearchPicker({ label = '区划', name = 'region', within, deepest, ...rest } = {}) {
  return combobox({
    label, name, ...rest,
    placeholder: rest.placeholder ?? '输入区县、乡镇或村名，或拼音首字母，如 byq',
    search: async (q) => (await api.get('/api/regions/search', { q, within, deepest, limit: 15 }, { quiet: true })).items
      .map((r) => ({ value: r.code, label: r.name, detail: `${r.full_name} · ${r.level_label}`, text: r.full_name })),
    resolve: async (code) => (await getRegion(code)).full_name,
  });
}

// The 2022 occupational classification; value = occupation code.
export function occupationPicker({ label = '职业', name = 'occupation_code', ...rest } = {}) {
  return combobox({
    label, name, ...rest,
    placeholder: rest.placeholder ?? '输入职业或岗位名称，如 电商主播、焊工',
    search: async (q) => (await api.get('/api/occupations', { q, limit: 15 }, { quiet: true })).items
      .map((o) => ({
        value: o.code, label: o.name,
        detail: [o.level_label, o.parent_name ? `属${o.parent_name}` : '', o.via ? `含“${o.via}”` : ''].filter(Boolean).join(' · '),
      })),
    resolve: async (code) => (await api.get('/api/occupations', { q: code, limit: 1 }, { quiet: true })).items
      .find((o) => o.code === code)?.name ?? '',
  });
}

// Employers the caller may see, by name, initials or credit code; value = credit code.
export function employerPicker({ label = '用人单位', name = 'employer_credit_code', ...rest } = {}) {
  return combobox({
    label, name, ...rest,
    placeholder: rest.placeholder ?? '输入单位名称或拼音首字母',
    search: async (q) => (await api.get('/api/employers', { q, limit: 12 }, { quiet: true })).items
      .map((e) => ({ value: e.credit_code, label: e.name, detail: e.region_name || '' })),
    resolve: async (code) => (await api.get('/api/employers', { q: code, limit: 1 }, { quiet: true })).items
      .find((e) => e.credit_code === code)?.name ?? '',
  });
}

// Jobs by title; value = job id.
export function jobPicker({ label = '岗位', name = 'job_id', ...rest } = {}) {
  return combobox({
    label, name, ...rest,
    placeholder: rest.placeholder ?? '输入岗位名称',
    search: async (q) => (await api.get('/api/jobs', { q, limit: 12 }, { quiet: true })).items
      .map((j) => ({ value: String(j.job_id), label: j.title, detail: [j.employer_name, j.place_name].filter(Boolean).join(' · ') })),
    resolve: async (id) => {
      const j = await api.get(`/api/jobs/${encodeURIComponent(id)}`, null, { quiet: true });
      return j.title ?? j.job?.title ?? '';
    },
  });
}

// Persons in the officer's scope by part of a name, initials, ID or phone
// (masked in the list); value = person id.
export function personPicker({ label = '人员', name = 'person_id', ...rest } = {}) {
  return combobox({
    label, name, ...rest,
    placeholder: rest.placeholder ?? '输入姓名、拼音首字母或身份证号',
    search: async (q) => (await api.get('/api/persons', { q, limit: 20 }, { quiet: true })).items
      .map((p) => ({
        value: String(p.person_id), label: p.name,
        detail: [p.id_number, p.residence_region_name || p.hukou_region_name].filter(Boolean).join(' · '),
      })),
    resolve: async (id) => (await api.get(`/api/persons/${encodeURIComponent(id)}`, null, { quiet: true })).name ?? '',
  });
}
