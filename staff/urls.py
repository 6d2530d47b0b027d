from django.urls import path

from staff.views import count_now_view, dashboard_view

urlpatterns = [
    path("", dashboard_view, name="staff-dashboard"),
    path("count/", count_now_view, name="staff-dashboard-count"),
]
