import dataclasses
import datetime as dt

import pytest

from geostrikes.extraction.dates import DateRef, find_dates, resolve_date

WEDNESDAY = dt.date(2023, 11, 15)


def _only(text, published=WEDNESDAY, precision="day"):
    refs = find_dates(text, published, precision)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Israeli jets struck a house in Khan Younis on Sunday, medics said.",
            dt.date(2023, 11, 12),
        ),
        ("Russian drones hit the port of Izmail late on Friday.", dt.date(2023, 11, 10)),
        (
            "A US strike early Saturday targeted al-Shabaab fighters near Jilib.",
            dt.date(2023, 11, 11),
        ),
        ("Monday's raids on Hodeidah knocked out power to the port.", dt.date(2023, 11, 13)),
        (
            "The army said Tuesday night that two rockets fell near Kiryat Shmona.",
            dt.date(2023, 11, 14),
        ),
    ],
)
def test_on_sunday_resolves_to_previous_sunday(sentence, expected):
    ref = _only(sentence)
    assert (ref.date, ref.precision) == (expected, "day")


def test_same_weekday_as_publication_is_the_publication_day():
    assert _only("Shelling resumed in Kherson on Wednesday.").date == WEDNESDAY


def test_last_weekday_is_strictly_before_publication():
    ref = _only("The convoy was hit last Wednesday, a Red Cross official said.")
    assert (ref.date, ref.text) == (dt.date(2023, 11, 8), "last Wednesday")


def test_newspaper_named_after_a_weekday_is_not_a_date():
    assert find_dates("The Sunday Times reported the raid.", WEDNESDAY) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Yesterday's air strike on Idlib destroyed a bakery.",
        "Explosions were heard in Isfahan last night.",
        "Ukraine said it downed 20 drones overnight.",
    ],
)
def test_yesterday_last_night_and_overnight_are_the_day_before(sentence):
    ref = _only(sentence)
    assert (ref.date, ref.precision) == (dt.date(2023, 11, 14), "day")


def test_today_is_the_publication_day():
    assert _only("Sirens sounded in Ashkelon today.").date == WEDNESDAY


def test_exact_small_day_count_keeps_day_precision():
    ref = _only("A drone struck a checkpoint near Marib two days ago.")
    assert (ref.date, ref.precision) == (dt.date(2023, 11, 13), "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tribal elders said the bombing took place ten days ago.",
        "Tribal elders said the bombing took place 10 days ago.",
    ],
)
def test_ten_days_ago_is_week_precision(sentence):
    ref = _only(sentence)
    assert (ref.date, ref.precision) == (dt.date(2023, 11, 5), "week")


@pytest.mark.parametrize("phrase", ["a few days ago", "several days ago"])
def test_vague_day_counts_are_week_precision(phrase):
    ref = _only(f"Residents of Deir ez-Zor said the raid happened {phrase}.")
    assert (ref.precision, ref.text) == ("week", phrase)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("a week ago", dt.date(2023, 11, 8)), ("last week", dt.date(2023, 11, 8))],
)
def test_a_week_ago_and_last_week_are_week_precision(phrase, expected):
    ref = _only(f"Militants shelled the airport {phrase}, police said.")
    assert (ref.date, ref.precision) == (expected, "week")


def test_last_month_is_month_precision():
    ref = _only("Last month, an Israeli strike hit a school in Jabalia.")
    assert (ref.date, ref.precision) == (dt.date(2023, 10, 1), "month")


def test_earlier_this_month_is_the_publication_month():
    ref = _only("Earlier this month, Turkish drones struck oil fields in Hasakah.")
    assert (ref.date, ref.precision) == (dt.date(2023, 11, 1), "month")


@pytest.mark.parametrize(
    "phrase", ["in recent days", "in the last several days", "over the past few days"]
)
def test_in_recent_days_is_week_precision_at_publication(phrase):
    ref = _only(f"Iraqi officials said drones had circled the base {phrase}.")
    assert (ref.date, ref.precision, ref.text) == (WEDNESDAY, "week", phrase)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Saudi-led jets bombed Saada province in January.", dt.date(2023, 1, 1)),
        ("The base was attacked in December, officials said.", dt.date(2022, 12, 1)),
        ("Strikes intensified in early March.", dt.date(2023, 3, 1)),
    ],
)
def test_in_january_is_the_latest_january_not_after_publication(sentence, expected):
    ref = _only(sentence)
    assert (ref.date, ref.precision) == (expected, "month")


def test_last_named_month_in_that_same_month_is_a_year_back():
    ref = _only("Hezbollah fired anti-tank missiles last November.")
    assert (ref.date, ref.text) == (dt.date(2022, 11, 1), "last November")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("July 19", dt.date(2023, 7, 19)),
        ("19 July", dt.date(2023, 7, 19)),
        ("Dec. 3", dt.date(2022, 12, 3)),
        ("December 3rd", dt.date(2022, 12, 3)),
        ("Sept. 30", dt.date(2023, 9, 30)),
    ],
)
def test_month_day_without_year_takes_the_latest_year_not_after_publication(phrase, expected):
    ref = _only(f"The Pentagon said the strike on {phrase} hit a weapons depot.")
    assert (ref.date, ref.precision, ref.text) == (expected, "day", phrase)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("July 19, 2024", dt.date(2024, 7, 19)),
        ("2024-04-19", dt.date(2024, 4, 19)),
        ("19 April 2024", dt.date(2024, 4, 19)),
    ],
)
def test_full_dates_are_exact_and_independent_of_publication(phrase, expected):
    ref = _only(f"Satellite images from {phrase} show the crater.", published=None)
    assert (ref.date, ref.precision) == (expected, "day")


