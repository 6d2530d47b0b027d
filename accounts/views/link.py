"""The "Link your 7digital account" page and the 3-legged OAuth round trip."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from accounts import selectors, services
from accounts.forms import ConfirmPasswordForm
from storefront.http import safe_next

NEXT_KEY = "accounts:7digital-link-next"


def _render(request: HttpRequest, form: ConfirmPasswordForm, status: int = 200) -> HttpResponse:
    context = {
        "link": selectors.link_for(user=request.user),
        "password_form": form,
        "next": safe_next(request, request.GET.get("next"), default=""),
    }
    return render(request, "accounts/link.html", context, status=status)


@login_required
@require_safe
def link_status(request: HttpRequest) -> HttpResponse:
    return _render(request, ConfirmPasswordForm(user=request.user))


@login_required
@require_POST
def link_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to 7digital's sign-in page (the only off-site redirect here: to
    the URL the client built from its configured authorise endpoint)."""
    default = reverse("locker")
    request.session[NEXT_KEY] = safe_next(request, request.POST.get("next"), default=default)
    try:
        authorise_url = services.link_start_oauth(
            session=request.session,
            callback=request.build_absolute_uri(reverse("sevendigital-callback")),
        )
    except services.LinkFailed as error:
        messages.error(request, str(error))
        return redirect("sevendigital-link")
    return HttpResponseRedirect(authorise_url)


@login_required
@require_GET
def link_callback(request: HttpRequest) -> HttpResponse:
    """Where 7digital sends the browser back. A GET that changes state, as OAuth 1.0
    callbacks are: it only acts for the request token this session started."""
    next_url = safe_next(request, request.session.pop(NEXT_KEY, None), default=reverse("locker"))
    oauth_token = request.GET.get("oauth_token", "")
    if request.GET.get("status", "").lower() == "denied":
        services.link_cancel_oauth(session=request.session, oauth_token=oauth_token)
        messages.info(request, _("You did not allow the shop to use your 7digital account."))
        return redirect("sevendigital-link")
    try:
        link = services.link_complete_oauth(
            user=request.user,
            session=request.session,
            oauth_token=oauth_token,
            verifier=request.GET.get("oauth_verifier"),
        )
    except services.LinkFailed as error:
        messages.error(request, str(error))
        return redirect("sevendigital-link")
    services.locker_forget(user=request.user)
    if link.email:
        message = _("Your 7digital account (%(email)s) is now linked.") % {"email": link.email}
    else:
        message = _("Your 7digital account is now linked.")
    messages.success(request, message)
    return HttpResponseRedirect(next_url)


@login_required
@require_POST
def link_with_password(request: HttpRequest) -> HttpResponse:
    """Create (or open) the 7digital account with the shopper's email and shop password:
    what sign-up does, for when 7digital could not be reached then."""
    form = ConfirmPasswordForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        services.link_create_on_signup(user=request.user, password=form.cleaned_data["password"])
    except services.LinkFailed as error:
        messages.error(request, str(error))
        return redirect("sevendigital-link")
    services.locker_forget(user=request.user)
    messages.success(request, _("Your 7digital account is ready: your music will be here."))
    return redirect("locker")


@login_required
@require_POST
def unlink(request: HttpRequest) -> HttpResponse:
    if services.link_remove(user=request.user):
        services.locker_forget(user=request.user)
        messages.info(request, _("The shop no longer uses your 7digital account."))
    return redirect("sevendigital-link")
