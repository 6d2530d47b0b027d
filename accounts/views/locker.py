"""The locker: what the shopper owns, downloads, and full-length streams.

Music never passes through the shop: download and stream views answer a 302 to a
URL that 7digital (or the sandbox) signed, and the browser fetches the bytes there.
Downloads are POSTs (they use up one of the item's downloads) and read a fresh
locker entry first, so the link is new and the count of downloads left is current.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from accounts import media, selectors, services
from accounts.forms import LockerQueryForm, ReleaseDownloadForm, TrackDownloadForm
from sevendigital import AuthError, DownloadUrl, SevenDigitalError
from storefront.http import shopper_country

logger = logging.getLogger(__name__)

UNAVAILABLE = _("Your music locker could not be reached just now. Please try again in a minute.")
NOT_OWNED = _("That is not in your locker.")


def linked(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and linked to 7digital; otherwise to the link page. API failures
    become a message on the locker page (a 503 for the locker page itself)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except services.NotLinked as error:
            messages.info(request, str(error))
            return redirect("sevendigital-link")
        except AuthError:  # the shopper revoked the shop's access at 7digital
            messages.error(request, services.RELINK)
            return redirect("sevendigital-link")
        except SevenDigitalError as error:
            logger.warning("Locker call failed for user %s: %r", request.user.pk, error)
            if request.method == "POST":
                messages.error(request, UNAVAILABLE)
                return redirect("locker")
            return render(request, "accounts/locker_unavailable.html", status=503)

    return wrapper


@require_safe
@linked
def locker(request: HttpRequest) -> HttpResponse:
    query = LockerQueryForm(request.GET)
    q, sort, page = query.values()
    listing = selectors.locker_listing(
        user=request.user, country=shopper_country(request), q=q, sort=sort, page=page
    )
    context = {"listing": listing, "q": q, "sort": sort, "sorts": selectors.LOCKER_SORTS}
    return render(request, "accounts/locker.html", context)


@require_POST
@linked
def download_track(request: HttpRequest) -> HttpResponse:
    form = TrackDownloadForm(request.POST)
    if not form.is_valid():
        return HttpResponse(gettext("Bad download request"), status=400, content_type="text/plain")
    data = form.cleaned_data
    entry = selectors.locker_entry(
        user=request.user,
        country=shopper_country(request),
        release_id=data["release_id"],
        track_id=data["track_id"],
        format_id=data.get("format_id"),
    )
    if entry is None:
        messages.error(request, NOT_OWNED)
        return redirect("locker")
    title = entry.track.title
    url = pick_download_url(entry.download_urls, data.get("format_id"))
    refusal = _refusal(title, entry.remaining_downloads, has_link=url is not None)
    if refusal:
        messages.error(request, refusal)
        return redirect("locker")
    if entry.remaining_downloads == 1 and not data["confirm"]:
        return _confirm_last(
            request, title=title, fields=form.cleaned_data, action="locker-download"
        )
    services.locker_forget(user=request.user)
    return _to_media(url)


@require_POST
@linked
def download_release(request: HttpRequest) -> HttpResponse:
    """The zip of every owned track of a release: each of them uses one download."""
    form = ReleaseDownloadForm(request.POST)
    if not form.is_valid():
        return HttpResponse(gettext("Bad download request"), status=400, content_type="text/plain")
    release_id, country = form.cleaned_data["release_id"], shopper_country(request)
    entry = selectors.locker_release(user=request.user, country=country, release_id=release_id)
    if entry is None:
        messages.error(request, NOT_OWNED)
        return redirect("locker")
    owned = selectors.OwnedRelease(entry.release, entry.tracks, entry.available)
    title, left = entry.release.title, owned.fewest_downloads_left
    refusal = _refusal(title, left, has_link=True)
    if refusal:
        messages.error(request, refusal)
        return redirect("locker")
    if left == 1 and not form.cleaned_data["confirm"]:
        fields = form.cleaned_data
        return _confirm_last(request, title=title, fields=fields, action="locker-download-release")
    token = services.sevendigital_token_for(user=request.user)
    url = media.release_download_url(
        token=token,
        release_id=release_id,
        country=country,
        format_id=form.cleaned_data.get("format_id"),
    )
    services.locker_forget(user=request.user)
    return _to_media(url)


@require_safe
@login_required
def stream(request: HttpRequest, track_id: int) -> HttpResponse:
    """The player's source for an owned track: a redirect to a freshly signed
    full-length stream, made at each request (a signed link is good for one)."""
    try:
        token = services.sevendigital_token_for(user=request.user)
    except services.NotLinked:
        return HttpResponseForbidden(gettext("Link your 7digital account to play your music."))
    url = media.locker_stream_url(token=token, track_id=track_id, country=shopper_country(request))
    return _to_media(url)


def pick_download_url(urls: tuple[DownloadUrl, ...], format_id: int | None) -> str | None:
    """The link of the format asked for, else the first one offered (the best)."""
    usable = [link for link in urls if link.url]
    for link in usable:
        if format_id is not None and link.format is not None and link.format.id == format_id:
            return link.url
    return usable[0].url if usable else None


def _refusal(title: str, left: int | None, *, has_link: bool) -> str:
    if left is not None and left <= 0:
        return gettext(
            "You have no downloads left of “%(title)s”. Contact us if you need it again."
        ) % {"title": title}
    if not has_link:
        return gettext("“%(title)s” cannot be downloaded just now. Please try again later.") % {
            "title": title
        }
    return ""


def _confirm_last(request: HttpRequest, *, title: str, fields: dict, action: str) -> HttpResponse:
    hidden = {name: value for name, value in fields.items() if name != "confirm" and value}
    context = {"title": title, "fields": hidden, "action": action}
    return render(request, "accounts/download_confirm.html", context)


def _to_media(url: str) -> HttpResponse:
    """302 to a signed media URL. Not cached: the next request must get a new one."""
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store"
    return response
