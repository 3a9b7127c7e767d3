"""Interface translations (fr, ar) for the public portal, applied to the PO files.

Kept as data so `python -m retour.content.i18n.build` can refresh the PO files
after `makemessages` and compile the MO files with polib (msgfmt may be
missing on servers). Strings not listed here fall back to English visibly.
"""

FR = {
    "Page not found": "Page non trouvée",
    "This page does not exist, or it is no longer published.": (
        "Cette page n'existe pas ou n'est plus publiée."
    ),
    "Go to the home page": "Aller à la page d'accueil",
    "Safety and security": "Sécurité",
    "Health care": "Soins de santé",
    "Housing": "Logement",
    "Work and livelihoods": "Travail et moyens de subsistance",
    "Education": "Éducation",
    "Documents and civil registration": "Documents et état civil",
    "Reintegration support available locally": "Aide à la réintégration disponible sur place",
    "Useful contacts": "Contacts utiles",
    "Sources": "Sources",
    "Source": "Source",
    "Deadline": "Délai",
    "Monday": "Lundi",
    "Tuesday": "Mardi",
    "Wednesday": "Mercredi",
    "Thursday": "Jeudi",
    "Friday": "Vendredi",
    "Saturday": "Samedi",
    "Sunday": "Dimanche",
    "Opening hours": "Heures d'ouverture",
    "Sample content. ": "Contenu d'exemple. ",
    "Retour: updates (%(lang)s)": "Retour : mises à jour (%(lang)s)",
    "Retour: updates for %(country)s (%(lang)s)": "Retour : mises à jour pour %(country)s (%(lang)s)",
    "Voluntary return and support": "Retour volontaire et accompagnement",
    "Enforcement (forced return, detention)": "Mesures d'éloignement (retour forcé, détention)",
    "Return counselling": "Conseil au retour",
    "Legal aid": "Aide juridique",
    "Health": "Santé",
    "Shelter": "Hébergement",
    "Drop-in": "Accueil sans rendez-vous",
    "Asylum application pending": "Demande d'asile en cours",
    "Asylum application rejected": "Demande d'asile refusée",
    "No residence permit": "Sans titre de séjour",
    "Holding a residence permit": "Titulaire d'un titre de séjour",
    "Dublin procedure": "Procédure Dublin",
    "Original version": "Version originale",
    "Translation up to date": "Traduction à jour",
    "Translation outdated: the original changed after it was translated": (
        "Traduction dépassée : l'original a changé après la traduction"
    ),
    "Machine-translated, not yet reviewed by a person": (
        "Traduction automatique, pas encore relue par une personne"
    ),
    "Language": "Langue",
    "Sample content.": "Contenu d'exemple.",
    "This page was created for a demonstration. It is not real information: do not rely on it.": (
        "Cette page a été créée pour une démonstration. Ce ne sont pas des informations réelles : "
        "ne vous y fiez pas."
    ),
    "This page is not yet available in %(reader)s. It is shown in %(shown)s.": (
        "Cette page n'est pas encore disponible en %(reader)s. Elle est affichée en %(shown)s."
    ),
    "Last verified on %(date)s; this may be out of date.": (
        "Dernière vérification le %(date)s ; ces informations peuvent être dépassées."
    ),
    "This section was last verified on %(date)s; it may be out of date.": (
        "Cette section a été vérifiée pour la dernière fois le %(date)s ; elle peut être dépassée."
    ),
    "Read the original": "Lire l'original",
    "Who stands behind this page": "Qui est responsable de cette page",
    "Maintained by": "Tenue à jour par",
    "website": "site web",
    "Last verified": "Dernière vérification",
    "Next review": "Prochaine révision",
    "Translation": "Traduction",
    "On this page": "Sur cette page",
    "Your options": "Vos possibilités",
    "sample": "exemple",
    "Nothing published here yet.": "Rien n'est encore publié ici.",
    "Run by": "Géré par",
    "Funded by": "Financé par",
    "Who can apply": "Qui peut demander",
    "Nationals of": "Ressortissants de",
    "Ticket": "Billet",
    "Covered": "Pris en charge",
    "Not covered": "Non pris en charge",
    "Cash grant": "Aide financière",
    "sample amount": "montant d'exemple",
    "Reintegration support": "Aide à la réintégration",
    "Extra support for vulnerable people": "Aide supplémentaire pour les personnes vulnérables",
    "Valid": "Valable",
    "until further notice": "jusqu'à nouvel ordre",
    "How to apply": "Comment faire la demande",
    "Address": "Adresse",
    "Access": "Accès",
    "Services": "Services",
    "Languages spoken": "Langues parlées",
    "You can come without giving your name.": "Vous pouvez venir sans donner votre nom.",
    "No appointment needed.": "Sans rendez-vous.",
    "By appointment.": "Sur rendez-vous.",
    "Phone": "Téléphone",
    "E-mail": "E-mail",
    "Read more": "En savoir plus",
    "Skip to content": "Aller au contenu",
    "Search": "Rechercher",
    "Retour: reviewed information about return, maintained by a network of organisations.": (
        "Retour : des informations vérifiées sur le retour, tenues à jour par un réseau "
        "d'organisations."
    ),
    "Information about voluntary return and support is kept separate from enforcement.": (
        "Les informations sur le retour volontaire et l'accompagnement sont séparées des "
        "mesures d'éloignement."
    ),
}

