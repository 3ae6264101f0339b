// Keyset pagination shared by the list pages: keeps a stack of cursors so
// "上一页" goes back, and "下一页" follows the server's next_after or, when
// the answer has none, the last item's id once a full page came back.
import { h } from '../dom.js';

export function keysetPager(container, { fetch, idKey, pageSize, table }) {
  let query = {};
  let afters = [''];

  async function show(after) {
    let data;
    try {
      data = await fetch(query, after);
    } catch {
      container.replaceChildren();
      return;
    }
    const items = data.items ?? [];
    const next = data.next_after ?? (items.length >= pageSize ? items[items.length - 1][idKey] : null);
    const bar = h('div', { class: 'actions spaced' },
      h('button', { type: 'button', class: 'secondary', disabled: afters.length <= 1, onclick: () => {
        afters.pop();
        return show(afters[afters.length - 1]);
      } }, '上一页'),
      h('span', { class: 'muted' }, `第 ${afters.length} 页`),
      h('button', { type: 'button', class: 'next-page', disabled: next === null || next === undefined || next === '', onclick: () => {
        afters.push(next);
        return show(next);
      } }, '下一页'));
    container.replaceChildren(h('div', { class: 'card' }, table(items), bar));
  }

  return {
    search(q) {
      query = q;
      afters = [''];
      return show('');
    },
  };
}
