from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("telegram/", views.telegram, name="telegram"),
    path("whatsapp/", views.whatsapp, name="whatsapp"),
    path("rapidpro/", views.rapidpro, name="rapidpro"),
]
