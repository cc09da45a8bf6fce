"""One exception root for everything geostrikes raises on purpose.

Every leaf also subclasses the builtin it refines, so callers that catch
``ValueError`` or ``OSError`` keep working. Messages say what to do next.
"""

from __future__ import annotations

__all__ = [
    "GeostrikesError",
    "InputError",
    "GazetteerError",
    "OutputError",
    "FormatError",
    "EngineError",
]


class GeostrikesError(Exception):
    """Root of all errors raised by geostrikes."""


class InputError(GeostrikesError, ValueError):
    """An input (article file, feed, events file) cannot be read or parsed."""


class GazetteerError(GeostrikesError, RuntimeError):
    """The bundled gazetteer is missing, damaged or of an unknown version."""


class OutputError(GeostrikesError, OSError):
    """A result cannot be written (missing folder, read-only, disk full)."""


class FormatError(GeostrikesError, ValueError):
    """An unknown or unsupported output or input format was asked for."""


class EngineError(GeostrikesError, RuntimeError):
    """A parallel or distributed engine cannot run (not installed, scheduler unreachable)."""
