from django.urls import re_path

from . import views

app_name = "content"
urlpatterns = [
    # Must stay last: every other public path falls through to Wagtail's router.
    re_path(r"^(?P<path>.*)$", views.serve_page, name="page"),
]
