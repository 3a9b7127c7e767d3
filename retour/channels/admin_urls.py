from django.urls import path

from . import admin_views

app_name = "channels_admin"
urlpatterns = [
    path("", admin_views.inbox, name="inbox"),
    path("<uuid:conversation_uuid>/", admin_views.conversation, name="conversation"),
    path("<uuid:conversation_uuid>/reply/", admin_views.conversation_reply, name="reply"),
    path("<uuid:conversation_uuid>/close/", admin_views.conversation_close, name="close"),
    path("<uuid:conversation_uuid>/rumour/", admin_views.conversation_rumour, name="rumour"),
    path(
        "<uuid:conversation_uuid>/messages/<uuid:message_uuid>/short-answer/",
        admin_views.message_short_answer,
        name="short-answer",
    ),
    path("channels/", admin_views.channel_list, name="channels"),
    path("channels/<str:kind>/new/", admin_views.channel_edit, name="channel-new"),
    path("channels/<str:kind>/<uuid:channel_uuid>/", admin_views.channel_edit, name="channel-edit"),
    path("outbox/<uuid:outbox_uuid>/retry/", admin_views.outbox_retry, name="outbox-retry"),
]
