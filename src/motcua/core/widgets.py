"""Form widgets shared by the apps."""

from django import forms

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# dd/mm/yyyy (one-digit day and month allowed), or ISO for pasted and bookmarked values.
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """A text field for dd/mm/yyyy, whatever the browser's locale; `core/datepicker.js`
    adds a calendar beside every field carrying `data-datepicker`."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        # No `inputmode="numeric"`: a phone's digit pad (iOS) has no "/" to type the date with.
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "maxlength": "10",
            "pattern": DATE_PATTERN,
            "data-datepicker": "",
        }
        super().__init__({**defaults, **(attrs or {})}, format=format or DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """A text field for `dd/mm/yyyy hh:mm`; the calendar fills the day and keeps the time."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        defaults = {
            "placeholder": "dd/mm/yyyy hh:mm",
            "autocomplete": "off",
            "maxlength": "16",
            "data-datepicker": "datetime",
        }
        super().__init__({**defaults, **(attrs or {})}, format=format or DATETIME_FORMAT)
