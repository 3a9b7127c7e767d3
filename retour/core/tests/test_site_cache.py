"""The cached site lookup picks the same Site as Wagtail, and forgets it when a Site changes."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from retour.core.sites import site_for_request

pytestmark = pytest.mark.django_db


def _request(host: str = "testserver"):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_same_site_as_wagtail_and_no_query_the_second_time(django_assert_num_queries) -> None:
    expected = get_site_for_hostname("testserver", "80")
    first = site_for_request(_request())
    assert first is not None and first.pk == expected.pk
    with django_assert_num_queries(0):
        again = site_for_request(_request())
    assert again is not None
    assert (again.pk, again.hostname, again.root_page_id) == (
        expected.pk,
        expected.hostname,
        expected.root_page_id,
    )


def test_a_new_site_for_the_host_is_seen_at_once() -> None:
    default = site_for_request(_request("other.example"))
    assert default is not None and default.is_default_site
    root = Page.get_first_root_node()
    other = Site.objects.create(hostname="other.example", port=80, root_page=root)
    assert site_for_request(_request("other.example")).pk == other.pk
    other.delete()
    assert site_for_request(_request("other.example")).pk == default.pk


def test_pages_are_served_through_the_middleware(client) -> None:
    # The middleware sets request._wagtail_site; Wagtail's own lookup must then agree.
    response = client.get("/en/no-such-page-anywhere/")
    assert response.status_code == 404
    assert response.wsgi_request._wagtail_site.pk == Site.find_for_request(response.wsgi_request).pk
