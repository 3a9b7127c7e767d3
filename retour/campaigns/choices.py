"""Controlled vocabularies of the campaign registry (the EMN template's fields)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    TV = "tv", _("TV")
    RADIO = "radio", _("Radio")
    PRINT = "print", _("Print (leaflets, brochures, posters)")
    OUTDOOR = "outdoor", _("Outdoor (billboards, banners)")
    WEBSITE = "website", _("Website")
    FACEBOOK = "facebook", _("Facebook")
    YOUTUBE = "youtube", _("YouTube")
    TWITTER = "twitter", _("Twitter/X")
    HOTLINE = "hotline", _("Hotline")
    THEATRE_FILM = "theatre_film", _("Theatre/film")
    COMMUNITY_MEETINGS = "community_meetings", _("Community meetings")
    WORKSHOPS = "workshops", _("Workshops")
    SCHOOLS = "schools", _("Schools")
    TRAINING_OF_TRAINERS = "training_of_trainers", _("Training of trainers")
    PRESS = "press", _("Press")
    PEER_TO_PEER = "peer_to_peer", _("Peer-to-peer")


class AudienceGroup(models.TextChoices):
    GENERAL_PUBLIC = "general_public", _("General public")
    YOUTH = "youth", _("Youth")
    STUDENTS = "students", _("Students")
    CHILDREN = "children", _("Children")
    WOMEN = "women", _("Women")
    POTENTIAL_MIGRANTS = "potential_migrants", _("Potential migrants")
    MIGRANTS_ABROAD = "migrants_abroad", _("Migrants abroad / in transit")
    RETURNEES = "returnees", _("Returnees")
    OFFICIALS = "officials", _("Officials")
    CIVIL_SOCIETY = "civil_society", _("Civil society / NGOs")
    DIASPORA = "diaspora", _("Diaspora")
    JOURNALISTS = "journalists", _("Journalists")
    RELIGIOUS_LEADERS = "religious_leaders", _("Religious leaders")
    MINORITIES = "minorities", _("Ethnic minorities")
    TRAFFICKING_VICTIMS = "trafficking_victims", _("(Potential) victims of trafficking")


class Gender(models.TextChoices):
    ANY = "any", _("Any")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")


class ReachUnit(models.TextChoices):
    PERSONS = "persons", _("Persons")
    ATTENDEES = "attendees", _("Attendees")
    VIEWS = "views", _("Views / broadcasts")
    CALLS = "calls", _("Calls")
    COPIES = "copies", _("Copies distributed")


class EvaluationLevel(models.IntegerChoices):
    """Ordered: a higher value supports stronger claims about what the campaign caused."""

    NONE = 0, _("None / anecdotal")
    OUTPUT_MONITORING = 1, _("Output monitoring")
    POST_ONLY = 2, _("Post-only survey")
    PRE_POST = 3, _("Pre/post without comparison")
    QUASI_EXPERIMENTAL = 4, _("Quasi-experimental with comparison")
    RANDOMISED = 5, _("Randomised")


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", _("Planned / in preparation")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    UNKNOWN = "unknown", _("Unknown")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class Provenance(models.TextChoices):
    ENTERED = "entered", _("Entered by the owning organisation")
    IMPORTED = "imported", _("Imported from a file")
    CURATED_SEED = "curated_seed", _("Curated from EMN AHQ (Belgium)")


class SurveyDesign(models.TextChoices):
    """What the design allows us to say. Only designs with a comparison allow "effect"."""

    POST_ONLY = "post_only", _("Post-only (no baseline)")
    PRE_POST_PAIRED = "pre_post_paired", _("Pre/post, same respondents (paired)")
    PRE_POST_UNPAIRED = "pre_post_unpaired", _("Pre/post, different respondents (unpaired)")
    PRE_POST_COMPARISON = "pre_post_comparison", _("Pre/post with a comparison group (DiD)")
    RANDOMISED = "randomised", _("Randomised arms")


class Outcome(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge")
    RISK_PERCEPTION = "risk_perception", _("Risk perception")
    INTENTION = "intention", _("Intention to migrate irregularly")


class Wave(models.TextChoices):
    PRE = "pre", _("Before")
    POST = "post", _("After")


class Arm(models.TextChoices):
    CAMPAIGN = "campaign", _("Exposed to the campaign")
    COMPARISON = "comparison", _("Comparison / control")