AR = {
    "Page not found": "الصفحة غير موجودة",
    "This page does not exist, or it is no longer published.": "هذه الصفحة غير موجودة أو لم تعد منشورة.",
    "Go to the home page": "الذهاب إلى الصفحة الرئيسية",
    "Safety and security": "الأمن والسلامة",
    "Health care": "الرعاية الصحية",
    "Housing": "السكن",
    "Work and livelihoods": "العمل وسبل العيش",
    "Education": "التعليم",
    "Documents and civil registration": "الوثائق والسجل المدني",
    "Reintegration support available locally": "دعم إعادة الإدماج المتاح محليًا",
    "Useful contacts": "جهات اتصال مفيدة",
    "Sources": "المصادر",
    "Source": "المصدر",
    "Deadline": "الموعد النهائي",
    "Monday": "الاثنين",
    "Tuesday": "الثلاثاء",
    "Wednesday": "الأربعاء",
    "Thursday": "الخميس",
    "Friday": "الجمعة",
    "Saturday": "السبت",
    "Sunday": "الأحد",
    "Opening hours": "ساعات العمل",
    "Sample content. ": "محتوى تجريبي. ",
    "Voluntary return and support": "العودة الطوعية والدعم",
    "Enforcement (forced return, detention)": "الإنفاذ (العودة القسرية، الاحتجاز)",
    "Return counselling": "الإرشاد بشأن العودة",
    "Legal aid": "المساعدة القانونية",
    "Health": "الصحة",
    "Shelter": "المأوى",
    "Drop-in": "استقبال بدون موعد",
    "Original version": "النسخة الأصلية",
    "Translation up to date": "الترجمة محدّثة",
    "Translation outdated: the original changed after it was translated": (
        "الترجمة قديمة: تغيّر النص الأصلي بعد ترجمته"
    ),
    "Machine-translated, not yet reviewed by a person": "ترجمة آلية لم يراجعها شخص بعد",
    "Language": "اللغة",
    "Sample content.": "محتوى تجريبي.",
    "This page was created for a demonstration. It is not real information: do not rely on it.": (
        "أُنشئت هذه الصفحة للعرض التجريبي. ليست معلومات حقيقية: لا تعتمد عليها."
    ),
    "This page is not yet available in %(reader)s. It is shown in %(shown)s.": (
        "هذه الصفحة غير متوفرة بعد باللغة %(reader)s. تُعرض باللغة %(shown)s."
    ),
    "Last verified on %(date)s; this may be out of date.": (
        "آخر تحقق في %(date)s؛ قد تكون هذه المعلومات قديمة."
    ),
    "This section was last verified on %(date)s; it may be out of date.": (
        "آخر تحقق من هذا القسم في %(date)s؛ قد يكون قديمًا."
    ),
    "Read the original": "اقرأ النص الأصلي",
    "Who stands behind this page": "من المسؤول عن هذه الصفحة",
    "Maintained by": "تحافظ عليها",
    "website": "الموقع الإلكتروني",
    "Last verified": "آخر تحقق",
    "Next review": "المراجعة القادمة",
    "Translation": "الترجمة",
    "On this page": "في هذه الصفحة",
    "Your options": "خياراتك",
    "sample": "مثال",
    "Nothing published here yet.": "لم يُنشر شيء هنا بعد.",
    "Run by": "تديره",
    "Funded by": "بتمويل من",
    "Who can apply": "من يمكنه التقديم",
    "Nationals of": "مواطنو",
    "Ticket": "التذكرة",
    "Covered": "مشمولة",
    "Not covered": "غير مشمولة",
    "Cash grant": "منحة نقدية",
    "sample amount": "مبلغ تجريبي",
    "Reintegration support": "دعم إعادة الإدماج",
    "Extra support for vulnerable people": "دعم إضافي للأشخاص المستضعفين",
    "Valid": "صالح",
    "until further notice": "حتى إشعار آخر",
    "How to apply": "كيفية التقديم",
    "Address": "العنوان",
    "Access": "الوصول",
    "Services": "الخدمات",
    "Languages spoken": "اللغات المستخدمة",
    "You can come without giving your name.": "يمكنك الحضور دون ذكر اسمك.",
    "No appointment needed.": "لا حاجة إلى موعد.",
    "By appointment.": "بموعد مسبق.",
    "Phone": "الهاتف",
    "E-mail": "البريد الإلكتروني",
    "Read more": "اقرأ المزيد",
    "Skip to content": "انتقل إلى المحتوى",
    "Search": "بحث",
    "Retour: reviewed information about return, maintained by a network of organisations.": (
        "Retour: معلومات موثوقة عن العودة، تحافظ عليها شبكة من المنظمات."
    ),
    "Information about voluntary return and support is kept separate from enforcement.": (
        "المعلومات عن العودة الطوعية والدعم منفصلة عن إجراءات الإنفاذ."
    ),
}
