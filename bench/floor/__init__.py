"""The floor: a bare Django project over the site's own articles_article table."""
