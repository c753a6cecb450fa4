"""The Persian toolkit: text folding, digits, half-spaces, the Jalali calendar, HTML
sanitising, slugs, and the form fields, widgets, image checks and template filters
built on them.

It imports no app of the project (an import-linter contract in pyproject.toml keeps it
so): the content apps and the wiring use it, never the other way round.
"""
