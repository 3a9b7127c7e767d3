"""API routes of the channels app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
