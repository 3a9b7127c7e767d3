from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("chat/", include(admin_urls, namespace="channels_admin"))]


class PermMenuItem(MenuItem):
    def __init__(self, *args, perm: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return policy.has_perm(request.user, self.perm, org=request.org)


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return PermMenuItem(
        _("Chat inbox"),
        reverse("channels_admin:inbox"),
        icon_name="mail",
        order=860,
        perm="channels.reply_conversation",
    )


@hooks.register("register_admin_menu_item")
def channels_menu_item():
    return PermMenuItem(
        _("Chat channels"),
        reverse("channels_admin:channels"),
        icon_name="cogs",
        order=870,
        perm="channels.manage_chatchannel",
    )
