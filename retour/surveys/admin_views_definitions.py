"""Write an index definition in the admin: paste or upload YAML, validate, preview, save.

The page never stores anything until "Save": validation names each problem
with its line and field, and the preview scores the organisation's stored
submissions in memory (n scored, n unknown, the distribution). Saving goes
through ``services.index_definition_save`` (org-scoped, audited) and then
scores the stored submissions, so the new definition is in the analytics
choice at once, like the shipped ones.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from retour.orgs import policy
from retour.orgs.http import signed_in_user
from retour.orgs.scoped import refuse_as_403, require_org

from . import services
from .definition_preview import preview_definition
from .index import DefinitionError, parse_definition
from .index.definition import builtin_texts
from .index.locate import with_lines

MAX_BYTES = 256 * 1024  # a definition is a few kilobytes; refuse anything far larger


class DefinitionText(forms.Form):
    yaml_text = forms.CharField(
        label=gettext_lazy("Definition (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "dir": "ltr"}),
    )
    yaml_file = forms.FileField(label=gettext_lazy("…or upload a .yaml file"), required=False)

    def text(self) -> str:
        """The uploaded file if any, else the pasted text; ValidationError if unusable."""
        upload = self.cleaned_data.get("yaml_file")
        if upload:
            if upload.size > MAX_BYTES:
                raise ValidationError(_("The file is larger than 256 KB."))
            try:
                return upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValidationError(_("The definition must be UTF-8 text.")) from exc
        text = self.cleaned_data.get("yaml_text", "")
        if len(text.encode()) > MAX_BYTES:
            raise ValidationError(_("The definition is larger than 256 KB."))
        if not text.strip():
            raise ValidationError(_("Paste a definition or choose a file."))
        return text


def _starter() -> str:
    """A shipped definition to start from (the analyst changes slug, title and version)."""
    return builtin_texts()["equal-weight-composite"]


@refuse_as_403
def definition_write(request: HttpRequest) -> HttpResponse:
    org = require_org(request)
    policy.require(request.user, "surveys.add_indexdefinition", org=org)
    form = DefinitionText(request.POST or None, request.FILES or None)
    context: dict = {"org": org, "form": form, "problems": [], "preview": None, "parsed": None}
    if request.method != "POST":
        form.initial = {"yaml_text": _starter()}
        return render(request, "surveys/admin/definition_write.html", context)
    if form.is_valid():
        try:
            text = form.text()
        except ValidationError as exc:
            context["problems"] = [{"line": None, "field": "", "message": m} for m in exc.messages]
        else:
            context["text"] = text
            # Keep what was uploaded in the text box, so it can be corrected there.
            form.data = {**request.POST.dict(), "yaml_text": text}
            try:
                parsed = parse_definition(text)
            except DefinitionError as exc:
                context["problems"] = with_lines(text, exc.errors)
            else:
                context["parsed"] = parsed
                if request.POST.get("action") == "save":
                    return _save(request, org=org, text=text, context=context)
                context["preview"] = preview_definition(organisation=org, definition=parsed)
    return render(request, "surveys/admin/definition_write.html", context)


def _save(request: HttpRequest, *, org, text: str, context: dict) -> HttpResponse:
    try:
        definition = services.index_definition_save(
            actor=signed_in_user(request), organisation=org, text=text
        )
    except ValidationError as exc:
        errors = exc.message_dict.get("definition", exc.messages)
        context["problems"] = with_lines(text, list(errors))
        return render(request, "surveys/admin/definition_write.html", context)
    scored = 0
    if policy.has_perm(request.user, "surveys.recompute_indexscore", org=org):
        scored = services.index_scores_recompute(
            actor=signed_in_user(request), definition=definition
        )
    messages.success(
        request,
        _("%(d)s saved; %(n)s submissions scored. It is now a choice in the analytics.")
        % {"d": definition, "n": scored},
    )
    return redirect("surveys_admin:definitions")
