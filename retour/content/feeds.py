"""Atom feeds of published updates, per language and per country of return."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from retour.orgs.validators import VALID_COUNTRIES

from .models import CountrySheetPage, OwnedPage, ReturnProgrammePage

FEED_SIZE = 50


class _PageFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url or "/"

    def item_description(self, item):
        label = _("Sample content. ") if item.is_sample else ""
        return f"{label}{_('Maintained by')} {item.organisation.name}"

    def item_updateddate(self, item):
        return item.last_published_at

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False


class LanguageFeed(_PageFeed):
    """Everything published in the language of the URL (/fr/feeds/atom.xml)."""

    def get_object(self, request):
        return translation.get_language()

    def title(self, obj):
        return _("Retour: updates (%(lang)s)") % {"lang": obj}

    def link(self, obj):
        return f"/{obj}/"

    def items(self, obj):
        return (
            OwnedPage.objects.live()
            .public()
            .filter(locale__language_code=obj)
            .select_related("organisation", "locale")
            .order_by("-last_published_at")[:FEED_SIZE]
        )


class CountryFeed(_PageFeed):
    """Country sheets and programmes for one country of return, in one language."""

    def get_object(self, request, country_code):
        code = country_code.upper()
        if code not in VALID_COUNTRIES:
            raise Http404
        return code, translation.get_language()

    def title(self, obj):
        return _("Retour: updates for %(country)s (%(lang)s)") % {"country": obj[0], "lang": obj[1]}

    def link(self, obj):
        return f"/{obj[1]}/"

    def items(self, obj):
        code, lang = obj
        sheets = CountrySheetPage.objects.filter(country=code).values("pk")
        programmes = [
            p.pk
            for p in ReturnProgrammePage.objects.live().only("pk", "eligible_nationalities")
            if code in (p.eligible_nationalities or [])
        ]
        return (
            OwnedPage.objects.live()
            .public()
            .filter(locale__language_code=lang)
            .filter(pk__in=list(sheets.values_list("pk", flat=True)) + programmes)
            .select_related("organisation", "locale")
            .order_by("-last_published_at")[:FEED_SIZE]
        )
