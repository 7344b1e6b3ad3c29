/**
 * Real-style Arabic news sentences with known typos, for measuring the spell checker.
 * A typo is written *typo*; every other word is correct copy (names of places and
 * people included). The typos are the ones reporters make: swapped, dropped and doubled
 * letters, a wrong hamza, teh marbuta written as heh, alef maksura as yeh.
 */
export const SPELLING_SET: string[] = [
  'أعلنت *الحكومه* اللبنانية اليوم خطة جديدة لإصلاح قطاع الكهرباء',
  'قال رئيس الوزراء إن *المفاوصات* مع صندوق النقد الدولي مستمرة',
  'وصل وزير الخارجية إلى دمشق في زيارة رسمية تستمر يومين',
  'شهدت العاصمة بيروت *مظاهرااات* حاشدة احتجاجا على ارتفاع الأسعار',
  'أكد المتحدث باسم الجيش أن *الأوضعا* الأمنية مستقرة في الجنوب',
  'ارتفع عدد *الضحيا* إلى عشرين شخصا بحسب وزارة الصحة',
  'افتتح المعرض الدولي للكتاب في القاهرة بمشاركة واسعة من دور النشر',
  'يعاني *المستشفي* الحكومي من نقص حاد في الأدوية والمعدات',
  'أصدرت المحكمة حكما *بإعدم* المتهمين في قضية الاغتيال',
  'دعا *الرءيس* الفلسطيني إلى وقف فوري لإطلاق النار في غزة',
  'تراجعت قيمة العملة المحلية أمام الدولار في السوق *المواززية*',
  'أعلنت وزارة التربية *إغلااق* المدارس بسبب العاصفة الثلجية',
  'وقع الانفجار في *المرقأ* صباح اليوم وأدى إلى أضرار كبيرة',
  'قالت مصادر مطلعة إن *الإجتماع* سيعقد الأسبوع المقبل في عمان',
  'طالب *المزراعون* بتعويضات عن الخسائر التي لحقت بمحاصيلهم',
  'نظمت الجمعية حملة لتنظيف الشواطئ بمشاركة مئات المتطوعين',
  'أشارت *الإحصائات* الرسمية إلى تراجع معدل البطالة هذا العام',
  'ناقش البرلمان مشروع قانون *الموازنه* العامة للدولة',
  'أجرى الرئيس اتصالا هاتفيا مع نظيره الفرنسي لبحث الأزمة',
  'تستمر *الأمطرا* الغزيرة حتى نهاية الأسبوع بحسب الأرصاد الجوية',
  'قررت اللجنة تأجيل *الإنتخابات* البلدية إلى موعد لاحق',
  'اعتقلت الشرطة ثلاثة أشخاص يشتبه بتورطهم في عملية السرقة',
  'أطلقت الشركة تطبيقا جديدا *للحجوزات* عبر الهاتف',
  'وصلت *مساعدت* إنسانية إلى المخيمات في شمال البلاد',
  'التقى الوفد البرلماني *بممثثلي* المجتمع المدني في المدينة',
  'أكدت الوزيرة أن الحكومة ستدعم المشاريع الصغيرة *والمتوصطة*',
  'فاز المنتخب الوطني على نظيره الأردني بهدفين مقابل هدف',
  'كشف التقرير عن *فساااد* في عقود البنية التحتية',
  'يشارك أكثر من مئة صحفي في المؤتمر *السنوى* للإعلام',
  'انتقد نواب المعارضة *قراار* الحكومة رفع أسعار الوقود',
  'استقبل الرئيس الفرنسي ماكرون نظيره الأمريكي بايدن في باريس',
  'وصل الرئيس التركي أردوغان إلى الرياض في *زيراة* رسمية',
  'التقى الأمين العام غوتيريش برئيس الحكومة ميقاتي في طرابلس',
  'قال الرئيس السيسي إن *الاقتصد* المصري يتعافى رغم الأزمة',
  'زار المبعوث ويتكوف بغداد والموصل قبل أن يتوجه إلى حلب',
  'أعلن وزير الخارجية بلينكن *إستئناف* المحادثات في الخرطوم'
]

export interface SpellingScore {
  precision: number
  recall: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

/** Runs a checker over the set: a flagged typo is a hit, a flagged correct word a false alarm. */
export async function measureSpelling(misspelled: (words: string[]) => Promise<string[]>): Promise<SpellingScore> {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const sentence of SPELLING_SET) {
    const words = sentence.split(/\s+/)
    const typos = new Set(words.filter((w) => w.startsWith('*')).map((w) => w.replace(/\*/g, '')))
    const clean = words.map((w) => w.replace(/\*/g, ''))
    const flagged = new Set(await misspelled(clean))
    for (const w of clean) {
      if (typos.has(w) && flagged.has(w)) tp++
      else if (typos.has(w)) fn++
      else if (flagged.has(w)) fp++
    }
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), truePositives: tp, falsePositives: fp, falseNegatives: fn }
}
