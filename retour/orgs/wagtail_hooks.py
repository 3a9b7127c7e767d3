from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, policy


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("organisation/", include(admin_urls, namespace="orgs_admin"))]


class OrgMenuItem(MenuItem):
    def __init__(self, *args, perm: str, **kwargs):
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return policy.has_perm(request.user, self.perm, org=request.org)


@hooks.register("register_admin_menu_item")
def organisation_menu_item():
    return OrgMenuItem(
        _("Organisation"),
        reverse("orgs_admin:organisation"),
        icon_name="group",
        order=9000,
        perm="orgs.view_organisation",
    )


@hooks.register("register_admin_menu_item")
def audit_menu_item():
    return OrgMenuItem(
        _("Audit log"),
        reverse("orgs_admin:audit"),
        icon_name="history",
        order=9010,
        perm="core.view_auditevent",
    )