def test_month_and_year_is_month_precision():
    ref = _only("In April 2024 Iran launched drones and missiles at Israel.")
    assert (ref.date, ref.precision, ref.text) == (dt.date(2024, 4, 1), "month", "April 2024")


def test_in_2019_is_year_precision():
    ref = _only("The depot was first bombed in 2019.")
    assert (ref.date, ref.precision, ref.text) == (dt.date(2019, 1, 1), "year", "2019")


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran may retaliate, a commander warned.",
        "Thousands march on the ministry.",
        "The 1979 revolution brought the clerics to power.",
    ],
)
def test_lowercase_month_words_and_bare_years_are_not_dates(sentence):
    assert find_dates(sentence, WEDNESDAY) == []


def test_offsets_index_the_exact_text_given():
    text = "«Gaza» — Airstrikes hit Rafah early on Sunday and again on 14 November."
    refs = find_dates(text, WEDNESDAY)
    assert [text[r.start : r.end] for r in refs] == ["Sunday", "14 November"]
    assert [r.text for r in refs] == ["Sunday", "14 November"]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("yesterday", dt.date(2020, 3, 1)),
        ("on Sunday", dt.date(2020, 3, 1)),
        ("ten days ago", dt.date(2020, 3, 1)),
        ("last month", dt.date(2020, 2, 1)),
    ],
)
def test_month_precision_publication_caps_relative_dates(phrase, expected):
    ref = _only(f"A drone hit a convoy near Abu Kamal {phrase}.", dt.date(2020, 3, 1), "month")
    assert (ref.date, ref.precision) == (expected, "month")


def test_year_precision_publication_caps_relative_dates():
    ref = _only("Rockets struck Erbil on Sunday.", dt.date(2018, 1, 1), "year")
    assert (ref.date, ref.precision) == (dt.date(2018, 1, 1), "year")


def test_stated_day_keeps_day_precision_under_month_precision_publication():
    ref = _only("Mortars hit Mogadishu airport on March 12.", dt.date(2020, 3, 1), "month")
    assert (ref.date, ref.precision) == (dt.date(2020, 3, 12), "day")


def test_without_publication_only_dates_with_a_year_resolve():
    text = "Shelling on Sunday followed the attack of 3 May 2021 and raids last month."
    assert [r.text for r in find_dates(text, None)] == ["3 May 2021"]


def test_resolve_prefers_the_event_date_over_the_report_date():
    text = "The ministry said on Tuesday that the raid on Tartus took place two days ago."
    assert resolve_date(text, WEDNESDAY).text == "two days ago"


def test_resolve_falls_back_to_the_report_date():
    text = "The United States said on Monday it had struck militia depots."
    ref = resolve_date(text, WEDNESDAY)
    assert (ref.text, ref.date) == ("Monday", dt.date(2023, 11, 13))


def test_resolve_prefers_a_precise_date_to_a_vague_one():
    text = "Earlier this month, a missile struck Odesa on November 6."
    assert resolve_date(text, WEDNESDAY).date == dt.date(2023, 11, 6)


def test_resolve_skips_period_bounds():
    assert (
        resolve_date("Attacks on US forces since October have injured dozens.", WEDNESDAY) is None
    )
    ref = resolve_date(
        "Since October, militias have struck bases, most recently on Sunday.", WEDNESDAY
    )
    assert ref.text == "Sunday"


def test_resolve_ignores_future_dates():
    assert resolve_date("Talks on a truce are planned for next Friday.", WEDNESDAY) is None


def test_unknown_publication_precision_is_rejected():
    with pytest.raises(ValueError, match="published_precision"):
        find_dates("on Sunday", WEDNESDAY, "fortnight")


def test_none_publication_precision_means_day():
    assert _only("on Sunday", WEDNESDAY, None).precision == "day"


def test_dateref_is_frozen_and_slotted():
    ref = DateRef(WEDNESDAY, "day", 0, 5, "today")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.precision = "week"
    assert not hasattr(ref, "__dict__")


def test_long_text_finds_the_same_dates_as_its_sentences():
    sentences = [
        "Roughly 2,500 troops, 86 countries and 40 militias were counted in 2021 figures.",
        "On Sunday, 12 rockets hit the base, 30 miles south of the capital.",
        "Officials said 3 of the 14 drones launched two days ago were intercepted.",
        "The F-16 and MQ-9 fleets flew 1,000 sorties since March.",
        "A ministry statement dated 2023-10-07 listed 250 names.",
        "Explosions were heard overnight and again on 9 November 2023.",
    ] * 5
    article = " ".join(sentences)
    expected, offset = [], 0
    for sentence in sentences:
        expected += [
            (r.start + offset, r.end + offset, r.date) for r in find_dates(sentence, WEDNESDAY)
        ]
        offset += len(sentence) + 1
    assert [(r.start, r.end, r.date) for r in find_dates(article, WEDNESDAY)] == expected
    assert len(expected) == 35


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("over the weekend", WEDNESDAY, dt.date(2023, 11, 11)),
        ("last weekend", WEDNESDAY, dt.date(2023, 11, 11)),
        ("last weekend", dt.date(2023, 11, 12), dt.date(2023, 11, 4)),
    ],
)
def test_weekend_is_the_latest_saturday_at_week_precision(phrase, published, expected):
    ref = _only(f"Drones attacked the refinery {phrase}.", published)
    assert (ref.date, ref.precision) == (expected, "week")


def test_resolve_skips_an_event_named_after_the_date_it_bounds():
    assert resolve_date("Attacks have risen since the Oct. 7 assault.", WEDNESDAY) is None
