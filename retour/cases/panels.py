"""Panels other apps add to the case page (cases.admin_views.case_detail).

Cases sits below the apps that build on it (reintegration, surveys), so it
never imports them: each registers its panel in its ``AppConfig.ready()``::

    from retour.cases.panels import CasePanel, register_case_panel

    register_case_panel(CasePanel(
        name="reintegration",
        template="reintegration/admin/_case_panel.html",
        context=case_panel_context,  # (request, case) -> dict
    ))

The panel's template is rendered with ``case``, the request (CSRF token and
context processors) and what ``context`` returns; the panel decides what the
user may see (the case page has already checked ``cases.view_case``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .models import Case

PanelContext = Callable[[HttpRequest, Case], dict[str, Any]]


@dataclass(frozen=True)
class CasePanel:
    name: str
    template: str
    context: PanelContext
    order: int = 100  # lower first; ties keep registration order


_PANELS: dict[str, CasePanel] = {}


def register_case_panel(panel: CasePanel) -> None:
    """Add ``panel`` to every case page; the same name again replaces it."""
    _PANELS[panel.name] = panel


def unregister_case_panel(name: str) -> None:
    _PANELS.pop(name, None)


def case_panels() -> list[CasePanel]:
    return sorted(_PANELS.values(), key=lambda panel: panel.order)


def render_case_panels(request: HttpRequest, case: Case) -> list[SafeString]:
    """Each registered panel's HTML for this case, in order."""
    return [
        render_to_string(
            panel.template, {"case": case, **panel.context(request, case)}, request=request
        )
        for panel in case_panels()
    ]
