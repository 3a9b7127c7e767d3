from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from retour.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("retour.core.urls")),
    path("staff/", include("retour.orgs.urls")),
    path("staff/campaigns/", include("retour.campaigns.urls")),
    path("staff/cases/", include("retour.cases.urls")),
    path("staff/surveys/", include("retour.surveys.urls")),
    path("staff/reintegration/", include("retour.reintegration.urls")),
    path("channels/", include("retour.channels.urls")),
    path("api/v1/", include("retour.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Public, localised pages: /en/…, /ar/… (the language is part of the URL so a
# shared link opens in the language it was shared in).
urlpatterns += i18n_patterns(
    path("search/", include("retour.search.urls")),
    path("", include("retour.content.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
