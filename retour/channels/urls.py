from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("<str:kind>/<uuid:channel_uuid>/", views.webhook, name="webhook"),
    path("local/<uuid:channel_uuid>/chat/", views.local_chat, name="local-chat"),
    # Channels configured by RETOUR_<TYPE>_* settings (before channels lived in the admin).
    path("<str:kind>/", views.legacy, name="legacy"),
]
