"""The shop dashboard, an admin page for staff with `staff.view_dashboard`."""

from django.contrib import admin, messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from staff.dashboard import FIGURES_SECONDS, PERIODS, count_figures, dashboard_for


def _days(value: str | None) -> int:
    return int(value) if value in {str(days) for days in PERIODS} else PERIODS[0]


@require_safe
@permission_required("staff.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    data = dashboard_for(days=_days(request.GET.get("days")))
    context = {
        **admin.site.each_context(request),
        "title": _("Shop dashboard"),
        "dashboard": data,
        "charts": data.charts(),
        "periods": PERIODS,
        "figures_minutes": FIGURES_SECONDS // 60,
    }
    return TemplateResponse(request, "staff/dashboard.html", context)


@require_POST
@permission_required("staff.view_dashboard", raise_exception=True)
def count_now(request: HttpRequest) -> HttpResponse:
    """Count the figures again at once (after a busy hour, before a meeting)."""
    days = _days(request.POST.get("days"))
    count_figures(days=days)
    messages.success(request, _("The figures were counted again just now."))
    return redirect(f"{reverse('staff-dashboard')}?days={days}")


dashboard_view = admin.site.admin_view(dashboard)
count_now_view = admin.site.admin_view(count_now)
