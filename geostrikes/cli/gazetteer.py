"""Gazetteer commands: ``geocode`` and ``gazetteer`` (filled in with the gazetteer)."""

COMMANDS: tuple = ()
