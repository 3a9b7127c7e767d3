from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("organisation/switch/", views.organisation_switch, name="switch"),
]
