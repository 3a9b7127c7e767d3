"""The client address comes from X-Forwarded-For only through trusted proxies.

Rate limits (the public API, the login lock-out) key on it: a header any
client can write must not give it a fresh bucket per request.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from retour.core.net import client_ip
from retour.testing.factories import UserFactory


def _request(remote: str, xff: str | None = None):
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


class ClientIpTests(SimpleTestCase):
    @override_settings(RETOUR_TRUSTED_PROXIES=[])
    def test_without_trusted_proxies_the_header_is_ignored(self):
        self.assertEqual(client_ip(_request("203.0.113.9", "198.51.100.1")), "203.0.113.9")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.1"])
    def test_an_untrusted_peer_cannot_name_another_address(self):
        self.assertEqual(client_ip(_request("203.0.113.9", "198.51.100.1")), "203.0.113.9")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.1"])
    def test_a_trusted_proxy_names_the_client(self):
        self.assertEqual(client_ip(_request("10.0.0.1", "198.51.100.1")), "198.51.100.1")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_walks_from_the_right_through_trusted_hops_only(self):
        # The client wrote "1.2.3.4" itself; only the hops our proxies appended count.
        request = _request("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.2.3.4")
        self.assertEqual(client_ip(request), "198.51.100.7")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::/32"])
    def test_ipv6_and_spacing(self):
        request = _request("2001:db8::1", " 2001:DB8:0:0::5 ,2001:db8::2")
        self.assertEqual(client_ip(request), "2001:db8::5")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.1"])
    def test_a_malformed_hop_stops_the_walk_at_the_last_trusted_address(self):
        self.assertEqual(client_ip(_request("10.0.0.1", "1.2.3.4, not-an-ip")), "10.0.0.1")
        self.assertEqual(client_ip(_request("10.0.0.1", "")), "10.0.0.1")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.1"])
    def test_every_hop_trusted_gives_the_leftmost(self):
        self.assertEqual(client_ip(_request("10.0.0.1", "10.0.0.1")), "10.0.0.1")

    @override_settings(RETOUR_TRUSTED_PROXIES=["10.0.0.300"])
    def test_a_bad_setting_is_refused_naming_the_variable(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "RETOUR_TRUSTED_PROXIES"):
            client_ip(_request("10.0.0.1", "1.2.3.4"))

    def test_axes_uses_the_same_function(self):
        self.assertEqual(settings.AXES_CLIENT_IP_CALLABLE, "retour.core.net.client_ip")


@mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
class AnswerRateLimitTests(TestCase):
    def setUp(self):
        cache.clear()

    def _codes(self, headers: list[dict]) -> list[int]:
        url = reverse("api:answer") + "?q=passport"
        return [self.client.get(url, **h).status_code for h in headers]

    def test_a_fresh_forwarded_for_per_request_does_not_lift_the_limit(self):
        codes = self._codes([{"HTTP_X_FORWARDED_FOR": f"198.51.100.{i}"} for i in range(5)])
        self.assertEqual(codes[:3], [200, 200, 200])
        self.assertEqual(codes[3:], [429, 429])

    @override_settings(RETOUR_TRUSTED_PROXIES=["127.0.0.1"])
    def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(self):
        codes = self._codes([{"HTTP_X_FORWARDED_FOR": "198.51.100.1"}] * 4)
        self.assertEqual(codes[-1], 429)
        other = self._codes([{"HTTP_X_FORWARDED_FOR": "198.51.100.2"}])
        self.assertEqual(other, [200])


class LoginLockoutTests(TestCase):
    def test_a_fresh_forwarded_for_per_try_does_not_escape_the_lockout(self):
        UserFactory(username="victim", password="the-right-password-1")
        url = reverse("wagtailadmin_login")
        for i in range(settings.AXES_FAILURE_LIMIT):
            self.client.post(
                url,
                {"username": "victim", "password": "wrong"},
                HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
            )
        response = self.client.post(
            url,
            {"username": "victim", "password": "the-right-password-1"},
            HTTP_X_FORWARDED_FOR="198.51.100.200",
        )
        self.assertEqual(response.status_code, 429)
