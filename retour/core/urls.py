from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("2fa/", views.two_factor_setup, name="2fa-setup"),
    path("2fa/verify/", views.two_factor_verify, name="2fa-verify"),
]
