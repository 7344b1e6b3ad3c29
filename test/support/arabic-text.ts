/**
 * Realistic Arabic news copy for benchmarks and screenshots: sentences drawn
 * from a newsroom word list with a Zipf-like frequency spread, mixed with the
 * Latin names and figures that real copy carries.
 */
import { mulberry32 } from './random'

const WORDS = (
  'في من على إلى أن قال الذي التي عن مع هذا هذه بين بعد قبل كما أو ثم لكن حيث عند خلال ' +
  'الحكومة الرئيس الوزير المتحدث الوزارة البرلمان المجلس الشعب المدينة العاصمة البلاد الدولة ' +
  'الانتخابات الاقتصاد الأسعار السوق النفط الغاز الكهرباء المياه المستشفى المدرسة الجامعة الطلاب ' +
  'أعلن أكد أوضح أشار أضاف نفى طالب دعا قرر اجتمع وصل غادر انطلق شارك أسفر ارتفع انخفض ' +
  'اليوم أمس غدا صباح مساء الأسبوع الشهر العام الماضي المقبل الجاري الأخير الأول الثاني ' +
  'مصادر مسؤول مسؤولون شهود عيان مراسل وكالة بيان تقرير مؤتمر صحفي اتفاق مفاوضات أزمة ' +
  'الأمن الجيش الشرطة المعارضة الحزب الأحزاب النواب اللجنة المحكمة القضاء القانون الدستور ' +
  'بيروت القاهرة دمشق عمّان بغداد الرياض الدوحة تونس الرباط الخرطوم صنعاء غزة القدس ' +
  'كبيرة جديدة واسعة محلية دولية عربية رسمية عاجلة مهمة خاصة عامة مختلفة عديدة'
).split(' ')
const LATIN = ['Reuters', 'AFP', 'BBC', 'UN', 'OPEC', 'IMF', 'Apple', 'Google', 'COVID-19']

export function newsSentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 14)
  const words: string[] = []
  for (let i = 0; i < length; i++) {
    const r = random()
    if (r < 0.03) words.push(LATIN[Math.floor(random() * LATIN.length)]!)
    else if (r < 0.06) words.push(String(Math.floor(random() * 2000)))
    else words.push(WORDS[Math.floor(WORDS.length * Math.pow(random(), 2.2))]!)
  }
  return `${words.join(' ')}.`
}

/** Paragraphs totalling about `wordCount` words. */
export function newsParagraphs(wordCount: number, seed = 7): string[] {
  const random = mulberry32(seed)
  const paragraphs: string[] = []
  let total = 0
  while (total < wordCount) {
    const sentences = 2 + Math.floor(random() * 3)
    const p = Array.from({ length: sentences }, () => newsSentence(random)).join(' ')
    total += p.split(' ').length
    paragraphs.push(p)
  }
  return paragraphs
}
