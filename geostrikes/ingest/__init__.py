"""Read news articles from text, HTML, JSON Lines, JSON and CSV, files or folders.

The stage's public face is :func:`read_articles`; :mod:`.reader` tells how
inputs are found and dispatched, :mod:`.base` how bytes become clean text.
The heavy parsers (trafilatura, charset-normalizer, ftfy) are imported by
the first article that needs them, so importing this package is cheap.
"""

from geostrikes.ingest.base import InputWarning, Skipped
from geostrikes.ingest.reader import read_articles

__all__ = ["InputWarning", "Skipped", "read_articles"]
