"""SMS through a Twilio-compatible webhook: form posts signed with X-Twilio-Signature,
replies through the Messages API (numbered choices in the text)."""

from __future__ import annotations

from urllib.parse import urlencode

from retour.channels.models import Delivery, OutboxMessage, OutboxStatus
from retour.channels.types.sms import signature

from .base import ChannelTestCase

SID = "AC00000000000000000000000000000001"


class SmsTests(ChannelTestCase):
    kind = "sms"
    secrets = {"auth_token": "twilio-token"}
    config = {"account_sid": SID, "from_number": "+15005550006"}

    def params(self, body: str, sid: str = "SM00000000000000000000000000000001") -> dict:
        # The fields Twilio documents for an incoming message (a subset).
        return {
            "ToCountry": "BE",
            "SmsMessageSid": sid,
            "NumMedia": "0",
            "SmsSid": sid,
            "SmsStatus": "received",
            "Body": body,
            "To": "+15005550006",
            "NumSegments": "1",
            "MessageSid": sid,
            "AccountSid": SID,
            "From": "+32470000001",
            "ApiVersion": "2010-04-01",
        }

    def sms(self, params: dict, *, token="twilio-token", sign=True):
        headers = {}
        if sign:
            headers["HTTP_X_TWILIO_SIGNATURE"] = signature(
                token, "http://testserver" + self.url, params
            )
        return self.deliver(
            urlencode(params), content_type="application/x-www-form-urlencoded", **headers
        )

    def test_forged_signature_is_refused(self):
        self.assertEqual(self.sms(self.params("hi"), sign=False).status_code, 401)
        self.assertEqual(self.sms(self.params("hi"), token="guess").status_code, 403)
        tampered = self.params("hi")
        headers = {
            "HTTP_X_TWILIO_SIGNATURE": signature(
                "twilio-token", "http://testserver" + self.url, tampered
            )
        }
        tampered["Body"] = "something else"
        response = self.deliver(
            urlencode(tampered), content_type="application/x-www-form-urlencoded", **headers
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Delivery.objects.count(), 0)

    def test_missing_fields_are_400(self):
        params = self.params("hi")
        del params["MessageSid"]
        self.assertEqual(self.sms(params).status_code, 400)

    def test_reply_goes_through_the_messages_api_and_twiml_is_empty(self):
        response = self.sms(self.params("Who pays for my plane ticket home?"))
        self.assertEqual(response["Content-Type"], "text/xml")
        self.assertIn(b"<Response></Response>", response.content)
        call = self.transport.calls[-1]
        self.assertEqual(
            call.url, f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"
        )
        self.assertEqual(call.auth, (SID, "twilio-token"))
        self.assertEqual((call.data["To"], call.data["From"]), ("+32470000001", "+15005550006"))
        self.assertIn("the return programme pays the plane ticket", call.data["Body"])
        self.assertTrue(
            OutboxMessage.objects.filter(
                status=OutboxStatus.SENT, provider_message_id__startswith="SM"
            ).exists()
        )

    def test_menu_is_numbered_and_a_number_picks(self):
        self.sms(self.params("hi", sid="SM1"))
        self.transport.reset()
        self.sms(self.params("menu", sid="SM2"))
        body = self.transport.calls[0].data["Body"]
        self.assertIn("1. Talk to a counsellor", body)
        self.transport.reset()
        self.sms(self.params("1", sid="SM3"))
        self.assertIn("counsellor", self.transport.calls[0].data["Body"])

    def test_replay_is_answered_once(self):
        self.sms(self.params("hi"))
        self.sms(self.params("hi"))
        self.assertEqual(len(self.transport.calls), 1)

    def test_outage_then_recovery(self):
        self.transport.fail_next = 1
        self.sms(self.params("hi"))
        row = OutboxMessage.objects.get()
        self.assertEqual((row.status, row.attempts), (OutboxStatus.PENDING, 1))
        self.assertIn("SMS HTTP 503", row.last_error)
