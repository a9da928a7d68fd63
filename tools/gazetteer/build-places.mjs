// Builds src/Borderlink/Data/Seed/places-open-data.csv (and fills the official code, validity and successors of the
// hand-kept rows of places.csv) from the open datasets in sources/ — README, "Gazetteer data", says where each comes
// from and how to refresh it. Pinyin from pinyin-pro, traditional characters from opencc-js, Vietnamese (Hán-Việt)
// readings from the m17n database's Hán-Việt input method (han-viet.mjs).
// Run: apt-get install m17n-db && npm ci && npm run build (Node 20). The output is committed; the app reads it at start.
import { readFileSync, writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import { loadHanViet } from './han-viet.mjs';

const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

const here = new URL('.', import.meta.url);
const seed = new URL('../../src/Borderlink/Data/Seed/', here);

// --- CSV -----------------------------------------------------------------------------------------------------------
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map(r => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
const read = (url) => parseCsv(readFileSync(url, 'utf8').replace(/^\uFEFF/, ''));
const quote = (v) => /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
const toCsv = (columns, rows) => [columns.join(','), ...rows.map(r => columns.map(c => quote(r[c] ?? '')).join(','))].join('\n') + '\n';
const unique = (values) => [...new Set(values.filter(v => v && v.trim()))];
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

// --- Parties -------------------------------------------------------------------------------------------------------
// General Statistics Office province codes after 1 July 2025 → the mechanism's parties (ISO 3166-2).
const vnParty = { '22': 'VN-13', '20': 'VN-09', '04': 'VN-04', '08': 'VN-07', '15': 'VN-02' };
// Before: the former provinces, for the historical names' aliases.
const vnFormerProvince = { '22': 'Quảng Ninh', '20': 'Lạng Sơn', '04': 'Cao Bằng', '02': 'Hà Giang', '08': 'Tuyên Quang', '10': 'Lào Cai', '15': 'Yên Bái' };
const cnParty = { '45': 'CN-GX', '53': 'CN-YN' };
const validTo = '2025-06-30';

// --- The hand-kept rows (places.csv) and the official units they are --------------------------------------------------
const curatedUrl = new URL('places.csv', seed);
const curated = read(curatedUrl);
const officialOf = {
  'CN-GX-FCG': '4506', 'CN-GX-CZ': '4514', 'CN-GX-BS': '4510', 'CN-GX-DX': '450681', 'CN-GX-PX': '451481', 'CN-GX-NM': '451422',
  'CN-GX-LZ': '451423', 'CN-GX-DXN': '451424', 'CN-GX-JX': '451081', 'CN-GX-NP': '451026', 'CN-YN-HK': '532532', 'CN-GX-FC': '450603',
  'CN-YN-WS': '5326',
  // Vietnamese cities abolished as districts on 1 July 2025 (former district codes), and the commune Đồng Đăng.
  'VN-13-MC': 'D194', 'VN-09-LS': 'D178', 'VN-04-CB': 'D040', 'VN-02-LC': 'D080', 'VN-09-DD': '06184',
};
const codeOfOfficial = new Map(Object.entries(officialOf).map(([code, official]) => [official, code]));

// --- Vietnam: communes and wards since 1 July 2025 --------------------------------------------------------------------
const places = [];
const vnCurrent = read(new URL('sources/vn-border-units-2025.csv', here));
const vnCode = (unit) => codeOfOfficial.get(unit.unit_code) ?? `${vnParty[unit.province_code]}-${unit.unit_code}`;
const currentByOfficial = new Map(vnCurrent.map(u => [u.unit_code, u]));
const vnLevel = { Commune: 'commune', Ward: 'ward', 'Special administrative region': 'special-zone' };
for (const u of vnCurrent) {
  const party = vnParty[u.province_code];
  if (!party) throw new Error(`no party for province ${u.province_code}`);
  if (codeOfOfficial.has(u.unit_code)) {
    const kept = curated.find(p => p.code === vnCode(u));
    Object.assign(kept, { official_code: u.unit_code, level: vnLevel[u.unit_type_en] ?? 'commune',
      aliases: unique([...kept.aliases.split('|'), u.full_name, u.full_name_en, fold(u.full_name)]).join('|') });
    continue;
  }
  places.push({
    code: vnCode(u), parent: party, party, level: vnLevel[u.unit_type_en] ?? 'commune', official_code: u.unit_code,
    name_en: u.full_name_en.replace(/^Ward (.*)$/, '$1 Ward'), name_vi: u.full_name, name_zh: '', name_fr: '',
    aliases: unique([u.name, u.name_en, fold(u.full_name)]).join('|'), valid_to: '', successors: '',
  });
}

// --- Vietnam: the communes and districts before 1 July 2025, each with its successors ------------------------------------
const former = read(new URL('sources/vn-former-units-before-2025-07-01.csv', here));
// The two sources disagree on a few codes (dvhcvn gives Xã Ba Chẽ 06970, the current list 06978): a successor whose code
// is not in the current list is found by its name in the same province, and reported.
const currentByName = new Map(vnCurrent.map(u => [`${u.province_code}|${u.full_name}`, u]));
const mendedCodes = new Set();
const successorCodes = (codes, names, province) => {
  const nameList = names.split('|');
  return codes.split('|').filter(Boolean).map((c, i) => {
    let unit = currentByOfficial.get(c);
    if (!unit && (unit = currentByName.get(`${province}|${nameList[i]}`))) mendedCodes.add(`${c} → ${unit.unit_code} (${nameList[i]})`);
    if (!unit) throw new Error(`successor ${c} ${nameList[i]} is not a current unit of the five provinces`);
    return vnCode(unit);
  });
};
const districtWord = { 'Huyện': ['Huyện', 'District', 'former-district'], 'Thành phố': ['Thành phố', 'City', 'former-city'], 'Thị xã': ['Thị xã', 'Town', 'former-town'] };
const communeWord = { 'Xã': ['Xã', 'Commune', 'former-commune'], 'Phường': ['Phường', 'Ward', 'former-ward'], 'Thị trấn': ['Thị trấn', 'Township', 'former-township'] };
const districts = new Map();
for (const c of former) {
  const party = vnParty[c.new_province_code];
  const districtOfficial = 'D' + c.old_district_code;
  const districtCode = codeOfOfficial.get(districtOfficial) ?? `${party}-${districtOfficial}`;
  const district = districts.get(districtCode) ?? { code: districtCode, party, row: c, official: districtOfficial, successors: [] };
  districts.set(districtCode, district);
  const successors = successorCodes(c.new_commune_codes, c.new_commune_names, c.new_province_code);
  district.successors.push(...successors);
  const [vi, en, level] = communeWord[c.old_commune_type];
  const officialCode = 'F' + c.old_commune_code;
  places.push({
    code: `${party}-${officialCode}`, parent: districtCode, party, level, official_code: c.old_commune_code,
    name_en: `${c.old_commune_name_ascii} ${en}`, name_vi: `${vi} ${c.old_commune_name}`, name_zh: '', name_fr: '',
    aliases: unique([c.old_commune_name, c.old_commune_name_ascii, `${c.old_commune_name}, ${c.old_district_name}`,
      `${c.old_commune_name_ascii}, ${c.old_district_name_ascii}`, `${c.old_commune_name}, ${vnFormerProvince[c.old_province_code]}`]).join('|'),
    valid_to: validTo, successors: unique(successors).join('|'),
  });
}
for (const d of districts.values()) {
  const [vi, en, level] = districtWord[d.row.old_district_type];
  const row = {
    code: d.code, parent: d.party, party: d.party, level, official_code: d.official,
    name_en: `${d.row.old_district_name_ascii} ${en}`, name_vi: `${vi} ${d.row.old_district_name}`, name_zh: '', name_fr: '',
    aliases: unique([d.row.old_district_name, d.row.old_district_name_ascii, `${vi} ${d.row.old_district_name}, ${vnFormerProvince[d.row.old_province_code]}`]).join('|'),
    valid_to: validTo, successors: unique(d.successors).join('|'),
  };
  if (codeOfOfficial.has(d.official)) {
    const kept = curated.find(p => p.code === d.code);
    Object.assign(kept, { official_code: d.official, level, valid_to: validTo, successors: row.successors,
      aliases: unique([...kept.aliases.split('|'), ...row.aliases.split('|'), row.name_vi, row.name_en]).join('|') });
  }
  else places.push(row);
}

// --- China: border prefectures, their counties and townships ------------------------------------------------------------
const cn = read(new URL('sources/cn-border-divisions-2023.csv', here));
const cnCodeOf = (official) => codeOfOfficial.get(official) ?? `${cnParty[official.slice(0, 2)]}-${official}`;
const hanViet = loadHanViet(process.env.M17N_VI_HAN ?? '/usr/share/m17n/vi-han.mim', read(new URL('sources/han-viet-choices.csv', here)));
// Chinese suffix, English word, level, and the Vietnamese word written before the reading ("Trấn Ái Điếm").
const suffixes = [
  ['民族乡', 'Ethnic Township', 'ethnic-township', 'Hương'], ['街道', 'Subdistrict', 'subdistrict', 'Nhai đạo'], ['镇', 'Town', 'town', 'Trấn'],
  ['乡', 'Township', 'township', 'Hương'], ['自治州', 'Autonomous Prefecture', 'autonomous-prefecture', 'Châu tự trị'],
  ['自治县', 'Autonomous County', 'autonomous-county', 'Huyện tự trị'], ['区', 'District', 'district', 'Quận'],
  ['县', 'County', 'county', 'Huyện'], ['市', 'City', null, 'Thành phố'], ['农场', 'Farm', 'farm', 'Nông trường'],
];
const readingsDiffering = [];
const titleCase = (s) => s.replace(/(^|\s)([a-zü])/g, (_, space, letter) => space + letter.toUpperCase());
for (const d of cn) {
  const party = cnParty[d.province_code];
  if (!party) throw new Error(`no party for ${d.province_code}`);
  // Township-level units that are not towns, townships or subdistricts (state farms, bonded zones, industrial parks).
  const special = d.level === 'township' && !/(镇|乡|街道)$/u.test(d.name_zh);
  const ethnic = /族乡$/u.test(d.name_zh) ? suffixes[0] : undefined; // 瑶族乡, 苗族乡…: an ethnic township
  const suffix = special && !d.name_zh.endsWith('农场') ? undefined : ethnic ?? suffixes.find(([zh]) => d.name_zh.endsWith(zh) && d.name_zh.length > zh.length);
  let stem = ethnic ? d.name_zh.slice(0, -1) : suffix ? d.name_zh.slice(0, -suffix[0].length) : d.name_zh;
  // "河口瑶族自治县" is Hekou: the peoples named before 自治 stay in the full name, not in the short one.
  stem = stem.replace(/((各|苗|瑶|傣|壮|哈尼|彝|仫佬|毛南|回|布依|京|侗|仡佬)族)+$/u, '') || stem;
  const level = d.level === 'prefecture' && suffix?.[0] !== '自治州' ? 'prefecture'
    : suffix?.[0] === '市' ? 'county-city'
    : special && !suffix ? 'special-area'
    : suffix?.[2] ?? 'special-area';
  const toneless = titleCase(pinyin(stem, { toneType: 'none', type: 'array' }).join(' ').replace(/v/g, 'ü'));
  const compact = toneless.replace(/ /g, '').toLowerCase().replace(/^./, c => c.toUpperCase());
  const english = special && !suffix ? toneless : `${compact}${suffix ? ' ' + suffix[1] : ''}`;
  // Vietnamese writes a Chinese unit as its kind, then the Hán-Việt reading of its name: "Huyện Long Châu". Units
  // without a kind word (bonded zones, parks) keep no Vietnamese name: read character by character, theirs would be
  // in Chinese word order.
  const reading = suffix ? hanViet.reading(stem) : null;
  const row = {
    code: cnCodeOf(d.code), parent: d.parent_code.length > 2 ? cnCodeOf(d.parent_code) : party, party, level, official_code: d.code,
    name_en: english, name_vi: reading ? `${suffix[3]} ${reading}` : '', name_zh: d.name_zh, name_fr: '',
    aliases: unique([stem, traditional(stem), traditional(d.name_zh), pinyin(stem, { type: 'array' }).join(' '), toneless, compact,
      pinyin(d.name_zh, { toneType: 'none', type: 'array' }).join('')]).join('|'),
    valid_to: '', successors: '',
  };
  if (codeOfOfficial.has(d.code)) {
    const kept = curated.find(p => p.code === row.code);
    if (reading && !kept.name_vi.endsWith(reading)) readingsDiffering.push(`${d.name_zh}: kept "${kept.name_vi}", read "${reading}"`);
    Object.assign(kept, { official_code: d.code, level, aliases: unique([...kept.aliases.split('|'), ...row.aliases.split('|'), row.name_en]).join('|') });
  }
  else places.push(row);
}

// --- Check and write ------------------------------------------------------------------------------------------------------
const codes = new Set([...curated.map(p => p.code), ...places.map(p => p.code)]);
const parties = new Set(['CN-GX', 'CN-YN', 'VN-13', 'VN-09', 'VN-04', 'VN-03', 'VN-07', 'VN-02']);
if (codes.size !== curated.length + places.length) throw new Error('duplicate codes');
for (const p of [...curated, ...places]) {
  if (p.parent && !codes.has(p.parent) && !parties.has(p.parent)) throw new Error(`${p.code}: parent ${p.parent} unknown`);
  for (const s of (p.successors ?? '').split('|').filter(Boolean)) if (!codes.has(s)) throw new Error(`${p.code}: successor ${s} unknown`);
}
const columns = ['code', 'parent', 'party', 'level', 'official_code', 'name_en', 'name_vi', 'name_zh', 'name_fr', 'aliases', 'valid_to', 'successors'];
writeFileSync(curatedUrl, toCsv(columns, curated));
places.sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(new URL('places-open-data.csv', seed), toCsv(columns, places));
for (const m of mendedCodes) console.log(`successor code mended by name: ${m}`);
if (hanViet.undecided.size) throw new Error(`readings to choose in sources/han-viet-choices.csv: ${[...hanViet.undecided].join('; ')}`);
if (readingsDiffering.length) throw new Error(`Hán-Việt readings differ from places.csv: ${readingsDiffering.join('; ')}`);
const read_ = places.filter(p => p.party.startsWith('CN-') && p.name_vi).length;
console.log(`Vietnamese readings: ${read_} of ${places.filter(p => p.party.startsWith('CN-')).length} Chinese units; ` +
  `no reading for ${[...hanViet.unknown].join('')} (not in the input method)`);
console.log(`places.csv: ${curated.length} rows; places-open-data.csv: ${places.length} rows ` +
  `(${vnCurrent.length} current Vietnamese units, ${former.length} former communes, ${districts.size} former districts, ${cn.length} Chinese divisions, less those kept in places.csv)`);
