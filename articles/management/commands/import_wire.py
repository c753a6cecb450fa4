"""Import one raw wire item as a draft article (or only show how it parses).

    python manage.py import_wire copy.txt --date 1399/09/03 --dry-run --json

FILE is UTF-8 text ("-" reads standard input). --date (Jalali or ISO, default
today) is the day the copy is about: posts such as «استاندار آذربایجان شرقی»
are resolved to whoever held them then. The work is done by
``articles.wire_import.wire_item_import``.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.wire_import import WIRE_MAX_BYTES, WireImportError, wire_item_import
from persian.jalali import parse_date


class Command(BaseCommand):
    help = "Parse a raw wire item and save it as a draft article."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the wire copy, UTF-8 text; - for stdin")
        parser.add_argument(
            "--date", help="the day of the copy: 1399/09/03 or 2020-11-23"
        )
        parser.add_argument(
            "--service", help="the desk's slug (default: provinces)", default=None
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and link, save nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        day = None
        if options["date"]:
            day = parse_date(options["date"])
            if day is None:
                raise CommandError(
                    _(
                        "The date “%(date)s” is not right; write it like 1399/09/03"
                        " or 2020-11-23."
                    )
                    % {"date": options["date"]}
                )
        raw = self._read(options["file"])
        try:
            result = wire_item_import(
                raw=raw,
                date=day,
                service_slug=options["service"],
                dry_run=options["dry_run"],
            )
        except WireImportError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            data = _as_json(result)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self._summary(result)

    def _read(self, path: str) -> bytes:
        # One byte past the limit is enough for the service to refuse a huge file.
        try:
            if path == "-":
                return sys.stdin.buffer.read(WIRE_MAX_BYTES + 1)
            with open(path, "rb") as f:
                return f.read(WIRE_MAX_BYTES + 1)
        except FileNotFoundError as error:
            raise CommandError(
                _("The file “%(path)s” was not found.") % {"path": path}
            ) from error
        except OSError as error:
            raise CommandError(
                _("The file “%(path)s” could not be read: %(reason)s")
                % {"path": path, "reason": error.strerror or error}
            ) from error

    def _summary(self, result) -> None:
        copy = result.copy
        officials = "، ".join(f"{m.name} ({m.slug})" for m in result.mentions)
        countries = "، ".join(c.code for c in result.countries)
        lines = [
            _("Rootitr: %(rootitr)s") % {"rootitr": copy.rootitr or "—"},
            _("Title: %(title)s") % {"title": copy.title},
            _("Lead: %(lead)s") % {"lead": copy.lead or "—"},
            _("Body: %(count)s paragraph(s)") % {"count": len(copy.body)},
            _("Source: %(source)s") % {"source": copy.source or "—"},
            _("Dateline: %(dateline)s") % {"dateline": copy.dateline or "—"},
            _("Officials: %(officials)s") % {"officials": officials or "—"},
            _("Countries: %(countries)s") % {"countries": countries or "—"},
            *(_("Warning: %(warning)s") % {"warning": w} for w in result.warnings),
        ]
        self.stdout.write("\n".join(lines))
        counts = (
            f"{len(copy.body)} paragraph(s), {len(result.mentions)} official(s), "
            f"{len(result.countries)} country(ies), {len(result.warnings)} warning(s)"
        )
        if result.article is None:
            self.stdout.write(f"import_wire: dry run, nothing saved; {counts}")
        else:
            self.stdout.write(
                f"import_wire: draft {result.article.news_code} created; {counts}"
            )


def _as_json(result) -> dict:
    copy = result.copy
    data = {
        "rootitr": copy.rootitr,
        "title": copy.title,
        "lead": copy.lead,
        "body": copy.body,
        "source": copy.source,
        "dateline": copy.dateline,
        "officials": [
            {
                "name": m.name,
                "slug": m.slug,
                "matched_by": m.matched_by,
                "mention": m.mention,
                "mentions": [
                    {"matched_by": how, "mention": words} for how, words in m.mentions
                ],
            }
            for m in result.mentions
        ],
        "countries": [c.code for c in result.countries],
        "warnings": result.warnings,
    }
    if result.article is not None:
        data["news_code"] = result.article.news_code
    return data
