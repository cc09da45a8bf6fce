"""Strike events, one test per linguistic case, named after the sentence it protects."""

from __future__ import annotations

import datetime as dt

import pytest

from geostrikes.extraction.events import extract, extract_article, merge_events
from geostrikes.model import Article, Precision, Stance


def events_of(text, published=dt.date(2024, 4, 21), article_id="t"):
    return extract_article(Article(article_id, text, published=published,
                                   published_precision="day"))


def only(events):
    assert len(events) == 1, [(e.location.text, e.actor, e.stance) for e in events]
    return events[0]


def test_tehran_denies_is_not_a_strike_site():
    events = events_of("U.S. officials said Iranian jets bombed militants in Diyala province. "
                       "Tehran denies it.")
    event = only(events)
    assert event.location.text == "Diyala"
    assert (event.actor, event.stance) == ("Iran", Stance.ACCUSED)
    assert event.denied_by == ("Iran",)


def test_us_military_said_it_targeted_is_a_claim():
    event = only(events_of("The U.S. military said it carried out air strikes on depots in Deir ez-Zor "
                           "on Sunday."))
    assert (event.actor, event.stance) == ("United States", Stance.CLAIMED)
    assert event.date == dt.date(2024, 4, 21)


def test_suspected_israeli_drone_strike_is_suspected():
    event = only(events_of("A suspected Israeli drone strike hit a depot near Baghdad."))
    assert (event.actor, event.stance) == ("Israel", Stance.SUSPECTED)
    assert event.location.precision == Precision.NEAR


def test_syrian_state_media_said_israeli_jets_is_an_accusation():
    event = only(events_of("Syrian state media said Israeli jets struck targets near Homs."))
    assert (event.actor, event.stance) == ("Israel", Stance.ACCUSED)
    assert event.attributed_by


def test_houthis_claimed_responsibility_is_a_claim():
    event = only(events_of("The Houthis claimed responsibility for a drone attack on Jizan."))
    assert (event.actor, event.stance) == ("Houthis", Stance.CLAIMED)


def test_thirty_miles_south_of_baghdad_offsets_the_site():
    event = only(events_of("An air strike hit a militia camp 30 miles south of Baghdad."))
    assert event.location.precision == Precision.OFFSET
    assert event.location.latitude < event.location.place.latitude - 0.3


def test_strike_on_the_syria_iraq_border_is_a_border_event():
    event = only(events_of("U.S. warplanes struck militia sites on the Syria-Iraq border."))
    assert event.location.precision == Precision.BORDER
    assert event.location.place.id == "border:IQ-SY"


def test_threatened_strike_is_not_an_event():
    assert events_of("Iran warned it could launch missile strikes on Haifa.") == []


def test_aggregate_strike_count_is_not_an_event():
    assert events_of("The coalition has carried out 1,000 air strikes so far in Iraq.") == []


def test_never_been_involved_in_air_strikes_is_not_an_event():
    assert events_of("Iran has never been involved in any air strikes in Iraq.") == []


def test_no_strike_article_full_of_places_has_no_events():
    text = ("Ministers from Baghdad, Damascus and Ankara met in Geneva on Monday to discuss "
            "water sharing on the Euphrates. Talks will resume in Doha next month.")
    assert events_of(text) == []


def test_unclaimed_blast_denied_by_the_only_named_party_is_denied():
    text = ("Reports claimed that the United States conducted airstrikes in Iraq today. "
            "The U.S. military denied any involvement.")
    event = only(events_of(text))
    assert event.stance in (Stance.DENIED, Stance.UNATTRIBUTED)


def test_later_sentences_about_the_same_strike_merge():
    text = ("Israeli jets struck Damascus on Monday. The strikes killed three people, "
            "Syrian state media said.")
    event = only(events_of(text))
    assert event.actor == "Israel"


def test_several_places_in_one_province_fold_into_the_most_precise():
    text = "Iranian jets hit targets in Diyala province. The raids struck near Baqubah."
    event = only(events_of(text))
    assert event.location.text == "Baqubah"


def test_cross_article_reports_merge_with_every_source():
    a = Article("a", "Israeli jets struck Damascus on Monday.", published=dt.date(2024, 4, 2))
    b = Article("b", "Israel bombed Damascus on Monday, witnesses said.",
                published=dt.date(2024, 4, 2))
    separate = extract([a, b])
    assert len(separate) == 2
    merged = merge_events(separate)
    assert len(merged) == 1
    assert {s.article_id for s in merged[0].sources} == {"a", "b"}


def test_event_keeps_its_quote_and_span():
    text = "Calm returned. Russian warplanes bombed Idlib on Friday."
    event = only(events_of(text))
    assert text[event.quote_start:event.quote_end] == event.quote
    assert "Idlib" in event.quote


@pytest.mark.parametrize("text", ["", "No places here at all.", "<script>alert(1)</script>"])
def test_odd_text_gives_no_events(text):
    assert events_of(text) == []


def test_each_sentence_reads_only_its_own_place_mentions(monkeypatch):
    # Scanning every mention of the article for every strike sentence made
    # long articles quadratic: a sentence should read only the mentions that
    # start inside it.
    from geostrikes.extraction import events as module

    sentence = ("Israeli jets struck a depot near Baqubah in Diyala province on Monday, "
                "killing {n} fighters, officials said.")
    text = " ".join(sentence.format(n=n) for n in range(2, 42))
    real = module._sentence_places
    reads = []

    def counted(mentions, sentence, actors, actor, starts=None):
        reads.append(len(mentions) if starts is None else len(module._within(starts, sentence)))
        return real(mentions, sentence, actors, actor, starts)

    monkeypatch.setattr(module, "_sentence_places", counted)
    events = extract_article(Article("long", text, published=dt.date(2024, 4, 21)))
    assert events and len(reads) == 40
    assert sum(reads) <= 2 * 40 + 5


def test_an_injected_geoparser_with_its_own_parse_is_used():
    from geostrikes.extraction.events import Extractor
    from geostrikes.geocode.geoparser import Geoparser

    class NoPlaces(Geoparser):
        def parse(self, article):
            return []

    text = "Israeli jets struck a depot near Baqubah in Diyala province on Monday."
    assert Extractor(NoPlaces()).extract_article(Article("a", text)) == []
    assert Extractor(Geoparser()).extract_article(Article("a", text))


def test_jets_struck_spelt_with_a_long_s_is_still_a_strike():
    # Case-insensitive patterns match "ſ" with "s", which str.lower() does not:
    # the cue words must not be what decides then.
    plain = "Israeli jets struck a depot near Baqubah in Diyala province on Monday."
    odd = plain.replace("struck", "\u017ftruck")
    assert [e.location.text for e in events_of(odd)] == [e.location.text
                                                          for e in events_of(plain)]
    assert events_of(odd)
