from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("surveys/", include(admin_urls, namespace="surveys_admin"))]


class OrgMenuItem(MenuItem):
    def __init__(self, *args, perm: str, **kwargs):
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return policy.has_perm(request.user, self.perm, org=request.org or None)


_menu = Menu(
    register_hook_name="register_surveys_menu_item", construct_hook_name="construct_surveys_menu"
)


@hooks.register("register_admin_menu_item")
def surveys_menu():
    return SubmenuMenuItem(_("Monitoring"), _menu, icon_name="clipboard-list", order=320)


@hooks.register("register_surveys_menu_item")
def rounds_item():
    return OrgMenuItem(
        _("Monitoring rounds"),
        reverse("surveys_admin:rounds"),
        icon_name="date",
        order=1,
        perm="surveys.view_monitoringround",
    )


@hooks.register("register_surveys_menu_item")
def imports_item():
    return OrgMenuItem(
        _("Import submissions"),
        reverse("surveys_admin:imports"),
        icon_name="upload",
        order=2,
        perm="surveys.view_importjob",
    )


@hooks.register("register_surveys_menu_item")
def servers_item():
    return OrgMenuItem(
        _("Survey servers"),
        reverse("surveys_admin:servers"),
        icon_name="link",
        order=3,
        perm="surveys.view_surveyform",
    )


@hooks.register("register_surveys_menu_item")
def forms_item():
    return OrgMenuItem(
        _("Survey forms"),
        reverse("surveys_admin:forms"),
        icon_name="form",
        order=3,
        perm="surveys.view_surveyform",
    )


@hooks.register("register_surveys_menu_item")
def analytics_item():
    return OrgMenuItem(
        _("Reintegration analytics"),
        reverse("surveys_admin:analytics"),
        icon_name="table",
        order=4,
        perm="surveys.view_analytics",
    )


@hooks.register("register_surveys_menu_item")
def definitions_item():
    return OrgMenuItem(
        _("Index definitions"),
        reverse("surveys_admin:definitions"),
        icon_name="cogs",
        order=5,
        perm="surveys.view_indexdefinition",
    )
