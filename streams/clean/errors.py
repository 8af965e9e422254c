"""Errors the clean stage raises for input it cannot turn into a story."""


class EmptyArticle(ValueError):
    """No story text is left after cleaning: the article goes to dead-letter with this reason."""
