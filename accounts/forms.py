"""Forms of the accounts pages (allauth's own forms serve sign-up and sign-in)."""

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from accounts.selectors import LOCKER_SORTS


class LockerQueryForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, strip=True)
    sort = forms.ChoiceField(required=False, choices=list(LOCKER_SORTS.items()))
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def values(self) -> tuple[str, str, int]:
        """(q, sort, page), with the defaults for anything missing or malformed."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("q") or "", data.get("sort") or "purchased", data.get("page") or 1


class TrackDownloadForm(forms.Form):
    release_id = forms.IntegerField(min_value=1)
    track_id = forms.IntegerField(min_value=1)
    format_id = forms.IntegerField(min_value=1, required=False)
    confirm = forms.BooleanField(required=False)  # the shopper saw the last-download warning


class ReleaseDownloadForm(forms.Form):
    release_id = forms.IntegerField(min_value=1)
    format_id = forms.IntegerField(min_value=1, required=False)
    confirm = forms.BooleanField(required=False)


class WishlistToggleForm(forms.Form):
    release_id = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])
    next = forms.CharField(required=False, max_length=2000)


class ConfirmPasswordForm(forms.Form):
    """The shopper's shop password, to create the 7digital account with it (7digital
    needs one; the shop keeps it nowhere)."""

    password = forms.CharField(
        label=_("Your password for this shop"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password for this shop."), code="wrong_password"
            )
        return password
