"""The checkout's POST forms: they only check shape; 7digital judges the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sevendigital import PREMIUM_PACKAGE_ID, STANDARD_PACKAGE_ID

PACKAGE_CHOICES = [
    (STANDARD_PACKAGE_ID, _("Standard (MP3 and AAC)")),
    (PREMIUM_PACKAGE_ID, _("Premium (FLAC)")),
]
MAX_ID = 2**53  # ids are plain integers on the wire; anything larger is not one


class AddItemForm(forms.Form):
    release_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
    track_id = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    package_id = forms.TypedChoiceField(
        choices=PACKAGE_CHOICES, coerce=int, required=False, empty_value=STANDARD_PACKAGE_ID
    )


class RemoveItemForm(forms.Form):
    item_id = forms.IntegerField(min_value=1, max_value=MAX_ID)


class VoucherForm(forms.Form):
    voucher_code = forms.CharField(max_length=64, strip=True)

    def clean_voucher_code(self) -> str:
        code = self.cleaned_data["voucher_code"]
        if not code.replace("-", "").isalnum():
            raise forms.ValidationError(
                _("Voucher codes are letters and numbers only."), code="voucher_characters"
            )
        return code


class PayForm(forms.Form):
    """Pay for this basket (its id, so a changed basket is noticed) once."""

    basket_id = forms.CharField(max_length=64)
    submit_token = forms.CharField(max_length=64)


class PayPalCompleteForm(PayForm):
    paypal_token = forms.CharField(max_length=100)
    payer_id = forms.CharField(max_length=100, required=False)


class BuyNowForm(forms.Form):
    release_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
    track_id = forms.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    package_id = forms.TypedChoiceField(
        choices=PACKAGE_CHOICES, coerce=int, required=False, empty_value=2
    )
    price = forms.DecimalField(min_value=0, max_digits=10, decimal_places=2)
    submit_token = forms.CharField(max_length=64)


class CardForm(forms.Form):
    card_id = forms.IntegerField(min_value=1, max_value=MAX_ID)
