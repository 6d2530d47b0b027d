from django.urls import path

from staff.views import dashboard_view

urlpatterns = [path("", dashboard_view, name="staff-dashboard")]
