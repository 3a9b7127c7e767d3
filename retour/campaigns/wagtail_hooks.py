from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("campaigns/", include(admin_urls, namespace="campaigns_admin"))]


class OrgMenuItem(MenuItem):
    def __init__(self, *args, perm: str, **kwargs):
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return policy.has_perm(request.user, self.perm, org=getattr(request, "org", None) or None)


_menu = Menu(
    register_hook_name="register_campaigns_menu_item",
    construct_hook_name="construct_campaigns_menu",
)


@hooks.register("register_admin_menu_item")
def campaigns_menu():
    return SubmenuMenuItem(_("Campaigns"), _menu, icon_name="pick", order=330)


_ITEMS = [
    (_("Campaign registry"), "campaigns_admin:list", "list-ul", "campaigns.view_campaign"),
    (
        _("Portfolio analytics"),
        "campaigns_admin:analytics",
        "table",
        "campaigns.view_campaign_analytics",
    ),
    (
        _("Survey results"),
        "campaigns_admin:surveys",
        "clipboard-list",
        "campaigns.view_surveystudy",
    ),
    (_("Eurostat statistics"), "campaigns_admin:statistics", "upload", "campaigns.view_campaign"),
]


def _register(order, label, name, icon, perm):
    @hooks.register("register_campaigns_menu_item")
    def item():
        return OrgMenuItem(label, reverse(name), icon_name=icon, order=order, perm=perm)

    return item


for _order, (_label, _name, _icon, _perm) in enumerate(_ITEMS, start=1):
    _register(_order, _label, _name, _icon, _perm)
