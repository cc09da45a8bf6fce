import dataclasses

import pytest

from geostrikes.extraction.numbers import Casualties, find_casualties, parse_number, sum_casualties


@pytest.mark.parametrize(
    ("text", "expected"), [("1,200", 1200), ("47", 47), ("2,500 troops", 2500)]
)
def test_digits_with_thousands_commas(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", 1),
        ("eleven", 11),
        ("twenty-five", 25),
        ("ninety nine", 99),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("two dozen", 24),
        ("half a dozen", 6),
    ],
)
def test_number_words(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dozens", 12), ("dozens of", 12), ("a dozen", 12)],
)
def test_dozens_counts_as_twelve(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tens", 10),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("hundreds of thousands", 100_000),
    ],
)
def test_vague_plurals_take_their_floor(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("several", 3), ("a few", 3), ("a handful", 3), ("a couple of", 2)]
)
def test_vague_small_counts_are_conservative(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 7", 7),
        ("more than 40", 40),
        ("up to 30", 30),
        ("some 40", 40),
        ("an estimated 300", 300),
    ],
)
def test_bounds_and_hedges_give_the_stated_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5 to 10", 5), ("5-10", 5), ("between 10 and 15", 10), ("two or three", 2)],
)
def test_ranges_give_the_lower_end(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["many", "a number of", "fewer than ten", "F-16", "the convoy"])
def test_phrases_without_a_number_are_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        (
            "At least 23 Palestinians were killed in Israeli strikes on Rafah, officials said.",
            23,
        ),
        ("Three people were killed when a shell hit a market in Donetsk.", 3),
        (
            "Nine civilians, among them four children, were killed in the raid on Maarat al-Numan.",
            9,
        ),
        ("Four fighters of the militia they said were killed in the attack.", 4),
        ("Three members of the Popular Resistance Committees armed wing were killed.", 3),
    ],
)
def test_n_people_were_killed(sentence, fatalities):
    assert find_casualties(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("Russian missiles slammed into an apartment block in Dnipro, killing 14 people.", 14),
        ("A US drone strike near Jilib killed at least five al-Shabaab militants.", 5),
        ("The strike killed 1,200 people over a week, the ministry said.", 1200),
    ],
)
def test_killing_n_counts_fatalities(sentence, fatalities):
    assert find_casualties(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    "sentence",
    [
        "A drone hit a car near Qaim, killing one member of a Shiite militia.",
        "The blast at the depot killed a member of the paramilitary forces.",
        "The raid caused the death of one member of the group.",
        "A drone strike killed the group's deputy commander.",
        "The strike killed Hezbollah commander Ali Hamadi in his car.",
    ],
)
def test_killing_one_member_counts_one_fatality(sentence):
    assert find_casualties(sentence).fatalities == 1


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("Nine dead as coalition jets pound Sanaa.", 9),
        ("Three paramedics died when a shell hit their ambulance in Khan Younis.", 3),
        ("The barrel bomb attack left 11 people dead in Daraa.", 11),
        ("The death toll from Tuesday's strike on the school rose to 27.", 27),
        ("The number of dead in Khan Younis has risen to 10.", 10),
        ("Among the dead were four children, the civil defence said.", 4),
    ],
)
def test_dead_died_left_dead_and_death_toll(sentence, fatalities):
    assert find_casualties(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "injured"),
    [
        ("Twelve others were wounded, the Lebanese health ministry said.", 12),
        ("Shelling hit Kherson, wounding at least 30 residents.", 30),
        ("A Houthi drone attack injured two sailors aboard the tanker.", 2),
        ("Hundreds were injured in the blast.", 100),
    ],
)
def test_wounded_and_injured(sentence, injured):
    assert find_casualties(sentence).injured == injured


def test_eight_more_were_reported_wounded_after_one_death():
    sentence = "One guard died in the explosion and eight more were reported wounded."
    assert find_casualties(sentence) == Casualties(fatalities=1, injured=8)


def test_one_killed_and_eight_wounded():
    assert find_casualties("Mogadishu blast: one killed and eight wounded") == Casualties(1, 8)


def test_killing_and_wounding_in_one_clause():
    sentence = "Israeli strikes hit Nuseirat, killing dozens of civilians and wounding hundreds."
    assert find_casualties(sentence) == Casualties(fatalities=12, injured=100)


def test_five_others_alone_counts_only_what_the_sentence_states():
    sentence = "Five others, including a Red Crescent volunteer, were also killed in the attack."
    assert find_casualties(sentence).fatalities == 5


@pytest.mark.parametrize(
    "sentence",
    [
        "Two commanders were killed in the raid on Deir ez-Zor and three others were also killed.",
        "The strike killed two Quds Force officers and three other people.",
    ],
)
def test_others_add_to_the_first_figure_in_the_same_sentence(sentence):
    assert find_casualties(sentence).fatalities == 5


def test_repeated_figure_in_one_sentence_is_not_added():
    sentence = (
        "Twelve people were killed, the ministry said, adding that the 12 killed were civilians."
    )
    assert find_casualties(sentence).fatalities == 12


def test_object_count_beats_subject_count():
    assert find_casualties("Two Russian drones killed three soldiers near Bakhmut.").fatalities == 3


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("Two Syrian soldiers were killed three days ago near Palmyra.", 2),
        ("He was killed two weeks ago in Hodeidah.", None),
        ("The strike at 1 a.m. killed four.", 4),
    ],
)
def test_times_after_the_verb_are_not_counts(sentence, fatalities):
    assert find_casualties(sentence).fatalities == fatalities


def test_numbers_inside_weapon_names_are_not_counts():
    assert find_casualties("Two F-16 jets were shot at; an MQ-9 killed 4 fighters.").fatalities == 4


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No one was hurt in the attack on the Ain al-Asad base.", Casualties(None, 0)),
        ("The interception caused no casualties, the army said.", Casualties(0, 0)),
        ("No soldiers were killed or injured, the spokesman said.", Casualties(0, 0)),
    ],
)
def test_explicit_zero_is_zero(sentence, expected):
    assert find_casualties(sentence) == expected


def test_no_immediate_reports_is_unknown_not_zero():
    assert find_casualties("There were no immediate reports of casualties.") == Casualties()


def test_sentence_without_casualty_words_is_empty():
    assert find_casualties("Baghdad summoned the Turkish ambassador on Monday.") == Casualties()


def test_range_of_victims_counts_the_lower_end():
    assert find_casualties("Between 10 and 15 fishermen were killed off Hodeidah.").fatalities == 10


def test_sum_casualties_keeps_the_largest_figure_not_the_sum():
    parts = [Casualties(12, None), Casualties(14, 30), Casualties(12, 25), Casualties()]
    assert sum_casualties(parts) == Casualties(fatalities=14, injured=30)


def test_sum_casualties_of_nothing_is_unknown():
    assert sum_casualties([]) == Casualties(None, None)


def test_zero_from_one_sentence_does_not_hide_a_toll_in_another():
    assert sum_casualties([Casualties(0, 0), Casualties(3, None)]) == Casualties(3, 0)


def test_casualties_is_frozen_and_slotted():
    c = Casualties(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.fatalities = 3
    assert not hasattr(c, "__dict__")
