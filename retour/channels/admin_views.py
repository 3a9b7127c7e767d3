"""Counsellor inbox and channel configuration in the Wagtail admin, scoped to request.org.

Counsellors see what people asked and what the bot answered, never the
sender's number (it is stored only encrypted, for replying).
"""

from __future__ import annotations

import uuid
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from retour.orgs import policy
from retour.orgs.http import OrgRequest
from retour.orgs.scoped import current_org, refuse_as_403, require_org_perm
from retour.search.models import SearchDocument

from . import replies, selectors, services
from .models import Author, ChannelKind, ChatChannel, ChatSettings, Conversation, OutboxMessage
from .types import get


def _conversation(request: OrgRequest, conversation_uuid: uuid.UUID) -> Conversation:
    # Another organisation's conversation is a 404 for everyone, whatever their role.
    conv = get_object_or_404(
        Conversation.objects.for_org(current_org(request)).select_related(
            "channel", "organisation"
        ),
        uuid=conversation_uuid,
    )
    policy.require(request.user, "channels.reply_conversation", obj=conv)
    return conv


@refuse_as_403
def inbox(request: OrgRequest) -> HttpResponse:
    org = require_org_perm(request, "channels.reply_conversation")
    show = "all" if request.GET.get("show") == "all" else "waiting"
    return render(
        request,
        "channels/admin/inbox.html",
        {"org": org, "rows": selectors.inbox(org, show=show)[:200], "show": show},
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


class RumourForm(forms.Form):
    claim = forms.CharField(label=gettext_lazy("What the rumour claims"), max_length=300)
    corrected_by = forms.ModelChoiceField(
        label=gettext_lazy("Page that corrects it"),
        queryset=SearchDocument.objects.none(),
        required=False,
        to_field_name="uuid",
    )

    def __init__(self, *args, org, lang: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["corrected_by"])
        field.queryset = SearchDocument.objects.for_org(org).order_by("-locale", "title")
        if lang:
            field.queryset = field.queryset.filter(locale=lang) or field.queryset


@refuse_as_403
def conversation(request: OrgRequest, conversation_uuid: uuid.UUID) -> HttpResponse:
    conv = _conversation(request, conversation_uuid)
    last = conv.messages.filter(author=Author.PERSON).order_by("-created_at", "-id").first()
    context = {
        "conv": conv,
        "thread": conv.messages.select_related("written_by"),
        "reply_form": ReplyForm(),
        "rumour_form": RumourForm(
            org=conv.organisation,
            lang=conv.language,
            initial={"claim": services.SCRUB.sub("…", last.text) if last else ""},
        ),
        "can_draft": policy.has_perm(
            request.user, "content.edit_owned_page", org=conv.organisation
        ),
    }
    return render(request, "channels/admin/conversation.html", context)


def _done(request: OrgRequest, conv: Conversation, ok: str, action) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, ok)
    return redirect("channels_admin:conversation", conversation_uuid=conv.uuid)


@require_POST
@refuse_as_403
def conversation_reply(request: OrgRequest, conversation_uuid: uuid.UUID) -> HttpResponse:
    conv = _conversation(request, conversation_uuid)
    form = ReplyForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _done(
        request,
        conv,
        _("Reply queued: it goes out through the person's channel."),
        lambda: services.conversation_reply(actor=request.user, conversation=conv, text=text),
    )


@require_POST
@refuse_as_403
def conversation_close(request: OrgRequest, conversation_uuid: uuid.UUID) -> HttpResponse:
    conv = _conversation(request, conversation_uuid)
    services.conversation_close(actor=request.user, conversation=conv)
    messages.success(request, _("Conversation closed and its messages deleted."))
    return redirect("channels_admin:inbox")


@require_POST
@refuse_as_403
def conversation_rumour(request: OrgRequest, conversation_uuid: uuid.UUID) -> HttpResponse:
    conv = _conversation(request, conversation_uuid)
    form = RumourForm(request.POST, org=conv.organisation, lang="")
    if not form.is_valid():
        messages.error(request, _("Say what the rumour claims, and pick one of your pages."))
        return redirect("channels_admin:conversation", conversation_uuid=conv.uuid)
    return _done(
        request,
        conv,
        _("Marked as a rumour: it now counts in the dissemination gaps."),
        lambda: services.rumour_mark(
            actor=request.user,
            conversation=conv,
            claim=form.cleaned_data["claim"],
            corrected_by=form.cleaned_data["corrected_by"],
        ),
    )


