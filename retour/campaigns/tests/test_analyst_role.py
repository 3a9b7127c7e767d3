"""Analysts add the campaigns they evaluate; changing or deleting stays with editors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from retour.campaigns import services
from retour.campaigns.models import Campaign
from retour.orgs.models import Role
from retour.testing.base import TenantTestCase


class AnalystAddsCampaignsTests(TenantTestCase):
    def test_analyst_adds_a_campaign(self):
        analyst = self.user(Role.ANALYST)
        client = self.client_for(analyst)
        self.assertEqual(client.get(reverse("campaigns_admin:add")).status_code, 200)
        self.assertContains(
            client.get(reverse("campaigns_admin:list")), 'href="/admin/campaigns/add/"'
        )
        campaign = services.campaign_create(
            actor=analyst, organisation=self.org_a, data={"title": "Analyst's campaign"}
        )
        self.assertEqual(campaign.organisation, self.org_a)
        # Adding only: the record is then the editors' to change or delete.
        edit = reverse("campaigns_admin:edit", kwargs={"campaign_uuid": campaign.uuid})
        self.assert_refused(client.get(edit))
        with self.assertRaises(PermissionDenied):
            services.campaign_update(actor=analyst, campaign=campaign, data={"title": "x"})
        # Never in another organisation.
        with self.assertRaises(Http404):  # not a member there
            services.campaign_create(actor=analyst, organisation=self.org_b, data={"title": "B"})
        self.assertFalse(Campaign.objects.filter(organisation=self.org_b).exists())

    def test_reviewers_and_caseworkers_still_cannot_add(self):
        for role in (Role.REVIEWER, Role.CASEWORKER):
            response = self.client_for(self.user(role)).get(reverse("campaigns_admin:add"))
            self.assert_refused(response, role)
