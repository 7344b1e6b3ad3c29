/** Arabic, the default interface language. */
const ar = {
  app: { name: 'قلم', tagline: 'مكتب المحرر' },
  status: {
    draft: 'مسودة',
    submitted: 'أُرسلت للمراجعة',
    in_review: 'قيد المراجعة',
    changes_requested: 'مطلوب تعديلات',
    approved: 'معتمدة',
    scheduled: 'مجدولة',
    published: 'منشورة',
    spiked: 'ملغاة'
  },
  list: {
    heading: 'المواد',
    new: 'مادة جديدة',
    search: 'ابحث في العناوين',
    allStatuses: 'كل الحالات',
    active: 'المواد',
    trash: 'سلة المهملات',
    empty: 'لا مواد هنا بعد.',
    emptyTrash: 'سلة المهملات فارغة.',
    untitled: 'بلا عنوان',
    edited: 'عُدّلت {{when}}',
    duplicate: 'تكرار',
    moveToTrash: 'نقل إلى المهملات',
    restore: 'استعادة',
    deleteForever: 'حذف نهائي',
    confirmDeleteTitle: 'حذف المادة نهائيًا؟',
    confirmDeleteBody: 'ستُحذف «{{title}}» ونسخها المحفوظة من هذا الجهاز، ولا يمكن التراجع.',
    confirmDelete: 'احذف نهائيًا',
    cancel: 'إلغاء',
    filterByStatus: 'تصفية حسب الحالة'
  },
  editor: {
    headline: 'العنوان',
    headlinePlaceholder: 'اكتب العنوان هنا',
    standfirst: 'المقدمة',
    standfirstPlaceholder: 'مقدمة موجزة للمادة',
    bodyPlaceholder: 'ابدأ الكتابة…',
    noArticle: 'اختر مادة من القائمة أو أنشئ مادة جديدة.',
    trashed: 'هذه المادة في سلة المهملات. استعدها لتعديلها.',
    loading: 'جارٍ الفتح…'
  },
  toolbar: {
    label: 'أدوات التنسيق',
    undo: 'تراجع',
    redo: 'إعادة',
    blockType: 'نوع الفقرة',
    paragraph: 'فقرة',
    h2: 'عنوان فرعي ٢',
    h3: 'عنوان فرعي ٣',
    h4: 'عنوان فرعي ٤',
    bold: 'غامق',
    italic: 'مائل',
    underline: 'تسطير',
    strikethrough: 'يتوسطه خط',
    link: 'رابط',
    bullet: 'قائمة نقطية',
    number: 'قائمة مرقمة',
    quote: 'اقتباس',
    separator: 'فاصل',
    image: 'صورة',
    direction: 'اتجاه الفقرة (يمين/يسار)',
    boldGlyph: 'غ',
    italicGlyph: 'م',
    underlineGlyph: 'س',
    strikethroughGlyph: 'خ',
    snapshot: 'حفظ نسخة'
  },
  link: {
    title: 'إضافة رابط',
    url: 'عنوان الرابط',
    apply: 'تطبيق',
    remove: 'إزالة الرابط',
    cancel: 'إلغاء',
    invalid: 'رابط غير صالح: تُقبل روابط http و https و mailto فقط.'
  },
  image: {
    alt: 'نص بديل (للقارئات الصوتية)',
    caption: 'تعليق الصورة',
    missing: 'الصورة غير موجودة في مجلد البيانات'
  },
  meta: {
    heading: 'بيانات المادة',
    byline: 'الكاتب',
    dateline: 'مكان الكتابة',
    categories: 'الأقسام',
    tags: 'الوسوم',
    listHint: 'افصل بينها بفاصلة',
    slug: 'الرابط المختصر',
    label: 'الوسم التحريري',
    labelNone: 'بدون',
    labelExclusive: 'خاص',
    labelAgencies: 'وكالات',
    labelCorrespondent: 'مراسلنا',
    status: 'الحالة'
  },
  counts: {
    words_zero: 'لا كلمات',
    words_one: 'كلمة واحدة',
    words_two: 'كلمتان',
    words_few: '{{count}} كلمات',
    words_many: '{{count}} كلمة',
    words_other: '{{count}} كلمة',
    characters_zero: 'لا أحرف',
    characters_one: 'حرف واحد',
    characters_two: 'حرفان',
    characters_few: '{{count}} أحرف',
    characters_many: '{{count}} حرفًا',
    characters_other: '{{count}} حرف',
    reading_zero: 'بلا وقت قراءة',
    reading_one: 'قراءة في دقيقة',
    reading_two: 'قراءة في دقيقتين',
    reading_few: 'قراءة في {{count}} دقائق',
    reading_many: 'قراءة في {{count}} دقيقة',
    reading_other: 'قراءة في {{count}} دقيقة'
  },
  save: {
    saved: 'محفوظ · {{time}}',
    saving: 'جارٍ الحفظ…',
    unsaved: 'تغييرات لم تُحفظ بعد',
    error: 'تعذّر الحفظ: {{reason}}. سنعيد المحاولة تلقائيًا، ولن يضيع ما كتبته.',
    snapshotDone: 'حُفظت نسخة · {{time}}'
  },
  revisions: {
    heading: 'النسخ المحفوظة',
    open: 'النسخ',
    close: 'إغلاق',
    none: 'لا نسخ محفوظة بعد. اضغط Ctrl+S لحفظ نسخة.',
    restore: 'استعادة هذه النسخة',
    restored: 'استُعيدت النسخة، وحُفظ ما كان قبلها نسخةً.',
    reason: {
      manual: 'حفظ يدوي',
      auto: 'حفظ دوري',
      'before-trash': 'قبل النقل إلى المهملات',
      'before-restore': 'قبل استعادة نسخة',
      imported: 'مستوردة',
      'before-sync': 'قبل نسخة الموقع'
    }
  },
  settings: {
    language: 'لغة الواجهة',
    arabic: 'العربية',
    english: 'English'
  },
  store: {
    title: 'تعذّر فتح قاعدة بيانات قلم',
    reason: {
      corrupt: 'ملف قاعدة البيانات تالف.',
      'not-a-database': 'الملف الموجود في مكان قاعدة البيانات ليس قاعدة بيانات.',
      'newer-schema': 'قاعدة البيانات أُنشئت بإصدار أحدث من قلم. حدّث التطبيق لفتحها.',
      locked: 'قاعدة البيانات مقفلة من برنامج آخر. أغلقه ثم أعد المحاولة.',
      unreadable: 'لا يمكن قراءة ملف قاعدة البيانات (صلاحيات أو خطأ في القرص).'
    },
    path: 'الملف: {{path}}',
    untouched: 'لم نغيّر في هذا الملف شيئًا.',
    startFresh: 'ابدأ بقاعدة بيانات جديدة واحتفظ بالملف القديم جانبًا',
    retry: 'أعد المحاولة',
    keptAside: 'نُقل الملف القديم إلى: {{path}}'
  },
  errors: {
    INVALID_PAYLOAD: 'بيانات غير صالحة',
    UNKNOWN_CHANNEL: 'طلب غير معروف',
    FORBIDDEN_SENDER: 'طلب من مصدر غير موثوق',
    NOT_FOUND: 'غير موجود',
    INVALID_STATE: 'عملية غير مسموحة الآن',
    STORE_UNAVAILABLE: 'قاعدة البيانات غير متاحة',
    IO_ERROR: 'خطأ في قراءة الملف أو كتابته',
    INTERNAL: 'خطأ غير متوقع'
  }
}

export default ar
export type Messages = typeof ar
