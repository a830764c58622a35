"""`{% change_sections rows amendment compare_url %}`: pages.change_sections as a tag."""

from django import template

from pages.change_sections import change_sections

register = template.Library()
register.simple_tag(change_sections, name="change_sections")
