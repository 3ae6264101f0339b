// Small DOM helpers: h() builds elements (text is always set as text, never
// parsed as HTML, so data from the server cannot inject markup), dataTable()
// builds a table that becomes a stack of cards on a phone.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// columns: [{key, title, render?(row) -> Node|string, num?}]
export function dataTable(columns, rows, { empty = '没有符合条件的记录', caption } = {}) {
  if (!rows.length) return h('div', { class: 'empty' }, empty);
  const thead = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.title))));
  const tbody = h('tbody', {}, rows.map((r) => rowOf(columns, r)));
  return h('table', { class: 'data' }, caption ? h('caption', { class: 'muted' }, caption) : null, thead, tbody);
}

export function rowOf(columns, r) {
  return h('tr', {}, columns.map((c) => {
    const v = c.render ? c.render(r) : r[c.key];
    return h('td', { 'data-label': c.title, class: c.num ? 'num' : null }, v ?? '—');
  }));
}

export function fieldList(pairs) {
  return h('dl', { class: 'fields' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === '' || v == null ? '—' : v)]));
}

// Reads a form's fields into a plain object of trimmed strings.
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string') out[k] = v.trim();
  return out;
}
