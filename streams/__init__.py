"""newsfold: the Faust application that folds news articles into incident records."""

__version__ = "0.1.0"
