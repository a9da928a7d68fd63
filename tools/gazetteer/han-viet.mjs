// Vietnamese (Hán-Việt) readings of Chinese place names, syllable by syllable: "凭祥" → "Bằng Tường".
//
// The readings come from the Hán-Việt input method of the m17n database (vi-han.mim, HueCIT, LGPL-2.1; Debian package
// m17n-db), which lists each reading with the characters read so. A character with several readings (乡 hương/hướng,
// 山 san/sơn) takes the one place names use, from sources/han-viet-choices.csv (kept by hand, one line per character;
// the build stops and names the character when a new name brings one not listed there). A name with a character the
// input method does not know gets no reading rather than a guess.
import { readFileSync } from 'node:fs';

const tones = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const hatted = /[ăâêôơư]/;
const vowels = /[aăâeêioôơuưy]+/;

/** "hwowngs" (Telex, as the input method spells its keys) → "hướng". */
export function fromTelex(key) {
  let tone = '';
  if (key.length > 1 && tones[key.at(-1)]) { tone = tones[key.at(-1)]; key = key.slice(0, -1); }
  const letters = key.replace(/dd/g, 'đ').replace(/aa/g, 'â').replace(/aw/g, 'ă').replace(/ee/g, 'ê').replace(/oo/g, 'ô')
    .replace(/ow/g, 'ơ').replace(/uw/g, 'ư').replace(/w/g, 'ư');
  return tone ? placeTone(letters, tone) : letters;
}

/**
 * Puts the tone mark where Vietnamese writes it today (the style of the 2025 unit names: "Hoà", "Thuỷ"): on the last
 * vowel with a hat or horn; else on the only vowel; else on the last vowel when a consonant closes the syllable; else
 * on the second of oa, oe, uy and the middle of three; else on the first. The u of "qu" and the i of "gi" are consonant.
 */
function placeTone(syllable, tone) {
  const onset = /^(qu|gi)(?=[aăâeêioôơuưy])/.exec(syllable)?.[0] ?? '';
  const rest = syllable.slice(onset.length);
  const match = vowels.exec(rest);
  if (!match) return syllable.normalize('NFC');
  const cluster = match[0];
  const closed = match.index + cluster.length < rest.length;
  let at;
  const hat = [...cluster].findLastIndex(c => hatted.test(c));
  if (hat >= 0) at = hat;
  else if (cluster.length === 1) at = 0;
  else if (closed) at = cluster.length - 1;
  else if (['oa', 'oe', 'uy'].includes(cluster)) at = 1;
  else if (cluster.length === 3) at = 1;
  else at = 0;
  const position = onset.length + match.index + at;
  return (syllable.slice(0, position + 1) + tone + syllable.slice(position + 1)).normalize('NFC');
}

/** The readings of each character the input method lists, and the ones chosen for place names. */
export function loadHanViet(mimPath, choicesCsvRows) {
  const text = readFileSync(mimPath, 'utf8');
  const readings = new Map();
  for (const [, key, chars] of text.matchAll(/\("([a-z]+)"\s+\("([^"]+)"\)\)/g)) {
    for (const c of chars) {
      const list = readings.get(c) ?? [];
      const reading = fromTelex(key);
      if (!list.includes(reading)) list.push(reading);
      readings.set(c, list);
    }
  }
  if (readings.size < 5000) throw new Error(`${mimPath}: only ${readings.size} characters read`);
  const chosen = new Map();
  const wrong = [];
  for (const row of choicesCsvRows) {
    const listed = readings.get(row.char) ?? [];
    if (!listed.includes(row.reading)) wrong.push(`${row.char} is not read "${row.reading}" (${listed.join(', ') || 'no reading'})`);
    chosen.set(row.char, row.reading);
  }
  if (wrong.length) throw new Error(`han-viet-choices.csv: ${wrong.join('; ')}`);
  const undecided = new Set();
  const unknown = new Set();
  /** The reading of a name, each syllable capitalised ("Bằng Tường"); null when a character has none. */
  function reading(name) {
    const syllables = [];
    for (const c of name) {
      const listed = readings.get(c);
      if (!listed) { unknown.add(c); return null; }
      const one = listed.length === 1 ? listed[0] : chosen.get(c);
      if (!one) { undecided.add(`${c} (${listed.join(', ')})`); return null; }
      syllables.push(one[0].toUpperCase() + one.slice(1));
    }
    return syllables.join(' ');
  }
  return { reading, undecided, unknown };
}
