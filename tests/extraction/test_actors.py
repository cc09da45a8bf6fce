"""Actors named in text, and what an article's bare nouns stand for."""

from __future__ import annotations

from geostrikes.extraction.actors import find_actors


def names(text):
    return [(a.actor, a.text) for a in find_actors(text)]


def test_taang_national_liberation_army_is_not_the_eln():
    assert names("The Ta'ang National Liberation Army took the town.") == []


def test_colombias_national_liberation_army_is_the_eln():
    assert ("ELN", "National Liberation Army") in names(
        "Colombia's National Liberation Army said it would talk.")


def test_the_national_liberation_army_at_a_sentence_start_is_the_eln():
    assert names("The National Liberation Army said so.") == [("ELN", "National Liberation Army")]


def test_tripoli_based_government_of_national_unity_is_still_the_gnu():
    assert [a for a, _ in names("Drones of the Tripoli-based Government of National Unity.")] \
        == ["Government of National Unity"]
