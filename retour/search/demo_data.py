"""SAMPLE questions for the search demo's query log and gap analytics.

The translated questions are the titles of the demo's translated short
answers (retour/content/demo_text/<lang>.py, loaded as wagtail-localize
translations by the content loader). Index i is ``content.demo_data.QUESTIONS[i]``.
"""

from retour.content.demo_text import load

# The languages whose questions go into the sample query log (one engine
# search each, so the list stays short).
QUESTIONS = {code: load(code).QUESTIONS for code in ("fr", "nl", "ar", "fa")}

# SAMPLE questions that the demo content cannot answer, so the gap analytics
# has something to show. Not collected from real people.
UNANSWERED = [
    ("en", "can i bring my car back home"),
    ("en", "driving licence recognised after return"),
    ("en", "pension contributions refund"),
    ("fr", "remboursement des cotisations de retraite"),
    ("fr", "puis-je ramener ma voiture"),
    ("ar", "هل يمكنني تحويل راتبي التقاعدي"),
    ("ar", "هل يمكنني إحضار سيارتي"),
    ("fa", "آیا می‌توانم ماشینم را ببرم"),
    ("fa", "گواهینامه رانندگی بعد از بازگشت"),
    ("ps", "ایا زه کولی شم خپل موټر یوسم"),
    ("ps", "د تقاعد پیسې"),
    ("nl", "kan ik mijn auto meenemen"),
]
