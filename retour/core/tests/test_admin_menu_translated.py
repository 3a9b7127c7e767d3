"""The admin's sidebar shows Retour's own menu items in the staff member's
language: an item whose label is missing from the catalogues shows in English
("Jobs" did in the Arabic admin)."""

from __future__ import annotations

import inspect
import json
import re
from html import unescape

from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.users.models import UserProfile

from retour.testing.base import TenantTestCase


def _key(url, icon_name):
    """A menu item is told apart by its URL, a submenu (no URL) by its icon: labels
    are not unique (wagtail-localize's report is "Translations" too)."""
    return url or f"submenu:{icon_name}"


def retour_menu_items() -> dict[str, str]:
    """The English labels of the menu items Retour's apps register, in every
    menu (main, settings, and the apps' own submenus), by item."""
    items = {}
    with translation.override("en"):
        for name in list(hooks._hooks):
            if not re.fullmatch(r"register_\w*menu_item", name) or "account" in name:
                continue
            for fn in hooks.get_hooks(name):
                if not fn.__module__.startswith("retour.") or inspect.signature(fn).parameters:
                    continue
                item = fn()
                if isinstance(item, MenuItem):
                    url = None if isinstance(item, SubmenuMenuItem) else item.url
                    items[_key(url, item.icon_name)] = str(item.label)
    return items


def _items(node) -> dict[str, str]:
    """Every menu item in the sidebar's props (nested submenus included), by item."""
    found = {}
    if isinstance(node, dict):
        if "label" in node and "name" in node:
            found[_key(node.get("url"), node.get("icon_name"))] = node["label"]
        for value in node.values():
            found.update(_items(value))
    elif isinstance(node, list):
        for value in node:
            found.update(_items(value))
    return found


class AdminMenuTranslatedTests(TenantTestCase):
    def sidebar(self, language: str) -> dict[str, str]:
        profile = UserProfile.get_for_user(self.superuser)
        profile.preferred_language = language
        profile.save()
        response = self.client_for(self.superuser).get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        match = re.search(
            r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
            response.content.decode(),
            re.S,
        )
        assert match is not None
        return _items(json.loads(unescape(match.group(1))))

    def test_the_arabic_admin_menu_has_no_english_labels_of_retours_items(self):
        ours = retour_menu_items()
        self.assertIn("Jobs", ours.values())
        # Each is in the sidebar (the superuser sees every item): the check is not empty.
        english_sidebar = self.sidebar("en")
        self.assertEqual({key: english_sidebar.get(key) for key in ours}, ours)
        arabic_sidebar = self.sidebar("ar")
        english = sorted(label for key, label in ours.items() if arabic_sidebar[key] == label)
        self.assertFalse(english, f"in English in the Arabic admin: {english}")

    def test_wagtail_localizes_report_follows_the_language_of_each_request(self):
        # Its label was fixed by whichever language asked first (a cached non-lazy gettext).
        url = reverse("wagtail_localize:translations_report")
        labels = [self.sidebar(language)[url] for language in ("en", "ar", "en")]
        with translation.override("ar"):
            arabic = translation.gettext("Translations")
        self.assertEqual(labels, ["Translations", arabic, "Translations"])