@require_POST
@refuse_as_403
def message_short_answer(
    request: OrgRequest, conversation_uuid: uuid.UUID, message_uuid: uuid.UUID
) -> HttpResponse:
    conv = _conversation(request, conversation_uuid)
    message = get_object_or_404(conv.messages.all(), uuid=message_uuid)
    try:
        page = services.conversation_short_answer_draft(
            actor=request.user, conversation=conv, message=message
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("channels_admin:conversation", conversation_uuid=conv.uuid)
    messages.success(request, _("Draft short answer created and submitted for review."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


# -- channel configuration ------------------------------------------------------------


class ChannelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ctype = get(kind)
        for spec in ctype.secrets:
            self.fields[f"secret_{spec.name}"] = forms.CharField(
                label=spec.label,
                required=False,
                widget=forms.PasswordInput(render_value=False),
                help_text=_("Stored encrypted. Leave empty to keep the current value."),
            )
        for key, label in ctype.config_fields:
            self.fields[f"config_{key}"] = forms.CharField(label=label, required=False)


def _webhook_url(channel: ChatChannel) -> str:
    path = reverse("channels:webhook", kwargs={"kind": channel.kind, "channel_uuid": channel.uuid})
    return replies.absolute(path)


@refuse_as_403
def channel_list(request: OrgRequest) -> HttpResponse:
    org = require_org_perm(request, "channels.manage_chatchannel")
    if request.method == "POST":
        try:
            days = int(request.POST.get("retention_days", ""))
            services.chat_settings_update(actor=request.user, organisation=org, retention_days=days)
        except (ValueError, ValidationError):
            messages.error(request, _("Keep conversations between 1 and 365 days."))
        else:
            messages.success(request, _("Retention saved."))
        return redirect("channels_admin:channels")
    chat_settings = ChatSettings.objects.filter(organisation=org).first()
    rows = [(c, _webhook_url(c), get(c.kind).is_configured(c)) for c in selectors.channels(org)]
    return render(
        request,
        "channels/admin/channels.html",
        {
            "org": org,
            "rows": rows,
            "kinds": ChannelKind.choices,
            "retention_days": chat_settings.retention_days if chat_settings else 30,
            "dead": selectors.dead_letters(org)[:100],
            "counts": selectors.outbox_counts(org),
        },
    )


@refuse_as_403
def channel_edit(request: OrgRequest, kind: str, channel_uuid: uuid.UUID | None = None):
    org = require_org_perm(request, "channels.manage_chatchannel")
    if kind not in ChannelKind.values:
        raise Http404
    channel = None
    if channel_uuid is not None:
        channel = get_object_or_404(ChatChannel.objects.for_org(org), uuid=channel_uuid, kind=kind)
    initial = {"name": channel.name, "is_active": channel.is_active} if channel else {}
    initial.update({f"config_{k}": v for k, v in (channel.config if channel else {}).items()})
    form = ChannelForm(request.POST or None, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        channel = services.chat_channel_save(
            actor=request.user,
            organisation=org,
            kind=kind,
            name=data["name"],
            is_active=data["is_active"],
            secrets={k[7:]: v for k, v in data.items() if k.startswith("secret_")},
            config={k[7:]: v for k, v in data.items() if k.startswith("config_")},
            channel=channel,
        )
        messages.success(request, _("Channel saved. Its webhook URL: %s") % _webhook_url(channel))
        return redirect("channels_admin:channels")
    return render(
        request,
        "channels/admin/channel_form.html",
        {"org": org, "form": form, "channel": channel, "kind_name": get(kind).name},
    )


@require_POST
@refuse_as_403
def outbox_retry(request: OrgRequest, outbox_uuid: uuid.UUID) -> HttpResponse:
    org = require_org_perm(request, "channels.manage_chatchannel")
    row = get_object_or_404(
        OutboxMessage.objects.filter(channel__organisation=org).select_related("channel"),
        uuid=outbox_uuid,
    )
    if services.outbox_retry(actor=request.user, row=row):
        messages.success(request, _("The message will be sent again."))
    else:
        messages.error(
            request,
            _(
                "The provider accepted this message and then could not deliver it; its text "
                "is no longer kept. Answer the person again from the chat inbox."
            ),
        )
    return redirect("channels_admin:channels")
