"""Chat channels: a registry of channel types behind one webhook, conversations
with a welcome, choices and hand-off to counsellors, and a durable outbox.

See README.md in this directory.
"""
