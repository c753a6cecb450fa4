"""``manage.py photos_renditions [--missing|--all]``: make the renditions again.

After a change of the sizes or shapes (photos/models.py, with RENDITIONS_VERSION
raised), or when rendition files were lost, run it once; it reads the library in
batches and says how many photos it remade. ``--missing`` (the default) remakes only
the photos whose renditions are out of date or have a file missing; ``--all``
remakes every photo's.
"""

from django.core.management.base import BaseCommand, CommandError

from photos.services import photo_renditions_remake


class Command(BaseCommand):
    help = (
        "Make the photo library's renditions again: the missing or out-of-date ones "
        "(--missing, the default) or every photo's (--all)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--missing",
            action="store_true",
            help="Only photos whose renditions are out of date or lost (default).",
        )
        which.add_argument(
            "--all", action="store_true", help="Every photo in the library."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=50,
            help="Photos read at a time (default 50).",
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")

        def progress(count):
            if options["verbosity"] > 1:
                self.stdout.write(
                    f"… {count.made} remade, {count.up_to_date} up to date, "
                    f"{len(count.failed)} failed"
                )

        count = photo_renditions_remake(
            everything=options["all"],
            batch_size=options["batch_size"],
            on_batch=progress,
        )
        for pk, reason in count.failed:
            self.stderr.write(f"Photo {pk}: its renditions could not be made: {reason}")
        self.stdout.write(
            f"Renditions made for {count.made} photos; {count.up_to_date} were up to "
            f"date; {len(count.failed)} failed."
        )
        if count.failed:
            raise CommandError(f"{len(count.failed)} photos have no renditions.")
