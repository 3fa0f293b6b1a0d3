/**
 * Names that stand for one another, so that a name in a slot where the source has another form of
 * it is no conflict: an initialism and the words it abbreviates ("U.S." and "United States", "UN"
 * and "United Nations"), a country and its adjective ("Turkish" and "Turkey", "Russian" and
 * "Russia"), a capital for its government ("Washington" for the United States, "Moscow" for Russia).
 * General knowledge, the same for any article: no word of any one source.
 */

/** Country adjectives that are not the country's name with an ending ("Russian" is "Russia" + n: that the prefix rule sees). */
const ADJECTIVES: Record<string, string> = {
  turkish: 'turkey', british: 'britain', english: 'england', scottish: 'scotland', welsh: 'wales', irish: 'ireland',
  french: 'france', dutch: 'netherlands', swiss: 'switzerland', greek: 'greece', spanish: 'spain', portuguese: 'portugal',
  danish: 'denmark', swedish: 'sweden', norwegian: 'norway', finnish: 'finland', polish: 'poland', czech: 'czechia',
  hungarian: 'hungary', belgian: 'belgium', german: 'germany', chinese: 'china', japanese: 'japan', vietnamese: 'vietnam',
  thai: 'thailand', filipino: 'philippines', lebanese: 'lebanon', iraqi: 'iraq', israeli: 'israel', yemeni: 'yemen',
  saudi: 'saudi', emirati: 'emirates', qatari: 'qatar', kuwaiti: 'kuwait', omani: 'oman', afghan: 'afghanistan',
  pakistani: 'pakistan', bangladeshi: 'bangladesh', kurdish: 'kurds', egyptian: 'egypt', libyan: 'libya',
  sudanese: 'sudan', moroccan: 'morocco', tunisian: 'tunisia', algerian: 'algeria', nigerian: 'nigeria',
  ukrainian: 'ukraine', belarusian: 'belarus', georgian: 'georgia', armenian: 'armenia', azerbaijani: 'azerbaijan',
  iranian: 'iran', persian: 'iran', syrian: 'syria', jordanian: 'jordan', palestinian: 'palestine',
  mexican: 'mexico', canadian: 'canada', brazilian: 'brazil', argentine: 'argentina', argentinian: 'argentina',
  peruvian: 'peru', chilean: 'chile', colombian: 'colombia', venezuelan: 'venezuela', cuban: 'cuba',
  indian: 'india', korean: 'korea', australian: 'australia', american: 'america', russian: 'russia', italian: 'italy',
};

/** A capital city stands for its country's government in the news ("Washington blamed …"). */
const CAPITALS: Record<string, string> = {
  washington: 'united states', moscow: 'russia', kremlin: 'russia', damascus: 'syria', ankara: 'turkey', tehran: 'iran',
  beijing: 'china', london: 'britain', paris: 'france', berlin: 'germany', rome: 'italy', madrid: 'spain',
  tokyo: 'japan', seoul: 'korea', pyongyang: 'korea', kyiv: 'ukraine', kiev: 'ukraine', minsk: 'belarus',
  baghdad: 'iraq', beirut: 'lebanon', amman: 'jordan', riyadh: 'saudi', cairo: 'egypt', tripoli: 'libya',
  jerusalem: 'israel', doha: 'qatar', kabul: 'afghanistan', islamabad: 'pakistan', delhi: 'india',
  ottawa: 'canada', canberra: 'australia', brasilia: 'brazil', havana: 'cuba', caracas: 'venezuela',
  brussels: 'european union', warsaw: 'poland', athens: 'greece', stockholm: 'sweden', oslo: 'norway',
};

/** Other names of a country, so "United States", "U.S.", "America" and "Washington" meet. */
const COUNTRY_NAMES: Record<string, string[]> = {
  'united states': ['us', 'usa', 'america', 'american', 'united states of america'],
  britain: ['uk', 'united kingdom', 'great britain'],
  'european union': ['eu'],
  emirates: ['uae', 'united arab emirates'],
  korea: ['south korea', 'north korea'],
};

const SKIP = new Set(['of', 'the', 'and', 'for', 'de']);

function norm(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]s?\b/g, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The initials of a phrase ("United Nations" → "un"), or undefined for one word. */
function initials(phrase: string): string | undefined {
  const words = phrase.split(' ').filter((w) => !SKIP.has(w));
  return words.length > 1 ? words.map((w) => w[0]).join('') : undefined;
}

/** Every form a name takes: itself, the country an adjective or a capital names, that country's other names. */
function forms(name: string, capitals: boolean): Set<string> {
  const n = norm(name);
  const out = new Set([n]);
  const add = (country: string) => {
    out.add(country);
    for (const o of COUNTRY_NAMES[country] ?? []) out.add(o);
    for (const [k, v] of Object.entries(COUNTRY_NAMES)) if (v.includes(country)) out.add(k);
  };
  add(n);
  for (const w of n.split(' ')) {
    if (ADJECTIVES[w]) add(ADJECTIVES[w]!);
    if (capitals && CAPITALS[w]) add(CAPITALS[w]!);
  }
  return out;
}

/**
 * Whether two names (as written: "U.S.", "United States", "Washington", "Turkish") can stand for
 * the same thing: one form of each is the same, one is the initials of the other, or one word is
 * the other with an ending ("Libya" and "Libyan"). `capitals`: a capital may stand for its country,
 * which holds where the two fill the same slot ("Washington blamed" against "the United States
 * blamed"), not for a place named anywhere ("in Ankara" is not "his Turkish counterpart").
 */
export function sameReferent(a: string, b: string, capitals = false): boolean {
  const fa = forms(a, capitals);
  const fb = forms(b, capitals);
  for (const x of fa) {
    if (fb.has(x)) return true;
    const ix = initials(x);
    for (const y of fb) {
      if (ix && ix === y.replace(/\s/g, '')) return true;
      const iy = initials(y);
      if (iy && iy === x.replace(/\s/g, '')) return true;
      if (!x.includes(' ') && !y.includes(' ')) {
        const [short, long] = x.length <= y.length ? [x, y] : [y, x];
        if (short.length >= 4 && long.startsWith(short)) return true;
      }
    }
  }
  return false;
}
