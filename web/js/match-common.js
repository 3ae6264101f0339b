// Shared by the matching pages (issue #6): money, a job's row and the
// reasons of a recommendation.
import { h } from './dom.js';

export function wage(minFen, maxFen) {
  const y = (f) => Math.round(f / 100).toLocaleString('zh-CN');
  return `${y(minFen)}–${y(maxFen)} 元/月`;
}

export function reasons(item) {
  return h('span', { class: 'reasons', 'data-testid': 'reasons' }, item.reason_text || '—');
}

export const JOB_COLUMNS = [
  { key: 'title', title: '岗位' },
  { key: 'occupation_name', title: '职业', render: (r) => r.occupation_name || '—' },
  { key: 'place_name', title: '工作地点' },
  { key: 'wage', title: '月薪', render: (r) => wage(r.wage_min_fen, r.wage_max_fen) },
  { key: 'type_label', title: '类型' },
  { key: 'headcount', title: '招聘人数', num: true },
];
