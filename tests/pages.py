"""Reading the page cache's state as a reader's browser meets it."""

from articles import side
from tests.factories import ArticleFactory


def cache_state(client, path: str) -> str | None:
    """``hit`` or ``miss`` for a cached page, None for one never kept."""
    response = client.get(path)
    assert response.status_code == 200, path
    return response.headers.get("X-Page-Cache")


def warm(client, *paths: str) -> None:
    """Draw each page once and check that the next reader gets it from the cache."""
    for path in paths:
        client.get(path)
        assert cache_state(client, path) == "hit", path


def push_out_of_side_column(**fields) -> list:
    """Newer stories that take every place of the side column's latest news, so the
    pages of older ones no longer show them."""
    return ArticleFactory.create_batch(side.LATEST, **fields)
