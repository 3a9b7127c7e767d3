"""Chat channels: Telegram, WhatsApp Cloud API and RapidPro/TextIt webhooks.

Configuration (Django settings, else environment variables of the same name):

* ``RETOUR_TELEGRAM_BOT_TOKEN``: Bot API token, for sendMessage.
* ``RETOUR_TELEGRAM_SECRET``: the ``secret_token`` given to setWebhook. Updates
  without the matching ``X-Telegram-Bot-Api-Secret-Token`` header are refused.
* ``RETOUR_WHATSAPP_APP_SECRET``: Meta app secret, checks ``X-Hub-Signature-256``.
* ``RETOUR_WHATSAPP_VERIFY_TOKEN``: answers the GET verification handshake.
* ``RETOUR_WHATSAPP_TOKEN``: Graph API access token, for sending.
* ``RETOUR_RAPIDPRO_TOKEN``: flows call the webhook with ``Authorization: Token …``.
* ``RETOUR_CHANNEL_SENDER``: dotted path of the sender class (default: the httpx
  ``HttpSender``; tests and benches use ``FakeSender``).
* ``RETOUR_CHANNEL_RATE``: ``(messages, seconds)`` per sender, default ``(10, 60)``.
* ``RETOUR_HASH_KEY``: key of the HMAC applied to sender ids (rate limiting only).

Endpoints: ``/channels/telegram/``, ``/channels/whatsapp/``, ``/channels/rapidpro/``.
A channel whose secret is not configured refuses every call (403).
"""
