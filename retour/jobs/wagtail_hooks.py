from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from retour.orgs import policy

from . import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("jobs/", include(admin_urls, namespace="jobs_admin"))]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or policy.has_perm(
            request.user, "jobs.view_job", org=request.org or None
        )


class SchedulesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def schedules_item():
    return SchedulesMenuItem(
        _("Schedules"), reverse("jobs_admin:schedules"), icon_name="time", order=900
    )


@hooks.register("register_admin_menu_item")
def jobs_item():
    return JobsMenuItem(_("Jobs"), reverse("jobs_admin:list"), icon_name="cogs", order=9000)
