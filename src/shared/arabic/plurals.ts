import { normalizeArabic } from './normalize'

/**
 * Singular and plural finding each other in search. Sound plurals already share a stem
 * with their singular («حكومة/حكومات», «مهندس/مهندسون»); two kinds do not: loanwords
 * ending in alef («ميليشيا/ميليشيات») and broken plurals («دولة/دول»). The table lists
 * broken plurals common in news copy, written here from Arabic grammar (not from any corpus).
 */
const BROKEN: [string, string][] = [
  ['دولة', 'دول'],
  ['مدينة', 'مدن'],
  ['قرية', 'قرى'],
  ['منطقة', 'مناطق'],
  ['جندي', 'جنود'],
  ['قائد', 'قادة'],
  ['شخص', 'أشخاص'],
  ['طفل', 'أطفال'],
  ['حزب', 'أحزاب'],
  ['وزير', 'وزراء'],
  ['رئيس', 'رؤساء'],
  ['شهيد', 'شهداء'],
  ['جريح', 'جرحى'],
  ['قتيل', 'قتلى'],
  ['أسير', 'أسرى'],
  ['سلاح', 'أسلحة'],
  ['صاروخ', 'صواريخ'],
  ['عضو', 'أعضاء'],
  ['نائب', 'نواب'],
  ['جيش', 'جيوش'],
  ['حي', 'أحياء'],
  ['شارع', 'شوارع'],
  ['بيت', 'بيوت'],
  ['منزل', 'منازل'],
  ['سفير', 'سفراء'],
  ['خبير', 'خبراء'],
  ['عامل', 'عمال'],
  ['طالب', 'طلاب'],
  ['سجن', 'سجون'],
  ['سجين', 'سجناء'],
  ['مسجد', 'مساجد'],
  ['مدرسة', 'مدارس'],
  ['شركة', 'شركات'],
  ['بلد', 'بلدان'],
  ['حرب', 'حروب'],
  ['أرض', 'أراض'],
  ['مصدر', 'مصادر'],
  ['موقع', 'مواقع'],
  ['معبر', 'معابر'],
  ['حاجز', 'حواجز'],
  ['ملف', 'ملفات'],
  ['قرار', 'قرارات'],
  ['خبر', 'أخبار'],
  ['سعر', 'أسعار'],
  ['شهر', 'أشهر'],
  ['يوم', 'أيام'],
  ['عام', 'أعوام']
]

const PAIRS = new Map<string, string[]>()
for (const [one, many] of BROKEN) {
  const [a, b] = [normalizeArabic(one), normalizeArabic(many)]
  PAIRS.set(a, [...(PAIRS.get(a) ?? []), b])
  PAIRS.set(b, [...(PAIRS.get(b) ?? []), a])
}

/** The definite article and the one-letter proclitics news copy puts before it. */
const ARTICLE = /^(?:[وفبكل]?ال|لل)/

/** Other numbers of a normalized word: its singular or plural forms, with the word's own article and proclitics kept off. */
export function numberVariants(normalizedWord: string): string[] {
  const bare = normalizedWord.replace(ARTICLE, '')
  const out = new Set<string>(PAIRS.get(bare) ?? [])
  // A loanword in -a makes its plural in -at: «ميليشيا» ⇄ «ميليشيات».
  if (bare.length >= 4 && bare.endsWith('ا')) out.add(`${bare}ت`)
  if (bare.length >= 5 && bare.endsWith('ات')) out.add(bare.slice(0, -1))
  out.delete(bare)
  return [...out]
}
