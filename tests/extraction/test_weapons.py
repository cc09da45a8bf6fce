import dataclasses

import pytest

from geostrikes.extraction.weapons import CATEGORIES, WeaponMention, find_weapons, primary_weapon


def _names(text):
    return [(w.name, w.category) for w in find_weapons(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Footage appeared to show Iranian F-4 Phantoms bombing positions near the border.",
        "An F4 Phantom jet was filmed over the plain.",
        "Only two air forces in the region still fly the F-4.",
    ],
)
def test_f4_phantoms_normalise_to_f4_phantom(sentence):
    assert _names(sentence) == [("F-4 Phantom", "aircraft")]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("F-15E Strike Eagles", "F-15"),
        ("F-16s", "F-16"),
        ("an F35 stealth fighter", "F-35"),
        ("Su-34 bombers", "Su-34"),
        ("Sukhoi Su-24", "Su-24"),
        ("Su-25", "Su-25"),
        ("Mig-29s", "MiG-29"),
        ("B-1B Lancers", "B-1"),
        ("B-52 bombers", "B-52"),
        ("A-10 Warthogs", "A-10"),
        ("an AC-130 gunship", "AC-130"),
        ("French Rafale jets", "Rafale"),
        ("RAF Tornado jets", "Tornado"),
        ("Eurofighter Typhoons", "Typhoon"),
        ("Apache helicopters", "Apache helicopter"),
    ],
)
def test_aircraft_types_normalise_to_their_designation(phrase, name):
    assert _names(f"The coalition said {phrase} took part in the raid.") == [(name, "aircraft")]


def test_named_type_swallows_the_generic_words_after_it():
    text = "Israel used F-16 fighter jets in the strike."
    [mention] = find_weapons(text)
    assert text[mention.start : mention.end] == "F-16 fighter jets"


@pytest.mark.parametrize(
    "sentence",
    [
        "Typhoon Doksuri battered the coast.",
        "A tornado hit the town.",
        "The Tornado warning was lifted.",
    ],
)
def test_storm_names_are_not_aircraft(sentence):
    assert find_weapons(sentence) == []


@pytest.mark.parametrize("word", ["warplanes", "fighter jets", "jets", "aircraft", "war planes"])
def test_generic_aircraft_words_normalise_to_aircraft(word):
    assert _names(f"Turkish {word} struck PKK positions in Duhok.") == [("aircraft", "aircraft")]


def test_helicopter_gunship_is_a_class_of_aircraft():
    assert _names("Helicopter gunships fired on the convoy.") == [
        ("helicopter gunship", "aircraft")
    ]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("an MQ-9 Reaper drone", "MQ-9 Reaper"),
        ("Reaper drones", "MQ-9 Reaper"),
        ("an MQ-1 Predator", "MQ-1 Predator"),
        ("Bayraktar TB2 drones", "Bayraktar TB2"),
        ("Iranian-made Shahed-136 drones", "Shahed-136"),
        ("Geran-2 drones", "Geran-2"),
        ("kamikaze drones", "kamikaze drone"),
        ("suicide drones", "kamikaze drone"),
        ("a one-way attack drone", "one-way attack drone"),
        ("loitering munitions", "loitering munition"),
        ("a drone", "drone"),
        ("UAVs", "drone"),
        ("an unmanned aerial vehicle", "drone"),
    ],
)
def test_drones_named_classed_and_generic(phrase, name):
    assert _names(f"Officials said {phrase} hit the target.") == [(name, "drone")]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("short-range ballistic missiles", "ballistic missile"),
        ("a cruise missile", "cruise missile"),
        ("Tomahawk cruise missiles", "Tomahawk"),
        ("Hellfire missiles", "Hellfire"),
        ("Kinzhal hypersonic missiles", "Kinzhal"),
        ("Iskander-M missiles", "Iskander"),
        ("Fateh-110 missiles", "Fateh-110"),
        ("Zolfaghar missiles", "Zolfaghar"),
        ("anti-ship missiles", "anti-ship missile"),
        ("precision-guided munitions", "precision-guided munition"),
        ("a missile", "missile"),
    ],
)
def test_missiles_named_classed_and_generic(phrase, name):
    assert _names(f"The navy said {phrase} struck the port.") == [(name, "missile")]


