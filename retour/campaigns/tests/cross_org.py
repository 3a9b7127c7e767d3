"""Cross-organisation route registrations for the campaigns app.

Campaign records are shared across the network, so their read routes are
public_route()s (another organisation's campaign is readable by design);
every route that changes a campaign or touches survey data answers 404 for
another organisation, through the ``campaign_uuid`` / ``surveystudy_uuid``
builders below.
"""

from retour.testing.routes import once, public_route, register_param

SHARED = "campaign records are shared across the network"


def _campaign_b(tc):
    from retour.campaigns.tests.factories import CampaignFactory

    return once(
        tc,
        "campaign",
        lambda: CampaignFactory(organisation=tc.org_b, title=f"Campaign {tc.canary}"),
    )


@register_param("campaign_uuid")
def _campaign(tc):
    return _campaign_b(tc).uuid


@register_param("surveystudy_uuid")
def _study(tc):
    from retour.campaigns.tests.factories import SurveyStudyFactory

    return SurveyStudyFactory(campaign=_campaign_b(tc), title=f"Study {tc.canary}").uuid


def _read_kwargs(tc):
    return {"campaign_uuid": _campaign_b(tc).uuid}


public_route("campaigns_admin:list", reason=SHARED)
public_route("campaigns_admin:export", reason=SHARED)
public_route("campaigns_admin:analytics", reason=SHARED + " (portfolio analytics over them)")
public_route("campaigns_admin:detail", reason=SHARED, kwargs=_read_kwargs)
public_route(
    "campaigns_admin:impact", reason=SHARED + " (and Eurostat data is public)", kwargs=_read_kwargs
)
public_route("api:campaigns", reason=SHARED)
public_route("api:campaign", reason=SHARED, kwargs=_read_kwargs)
