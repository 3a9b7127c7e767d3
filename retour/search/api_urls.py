"""API routes of the search app, mounted under /api/v1/ by retour/api/urls.py."""

from django.urls import path

from . import api

urlpatterns = [path("answer", api.AnswerView.as_view(), name="answer")]
