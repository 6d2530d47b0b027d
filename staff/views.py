"""The shop dashboard, an admin page for staff with `staff.view_dashboard`."""

from django.contrib import admin
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from staff.dashboard import PERIODS, dashboard_for


@require_safe
@permission_required("staff.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    days = int(request.GET["days"]) if request.GET.get("days") in {"30", "90"} else PERIODS[0]
    data = dashboard_for(days=days)
    context = {
        **admin.site.each_context(request),
        "title": "Shop dashboard",
        "dashboard": data,
        "charts": data.charts(),
        "periods": PERIODS,
    }
    return TemplateResponse(request, "staff/dashboard.html", context)


dashboard_view = admin.site.admin_view(dashboard)
