from django.conf import settings
from django.utils import translation


def retour(request):
    lang = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "RETOUR_LANG": lang,
        "RETOUR_DIR": "rtl" if lang.split("-")[0] in settings.RTL_LANGUAGES else "ltr",
        "RETOUR_LANGUAGES": settings.LANGUAGES,
    }
