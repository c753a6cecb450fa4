"""The admin's own templates in the editor's language: counts, page numbers, log."""

import re

from django import template
from django.contrib.admin.views.main import PAGE_VAR
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from persian import admin as persian_admin

register = template.Library()

_FACET_COUNT = re.compile(r"\((\d+)\)$")


@register.filter
def admin_number(value) -> str:
    """``۱۲٬۳۴۵`` in the Persian admin, ``12,345`` in the English one."""
    return persian_admin.show_number(value)


@register.simple_tag
def admin_count(count, opts) -> str:
    """``۱۲۳ مطلب``: a list's count and what it counts (``123 articles``)."""
    return persian_admin.show_count(count, opts)


@register.filter
def admin_digits(value) -> str:
    """Text with its digits in the admin's digits (``۰ از ۵۰ انتخاب شده‌اند``)."""
    if value is None:
        return ""
    return persian_admin.show_digits(value)


@register.filter
def facet_count(display) -> str:
    """A filter choice with its count, ``سیاسی (۱۲)``: only the count is touched."""
    return _FACET_COUNT.sub(
        lambda m: f"({persian_admin.show_number(int(m[1]))})", str(display)
    )


@register.filter
def change_message(entry) -> str:
    """An admin log entry's (or a revision's) message, fields named in Persian."""
    return persian_admin.change_message(entry)


@register.simple_tag
def admin_page_number(cl, i):
    """One link of a list's pages, numbered in the admin's digits."""
    if i == cl.paginator.ELLIPSIS:
        return format_html("{} ", cl.paginator.ELLIPSIS)
    number = persian_admin.show_digits(i)
    if i == cl.page_num:
        return format_html('<span class="this-page">{}</span> ', number)
    return format_html(
        '<a href="{}"{}>{}</a> ',
        cl.get_query_string({PAGE_VAR: i}),
        mark_safe(' class="end"' if i == cl.paginator.num_pages else ""),
        number,
    )
