from django.urls import path

from . import admin_views

app_name = "jobs_admin"
urlpatterns = [
    path("", admin_views.JobListView.as_view(), name="list"),
    path("schedules/", admin_views.schedule_list, name="schedules"),
    path("<uuid:job_uuid>/", admin_views.job_detail, name="detail"),
    path("<uuid:job_uuid>/progress/", admin_views.job_progress, name="progress"),
]
