"""Recognition on the bundled gazetteer: which words may start or be a place name.

Each test is named after the sentence it protects.
"""

from __future__ import annotations

import re

import pytest

from geostrikes.geocode.gazetteer import default_gazetteer
from geostrikes.geocode.recognize import find_spans, tokenize


@pytest.fixture(scope="module")
def has_key():
    return default_gazetteer().has_key


def spans(text, has_key):
    return [s.text for s in find_spans(text, tokenize(text), has_key)]


def test_a_word_inside_an_organisations_name_is_no_place(has_key):
    found = spans("Rebels of the National Liberation Army ambushed a patrol near Arauca.",
                  has_key)
    assert "Arauca" in found
    assert not [s for s in found if "Liberation" in s]


def test_the_first_word_of_a_hyphenated_arabic_name_is_not_a_place_alone(has_key):
    found = spans("Shells fell on the Tal al-Sultan neighbourhood overnight.", has_key)
    assert not [s for s in found if "Tal" in s or "Sultan" in s]


def test_a_fathers_name_after_bin_is_no_place(has_key):
    found = spans("Crowds cheered Sheikh Hamad bin Rashid Al Nuaimi in the square.", has_key)
    assert not [s for s in found if "Rashid" in s]


def test_a_surname_after_a_capitalised_al_is_no_place(has_key):
    found = spans("The evening ended with a song by Omar Al Kindi and his band.", has_key)
    assert not [s for s in found if "Kindi" in s]


def test_an_arabic_article_still_starts_a_place_name(has_key):
    found = spans("Fighting spread to al-Qaim and to the outskirts of El Obeid.", has_key)
    assert "al-Qaim" in found and "El Obeid" in found


def test_the_head_of_an_x_of_y_name_is_no_place(has_key):
    found = spans("The governor of the Bank of Uganda spoke in Kampala.", has_key)
    assert "Uganda" in found and "Kampala" in found
    assert "Bank" not in found


def test_a_word_before_front_inside_a_name_is_no_place(has_key):
    found = spans("Fighters of the Tigray People's Liberation Front entered Mekelle.", has_key)
    assert "Mekelle" in found
    assert "Liberation" not in found


def test_a_country_before_army_is_still_the_country(has_key):
    assert "Pakistan" in spans("Elders thanked Pakistan Army for the new road.", has_key)


def test_a_ship_hit_in_the_gulf_of_aden_is_not_in_the_town_of_aden(has_key):
    text = "A missile hit a ship in the Gulf of Aden, near the Strait of Hormuz. Aden was calm."
    found = find_spans(text, tokenize(text), has_key)
    assert [(s.text, s.start) for s in found] == [("Aden", text.index("Aden was"))]


@pytest.fixture(scope="module")
def has_loose_key():
    return default_gazetteer().has_loose_key


def loose_spans(text, has_key, has_loose_key):
    return [s.text for s in find_spans(text, tokenize(text), has_key, has_loose_key)]


def test_shelling_near_ain_issa_finds_the_town_by_its_loose_key(has_key, has_loose_key):
    text = "Shelling was heard near Ain Issa before dawn."
    assert "Ain Issa" not in spans(text, has_key)
    assert "Ain Issa" in loose_spans(text, has_key, has_loose_key)


def test_an_exact_name_still_wins_over_a_loose_one(has_key, has_loose_key):
    found = find_spans("Rockets fell on Raqqa overnight.",
                       tokenize("Rockets fell on Raqqa overnight."), has_key, has_loose_key)
    assert [(s.text, s.key) for s in found] == [("Raqqa", "raqqa")]


def test_an_american_city_misspelt_is_not_found_by_its_loose_key(has_key, has_loose_key):
    assert loose_spans("Fans flew home to Pitsburgh on Sunday.", has_key, has_loose_key) == []


def test_a_heading_after_a_province_is_not_part_of_its_name(has_key, has_loose_key):
    text = "Clashes spread across Lower Shabelle.\n\nAl-Shabaab denied losing ground."
    assert "Lower Shabelle" in loose_spans(text, has_key, has_loose_key)
    assert all("\n" not in s for s in loose_spans(text, has_key, has_loose_key))


def test_the_surname_after_haider_al_is_no_place(has_key, has_loose_key):
    found = loose_spans("Prime Minister Haider al-Abadi toured the front.", has_key,
                        has_loose_key)
    assert "Abadi" not in found and "al-Abadi" not in found


@pytest.mark.parametrize("text", [
    "", "  ", "Gaza", "Gaza's north, near Deir ez-Zor.", "...U.S.-led strikes hit Sana'a",
    "Qāʾim ʿAyn al-ʿArab\n\nÉcole 2024年 end", "trailing word"])
def test_every_token_span_is_where_its_word_is_written(text):
    words = [m for m in re.finditer(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’`ʼʿ][^\W_]+)*", text)]
    tokens = tokenize(text)
    assert [t.start for t in tokens] == [m.start() for m in words]
    assert all(text[t.start:t.end] == t.text for t in tokens)
