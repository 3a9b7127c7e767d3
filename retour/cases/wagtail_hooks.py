from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("cases/", include(admin_urls, namespace="cases_admin"))]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.has_perm(
            request.user, "cases.view_case", org=getattr(request, "org", None) or None
        )


@hooks.register("register_admin_menu_item")
def cases_menu():
    return CasesMenuItem(
        _("Cases"), reverse("cases_admin:list"), icon_name="folder-open-inverse", order=350
    )
