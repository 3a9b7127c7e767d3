from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reintegration/", include(admin_urls, namespace="reintegration_admin"))]


class ReferralsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.has_perm(
            request.user, "reintegration.view_referral", org=getattr(request, "org", None) or None
        )


@hooks.register("register_admin_menu_item")
def referrals_menu():
    return ReferralsMenuItem(
        _("Referrals"), reverse("reintegration_admin:referrals"), icon_name="resubmit", order=351
    )
