"""The list filter form's widgets, written out in Python: the same HTML, byte for byte, as
Django's own widget templates (django/forms/widgets/select.html, select_option.html,
input.html, attrs.html) give, without rendering a template per field and per option.

The list renders its form on every request; through the templates its ten fields and some
sixty options cost more than the rest of the page's template. tests/search/test_widgets.py
holds the output equal to the templates'.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def attributes(attrs: dict) -> str:
    """attrs.html: ` name="value"` each, ` name` alone for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


class PythonRendered:
    """A widget mixin: render() writes what the widget's template would."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(self.html(self.get_context(name, value, attrs)["widget"]))


class Input(PythonRendered):
    def html(self, widget: dict) -> str:
        # input.html, included by text.html, number.html and date.html (the renderer strips
        # the templates' closing newlines).
        value = widget["value"]
        shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
        return (
            f'<input type="{conditional_escape(widget["type"])}" '
            f'name="{conditional_escape(widget["name"])}"{shown}{attributes(widget["attrs"])}>'
        )


class TextInput(Input, forms.TextInput):
    pass


class NumberInput(Input, forms.NumberInput):
    pass


class DateInput(Input, forms.DateInput):
    pass


class Select(PythonRendered, forms.Select):
    def html(self, widget: dict) -> str:
        parts = [f'<select name="{conditional_escape(widget["name"])}"']
        parts.append(attributes(widget["attrs"]) + ">")
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{attributes(option['attrs'])}>{conditional_escape(option['label'])}"
                    "</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)
