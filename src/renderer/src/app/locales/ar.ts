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
    rawBlock: 'كتلة من الموقع تبقى كما هي:',
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
  sync: {
    open: 'مزامنة',
    title: 'المزامنة مع الموقع',
    sites: 'المواقع',
    noSites: 'لم يُضف موقع بعد. أضف موقع الصحيفة لترسل إليه المواد.',
    addSite: 'إضافة موقع',
    address: 'عنوان الموقع',
    username: 'اسم المستخدم',
    appPassword: 'كلمة مرور التطبيق',
    appPasswordHint: 'تُنشأ من الملف الشخصي في لوحة ووردبريس، لا كلمة مرورك المعتادة.',
    signIn: 'تحقّق وأضف',
    checking: 'جارٍ التحقق…',
    removeSite: 'إزالة',
    signedInAs: 'باسم {{name}}',
    lastSync: 'آخر مزامنة: {{when}}',
    never: 'لم تُزامن بعد',
    syncAll: 'مزامنة الكل',
    syncThis: 'مزامنة هذه المادة',
    cancel: 'إلغاء المزامنة',
    running: 'جارٍ المزامنة: {{current}}',
    progressArticles: '{{done}} من {{total}} مادة',
    progressBytes: 'الصور المرفوعة',
    cancelled: 'أُلغيت المزامنة.',
    finished: 'انتهت المزامنة.',
    failures: 'لم تُزامن:',
    site: 'الموقع',
    noSite: 'على هذا الجهاز فقط',
    askStatus: 'الحالة المطلوبة على الموقع',
    plainText: 'تُحفظ كلمة المرور مموّهة (لا حافظة مفاتيح)',
    capabilityMissing: {
      publish_posts: 'لا يملك هذا الحساب صلاحية النشر: تُرسل المواد للمراجعة فقط.',
      upload_files: 'لا يملك هذا الحساب صلاحية رفع الصور.'
    },
    plainStorage: {
      title: 'لا توجد حافظة مفاتيح على هذا النظام',
      body: 'ستُحفظ كلمة مرور التطبيق مموّهة لا مشفّرة، ويستطيع من يصل إلى ملفاتك قراءتها. هل تريد المتابعة؟',
      confirm: 'احفظها على أي حال'
    },
    states: {
      local: 'على الجهاز فقط',
      synced: 'متزامنة',
      changed_here: 'عُدّلت هنا',
      changed_on_site: 'عُدّلت على الموقع',
      conflict: 'تعارض',
      error: 'خطأ في المزامنة',
      deleted_on_site: 'حُذفت من الموقع'
    },
    reasons: {
      wrong_address: 'لا يوجد موقع على هذا العنوان.',
      not_wordpress: 'هذا العنوان ليس موقع ووردبريس.',
      rest_disabled: 'واجهة REST معطّلة على هذا الموقع.',
      wrong_password: 'اسم المستخدم أو كلمة مرور التطبيق غير صحيحة.',
      app_passwords_unavailable: 'كلمات مرور التطبيقات غير متاحة على هذا الموقع (تحتاج HTTPS).',
      missing_capability: 'لا يملك هذا الحساب الصلاحية اللازمة.',
      timeout: 'لم يُجب الموقع في الوقت المحدد.',
      unreachable: 'تعذّر الاتصال بالموقع.',
      server_error: 'خطأ في خادم الموقع.',
      rate_limited: 'الموقع يطلب التمهّل؛ أعد المحاولة بعد قليل.',
      rejected: 'رفض الموقع الطلب.',
      cancelled: 'أُلغيت.',
      insecure_storage: 'لا توجد حافظة مفاتيح لحفظ كلمة المرور بأمان.',
      no_secret_storage: 'لا يمكن تشفير كلمة المرور على هذا النظام.'
    },
    conflict: {
      title: 'عُدّلت الفقرات نفسها هنا وعلى الموقع',
      intro: 'نسختك باقية في المادة. اختر لكل موضع ما يبقى، ثم اعتمد.',
      open: 'قارن واختر',
      mine: 'نسختي',
      theirs: 'نسخة الموقع',
      both: 'كلتاهما',
      empty: '(لا شيء)',
      apply: 'اعتمد الاختيار',
      close: 'إغلاق',
      fields: { title: 'العنوان', standfirst: 'المقدمة', slug: 'الرابط المختصر' }
    },
    deleted: {
      notice: 'حُذفت هذه المادة من الموقع. نسختك هنا محفوظة.',
      recreate: 'أعد إنشاءها على الموقع'
    },
    importing: {
      title: 'استيراد من الموقع',
      search: 'ابحث في منشورات الموقع',
      show: 'اعرض',
      one: 'استورد',
      already: 'على الجهاز',
      allNew: 'استورد كل الجديد',
      done: 'استُوردت {{count}} مادة.'
    },
    pulled: 'وصلت تعديلات من الموقع إلى هذه المادة.',
    stale: 'تغيّرت المادة من الموقع أثناء الكتابة؛ حُفظ ما كتبته للتو في النسخ المحفوظة.'
  },
  errors: {
    SYNC_FAILED: 'تعذّرت المزامنة',
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