@pytest.mark.parametrize(
    ("phrase", "name", "category"),
    [
        ("Katyusha rockets", "Katyusha", "rocket"),
        ("Grad rockets", "Grad", "rocket"),
        ("rockets", "rocket", "rocket"),
        ("rocket fire", "rocket", "rocket"),
        ("heavy shelling", "shelling", "artillery"),
        ("mortars", "mortar", "artillery"),
        ("mortar rounds", "mortar", "artillery"),
        ("barrel bombs", "barrel bomb", "bomb"),
        ("a bunker buster", "bunker buster", "bomb"),
        ("bunker-busting bombs", "bunker buster", "bomb"),
        ("guided bombs", "guided bomb", "bomb"),
        ("JDAMs", "JDAM", "bomb"),
    ],
)
def test_rockets_artillery_and_bombs(phrase, name, category):
    assert _names(f"Witnesses described {phrase} falling on the district.") == [(name, category)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Anti-aircraft fire lit up the sky over Damascus.",
        "An aircraft carrier sailed into the Red Sea.",
        "The army deployed counter-drone systems.",
        "Drone footage showed the damaged bridge.",
        "Families sheltered in a bomb shelter.",
        "Talks covered missile defence cooperation.",
        "Passenger planes were diverted from Beirut.",
    ],
)
def test_words_that_only_look_like_weapons_are_skipped(sentence):
    assert find_weapons(sentence) == []


def test_offsets_index_the_exact_text_given():
    text = "«Ataque» — Russian Shahed drones and Kalibr missiles hit Odesa."
    mentions = find_weapons(text)
    assert [text[m.start : m.end] for m in mentions] == ["Shahed drones", "Kalibr missiles"]


def test_every_category_is_known():
    text = "Jets, drones, missiles, rockets, shelling, bombs and a car bomb."
    assert {w.category for w in find_weapons(text)} == set(CATEGORIES)


def test_primary_weapon_prefers_a_named_type_over_a_generic_word():
    sentences = ["Warplanes struck the depot twice.", "The aircraft were F-16s, officials said."]
    assert primary_weapon(sentences) == "F-16"


def test_primary_weapon_prefers_a_class_over_a_generic_word():
    sentences = ["Missiles hit Lviv.", "Air defences downed two of the cruise missiles."]
    assert primary_weapon(sentences) == "cruise missile"


def test_primary_weapon_breaks_ties_by_frequency_then_order():
    assert primary_weapon(["Drones and rockets hit the base.", "More drones followed."]) == "drone"
    assert primary_weapon(["Rockets and drones hit the base."]) == "rocket"


def test_primary_weapon_accepts_a_single_sentence():
    assert primary_weapon("A Bayraktar struck the column.") == "Bayraktar TB2"


def test_primary_weapon_is_none_without_a_weapon():
    assert primary_weapon(["The minister condemned the attack."]) is None


def test_weapon_mention_is_frozen_and_slotted():
    mention = WeaponMention("drone", "drone", 0, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.name = "jet"
    assert not hasattr(mention, "__dict__")


def test_lowercase_proper_names_fall_back_to_the_generic_word():
    text = "Militants fired grad rockets at the base."
    assert [(w.name, text[w.start : w.end]) for w in find_weapons(text)] == [("rocket", "rockets")]


def test_commercial_drone_brand_is_not_the_f4_phantom():
    assert _names("A DJI Phantom drone filmed the damage.") == [("drone", "drone")]


def test_offsets_survive_characters_that_lower_case_to_two():
    text = "İdlib: Su-24 jets and drones struck again."
    assert [text[w.start : w.end] for w in find_weapons(text)] == ["Su-24 jets", "drones"]


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        ("Israeli F-16 Fighter Jets Strike Targets In Gaza", "F-16"),
        ("Grad Rockets Hit Donetsk Market", "Grad"),
        ("Anti-Tank Missiles Fired At Border Post", "anti-tank missile"),
    ],
)
def test_title_case_headlines_keep_their_weapon(headline, name):
    assert [w.name for w in find_weapons(headline)] == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Glide bombs hit Kharkiv overnight.", "glide bomb"),
        ("KAB-500 bombs struck the town.", "glide bomb"),
        ("Precision-guided munitions were used, the army said.", "precision-guided munition"),
        ("Rocket-propelled grenades were fired at the patrol.", "rocket-propelled grenade"),
    ],
)
def test_class_words_at_the_start_of_a_sentence(sentence, name):
    assert [w.name for w in find_weapons(sentence)] == [name]


def test_place_that_looks_like_an_acronym_is_not_a_weapon():
    assert find_weapons("Kab Elias was quiet on Sunday.") == []
