from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("open/<uuid:document_uuid>/", views.open_result, name="open"),
    path("service-points/", views.service_points, name="service-points"),
]
