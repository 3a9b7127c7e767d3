"""StreamField blocks: structured sections rather than free-form pages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Rich text features: no embeds, no raw HTML, no images from elsewhere.
RICH_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class SectionKind(models.TextChoices):
    SAFETY = "safety", _("Safety and security")
    HEALTH = "health", _("Health care")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work and livelihoods")
    EDUCATION = "education", _("Education")
    DOCUMENTS = "documents", _("Documents and civil registration")
    REINTEGRATION = "reintegration", _("Reintegration support available locally")
    CONTACTS = "contacts", _("Useful contacts")


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, label=_("Title"))
    url = blocks.URLBlock(required=False, label=_("URL"))
    date = blocks.DateBlock(required=False, label=_("Date of the source"))

    class Meta:
        icon = "link"
        label = _("Source")


class CountrySectionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=SectionKind.choices, label=_("Section"))
    body = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Text"))
    last_verified = blocks.DateBlock(label=_("Last verified on"))
    sources = blocks.ListBlock(SourceBlock(), label=_("Sources"), min_num=0)

    class Meta:
        icon = "doc-full"
        label = _("Country section")


class DecisionOptionBlock(blocks.StructBlock):
    """One realistic option after a decision: appeal, new application, return…"""

    name = blocks.CharBlock(max_length=200, label=_("Option"))
    explanation = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Explanation"))
    deadline = blocks.CharBlock(
        max_length=200, required=False, label=_("Deadline"), help_text=_("e.g. 'within 15 days'")
    )

    class Meta:
        icon = "list-ul"
        label = _("Option")


class Weekday(models.TextChoices):
    MON = "mo", _("Monday")
    TUE = "tu", _("Tuesday")
    WED = "we", _("Wednesday")
    THU = "th", _("Thursday")
    FRI = "fr", _("Friday")
    SAT = "sa", _("Saturday")
    SUN = "su", _("Sunday")


class OpeningHoursBlock(blocks.StructBlock):
    weekday = blocks.ChoiceBlock(choices=Weekday.choices, label=_("Day"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    class Meta:
        icon = "time"
        label = _("Opening hours")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        result = super().clean(value)
        if result["opens"] and result["closes"] and result["closes"] <= result["opens"]:
            raise StructBlockValidationError(
                block_errors={"closes": ValidationError(_("Closing time must be after opening."))}
            )
        return result
