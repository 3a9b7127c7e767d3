"""Cross-organisation builders for the route walker (see retour/testing/routes.py)."""

from __future__ import annotations

from retour.testing.routes import public_route, register_param

from .factories import country_sheet


def _org_b_page(tc):
    cached = getattr(tc, "_content_org_b_page", None)
    if cached is None:
        cached = country_sheet(organisation=tc.org_b, title=f"Sheet {tc.canary}", country="IQ")
        # A pending workflow so the workflow routes have real org-B objects.
        cached.save_revision()
        tc._content_org_b_page = cached
    return cached


@register_param("page_id")
def _page_id(tc):
    return _org_b_page(tc).pk


@register_param("revision_id")
def _revision_id(tc):
    return _org_b_page(tc).latest_revision_id


def _workflow_state(tc):
    from wagtail.models import WorkflowState

    page = _org_b_page(tc)
    state = WorkflowState.objects.filter(object_id=str(page.pk)).first()
    if state is None:
        from wagtail.models import Page

        from retour.content.services import workflow_setup

        workflow = workflow_setup(home=Page.get_first_root_node())
        state = workflow.start(page, tc.superuser)
    return state


@register_param("workflow_state_id")
def _workflow_state_id(tc):
    return _workflow_state(tc).pk


@register_param("task_state_id")
def _task_state_id(tc):
    return _workflow_state(tc).current_task_state.pk


@register_param("task_id")
def _task_id(tc):
    return _workflow_state(tc).current_task_state.task_id


@register_param("action_name")
def _action_name(tc):
    return "approve"


public_route(
    "wagtailcore_authenticate_with_password",
    reason="Wagtail's public password form for view-restricted pages; shows no page content",
)
public_route("content:page", reason="public portal pages (published content only)")
public_route("content:feed", reason="public Atom feed of published pages")
public_route(
    "content:country-feed",
    reason="public Atom feed of published pages for one country",
    kwargs=lambda tc: {"country_code": "AF"},
)
public_route("api:content-pages", reason="public read-only API of published pages")
public_route(
    "api:content-page",
    reason="public read-only API of one published page",
    kwargs=lambda tc: {"translation_key": "00000000-0000-0000-0000-000000000000"},
)
public_route("api:content-hsds", reason="public HSDS export of published service points")
