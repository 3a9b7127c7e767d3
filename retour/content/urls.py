from django.urls import path, re_path

from . import feeds, views

app_name = "content"
urlpatterns = [
    path("feeds/atom.xml", feeds.LanguageFeed(), name="feed"),
    path("feeds/<str:country_code>/atom.xml", feeds.CountryFeed(), name="country-feed"),
    path("support/", views.support, name="support"),
    # Must stay last: every other public path falls through to Wagtail's router.
    re_path(r"^(?P<path>.*)$", views.serve_page, name="page"),
]
