"""The user-facing authorise page, as account.7digital.com serves it.

`/oauth/authorise?oauth_token=..&oauth_callback=..` (also `/{consumerKey}/oauth/
authorise`, the URL the Node client builds): the user signs in with their 7digital
email and password and allows or denies the application. The browser then goes to
the callback registered with the request token, with `oauth_token`, `oauth_verifier`
and `status=Authorised` (or `status=Denied`) appended. The `oauth_callback` in this
page's own URL is never followed, so the page cannot be used as an open redirect;
with no callback registered (out-of-band) the page shows the verifier instead.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from sandbox.models import RequestToken, SandboxUser
from sandbox.oauth import tokens

TEMPLATE = "sandbox/authorise.html"
BAD_CREDENTIALS = "The email address or password is not correct."


@require_http_methods(["GET", "POST"])
@csrf_protect
def authorise(request: HttpRequest, consumer_key: str | None = None) -> HttpResponse:
    """Show the sign-in form for a pending request token, or act on the user's decision."""
    token_key = request.POST.get("oauth_token") or request.GET.get("oauth_token", "")
    token = tokens.pending_request_token(token_key)
    if token is None or (consumer_key and token.consumer.key != consumer_key):
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    if request.method == "GET":
        return _form(request, token)
    try:
        if request.POST.get("decision") == "deny":
            return _finish(request, tokens.deny_request_token(token=token), tokens.DENIED)
        email = request.POST.get("email", "").strip()
        user = _signed_in_user(email, request.POST.get("password", ""))
        if user is None:
            return _form(request, token, email=email, error=BAD_CREDENTIALS)
        token = tokens.authorise_request_token(token=token, user=user)
    except tokens.RequestTokenUnavailable:
        # Decided in another tab, or expired while the form was open.
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    return _finish(request, token, tokens.AUTHORISED)


def _signed_in_user(email: str, password: str) -> SandboxUser | None:
    user = SandboxUser.objects.get_by_email(email)
    if user is None or not user.is_active or not password or not user.check_password(password):
        return None
    return user


def _form(request: HttpRequest, token: RequestToken, *, email: str = "", error: str = ""):
    context = {"state": "form", "token": token, "app": _app_name(token), "email": email}
    return render(request, TEMPLATE, {**context, "error": error})


def _finish(request: HttpRequest, token: RequestToken, status: str) -> HttpResponse:
    if token.callback_url:
        return HttpResponseRedirect(tokens.callback_url_for(token, status))
    context = {"state": status.lower(), "token": token, "app": _app_name(token)}
    return render(request, TEMPLATE, context)


def _app_name(token: RequestToken) -> str:
    return token.consumer.name or token.consumer.key
