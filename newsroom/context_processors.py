"""What every public page needs: the desks for the navigation."""

from topics.models import Service


def site(request):
    """The services, for the navigation bar (one query, only if a page shows it)."""
    return {"nav_services": Service.objects.all()}
