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


# -- clauses, speakers and aliases ----------------------------------------------------


def test_coalition_fighting_houthi_rebels_is_the_agent_not_the_rebels():
    event = only(events_of("The Saudi-led coalition fighting Yemen's Houthi rebels launched "
                           "airstrikes on Sanaa on Thursday."))
    assert event.actor == "Saudi-led coalition"


def test_rebels_said_in_a_later_clause_do_not_report_the_main_strike():
    event = only(events_of("Coalition jets bombed targets in Sanaa on Thursday, a day after the "
                           "rebels said they had sent drones toward Riyadh."))
    assert event.location.text == "Sanaa"
    assert event.stance == Stance.CONFIRMED


def test_after_israel_hit_isfahan_is_attributed_in_its_own_clause():
    events = {e.location.text: e for e in events_of(
        "The explosion in Baghdad came a day after Israel appeared to have hit the city of "
        "Isfahan with drones.")}
    assert (events["Isfahan"].actor, events["Isfahan"].stance) == ("Israel", Stance.SUSPECTED)
    assert events["Baghdad"].actor == "unknown"


def test_closing_news_agency_attribution_outranks_an_inner_verb():
    event = only(events_of("Israeli jets struck a building in Nabatieh, in the first openly "
                           "acknowledged raid there, the National News Agency reported."))
    assert event.stance == Stance.ACCUSED
    assert event.attributed_by == ("the National News Agency",)


def test_speaker_after_a_place_aside_is_the_white_helmets():
    event = only(events_of("In the town of Ariha, south of Idlib, the White Helmets said "
                           "Syrian government warplanes dropped bombs on a market."))
    assert event.actor == "Syria"
    assert event.attributed_by == ("the White Helmets",)


def test_spokesman_cited_by_surname_speaks_for_his_side():
    text = ("Israeli military spokesman Avi Levran said the army was reviewing reports. "
            "Israeli jets struck a depot in Tyre on Monday, Levran said.")
    event = only(events_of(text))
    assert (event.actor, event.stance) == ("Israel", Stance.CLAIMED)


def test_the_army_accused_in_a_sudan_story_is_the_sudanese_army():
    event = only(events_of("The RSF accused the army of bombing a livestock market in Nyala "
                           "on Sunday, killing 12 people. Drones were heard over Nyala."))
    assert (event.actor, event.stance) == ("Sudan", Stance.ACCUSED)


def test_drone_launched_from_yemen_is_not_yemen_striking():
    event = only(events_of("A drone launched from Yemen slammed into a building in Eilat."))
    assert event.actor == "unknown"


def test_upper_case_dateline_before_a_colon_is_not_a_speaker():
    event = only(events_of("ISLAMABAD: Pakistani jets struck hideouts in Paktika province, "
                           "officials in Kabul said."))
    assert event.actor == "Pakistan"
    assert "ISLAMABAD" not in event.attributed_by


def test_body_attribution_outranks_the_headline_that_compresses_it():
    text = ("Israeli jets hit Nabatieh\n\n"
            "Israeli warplanes struck a building in Nabatieh on Tuesday, wounding nine people, "
            "Lebanon's state-run news agency reported.")
    event = only(events_of(text))
    assert (event.actor, event.stance) == ("Israel", Stance.ACCUSED)


def test_strike_near_tyre_and_strike_on_nabatieh_stay_two_events():
    events = events_of("Israeli jets struck a building in Nabatieh on Tuesday. Later the jets "
                       "struck launchers near Tyre.")
    assert sorted(e.location.text for e in events) == ["Nabatieh", "Tyre"]


def test_border_town_west_of_ramadi_locates_the_site_not_a_second_strike():
    event = only(events_of("US jets struck a depot at al-Qaim, a border town west of Ramadi, "
                           "on Friday."))
    assert event.location.text == "al-Qaim"


def test_strike_near_a_town_outside_the_province_is_not_folded_into_it():
    events = events_of("Israeli drones struck a cell in Diyala province on Monday. Israeli "
                       "drones also struck a car near Tuz Khurmatu.")
    assert sorted(e.location.text for e in events) == ["Diyala", "Tuz Khurmatu"]


def test_secretary_quoted_by_surname_in_a_washington_story_speaks_for_the_us():
    text = ("WASHINGTON — Defense Secretary Jane Corvell said on Thursday that strikes had "
            "been ordered.\n\n"
            "\"US aircraft conducted strikes on a depot near Mayadin,\" Corvell said.")
    event = only(events_of(text))
    assert (event.actor, event.stance) == ("United States", Stance.CLAIMED)


def test_a_trailing_where_clause_is_not_a_closing_attribution():
    text = ("Israel's military said its jets struck a military airfield at Tabriz, where it said "
            "it had destroyed fighter jets.")
    event = only(events_of(text))
    assert (event.actor, event.stance) == ("Israel", Stance.CLAIMED)


def test_in_an_attack_they_blamed_on_turkey_is_not_the_speaker():
    text = ("A drone struck a car on the road near Amuda, local officials said, in an attack "
            "they blamed on Turkey.")
    event = only(events_of(text))
    assert event.attributed_by == ("local officials",)


def test_military_spokesman_saying_aircraft_hit_is_the_militarys_claim():
    text = ("Israel's military said on Saturday it had struck Iran.\n\n"
            "Military spokesman Rear Admiral Dan Ofer said more than 100 aircraft had hit "
            "missile factories in Khuzestan province.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Khuzestan"].actor, events["Khuzestan"].stance) == ("Israel", Stance.CLAIMED)


def test_paragraph_opening_in_a_town_is_no_list_item_inheriting_the_actor():
    text = ("Turkish drones struck a car near Qamishli on Friday.\n\n"
            "In Salahuddin province, an explosion destroyed a depot near Tuz Khurmatu.")
    events = {e.location.text: e for e in events_of(text)}
    assert events["Qamishli"].actor == "Turkey"
    assert all(e.actor != "Turkey" for name, e in events.items() if name != "Qamishli")


def test_told_reporters_in_rawalpindi_is_where_it_was_said_not_struck():
    event = only(events_of("A military spokesman told reporters in Rawalpindi that Indian "
                           "missiles had struck a mosque in Muzaffarabad."))
    assert event.location.text == "Muzaffarabad"


def test_nine_days_into_israels_war_names_no_strike_site():
    event = only(events_of("US jets struck the enrichment plant at Natanz, nine days into "
                           "Israel's war on Iran."))
    assert event.location.text == "Natanz"


def test_a_strike_years_before_the_article_is_background():
    text = ("Indian jets struck a camp near Muzaffarabad on Wednesday. The last time India "
            "struck across the border was in February 2019, when its jets bombed a camp near "
            "Balakot.")
    events = events_of(text, published=dt.date(2025, 5, 8))
    assert [e.location.text for e in events] == ["Muzaffarabad"]


def test_off_limits_since_2014_does_not_date_the_strike():
    event = only(events_of("US jets struck a depot at Jurf al-Sakhar, which has been off-limits "
                           "to civilians since 2014.", published=dt.date(2024, 1, 24)))
    assert event.location.text == "Jurf al-Sakhar"


def test_taliban_accuse_pakistan_of_air_strikes_on_kandahar_names_pakistan():
    event = only(events_of("Taliban accuse Pakistan of air strikes on homes in Kandahar."))
    assert (event.actor, event.stance) == ("Pakistan", Stance.ACCUSED)


def test_in_neighbouring_burkina_faso_the_army_said_it_killed_in_air_strikes_is_a_claim():
    text = ("Malian drones struck a market in Kidal on Sunday. In neighbouring Burkina Faso, "
            "the army said it had killed dozens of fighters in air strikes near Djibo.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Djibo"].actor, events["Djibo"].stance) == ("Burkina Faso", Stance.CLAIMED)


def test_semicolon_headline_gives_each_side_its_own_account():
    text = ("India says it struck camps in Bahawalpur; Islamabad says missiles hit mosques in "
            "Kotli\n\nThe strikes came overnight.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Bahawalpur"].actor, events["Bahawalpur"].stance) == ("India", Stance.CLAIMED)
    assert (events["Kotli"].actor, events["Kotli"].stance) == ("India", Stance.ACCUSED)


def test_fire_after_drone_attack_in_a_second_headline_part_is_not_the_first_parts_claim():
    text = ("Ukraine says it hit fuel depot in Engels; fire at Ryazan refinery after drone "
            "attack\n\nThe drones flew overnight.")
    events = {e.location.text: e for e in events_of(text)}
    assert events["Ryazan"].actor == "unknown"


def test_hezbollah_claims_drone_attack_on_nahariya_is_its_claim():
    text = ("Israeli strike near Sidon kills six, ministry says; Hezbollah claims drone attack on "
            "Nahariya\n\nThe strikes came overnight.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Nahariya"].actor, events["Nahariya"].stance) == ("Hezbollah", Stance.CLAIMED)


def test_the_army_did_say_its_jets_had_struck_is_a_claim():
    text = ("Israel's military declined to comment on Masyaf. Hours earlier, however, the army did "
            "say that its jets had struck a crossing near Qusayr.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Qusayr"].actor, events["Qusayr"].stance) == ("Israel", Stance.CLAIMED)


def test_members_of_the_kurdistan_regions_forces_names_no_province_site():
    event = only(events_of("A drone strike near Sulaymaniyah killed three members of the "
                           "Kurdistan Region's counter-terrorism forces."))
    assert event.location.text == "Sulaymaniyah"


def test_a_researcher_at_the_stockholm_institute_is_not_in_stockholm():
    text = ("Turkish drones struck an airfield near Sulaymaniyah on Monday. A researcher at the "
            "Stockholm International Peace Research Institute said the strike was a message.")
    assert [e.location.text for e in events_of(text)] == ["Sulaymaniyah"]


def test_blaming_such_explosions_on_israel_is_no_event():
    assert events_of("The PMF has previously blamed such explosions on Israel, while drones "
                     "were also suspected.") == []


def test_five_years_since_the_explosion_at_beirut_port_is_history():
    assert events_of("Thousands marched in Beirut to mark five years since the explosion at "
                     "Beirut's port, which drones filmed.") == []


def test_the_2023_bombing_of_a_village_is_history():
    text = ("Junta jets struck a school near Shwebo on Monday. The 2023 bombing of Pazigyi "
            "village in Sagaing remains the deadliest air raid of the war.")
    assert [e.location.text for e in events_of(text, published=dt.date(2025, 3, 3))] == ["Shwebo"]


def test_river_port_some_300_km_south_of_khartoum_locates_kosti():
    event = only(events_of("In Kosti, a river port some 300 km south of Khartoum, a drone hit "
                           "the main transformer station."))
    assert event.location.text == "Kosti"


def test_residents_who_saw_israeli_jets_strike_confirm_it():
    event = only(events_of("Residents said Israeli jets struck a house in Tyre on Monday."))
    assert (event.actor, event.stance) == ("Israel", Stance.CONFIRMED)


def test_syrian_observatory_blaming_syrian_jets_is_an_accusation_not_a_claim():
    event = only(events_of("The Syrian Observatory for Human Rights said Syrian government "
                           "warplanes bombed a market in Ariha."))
    assert (event.actor, event.stance) == ("Syria", Stance.ACCUSED)


def test_syrian_state_media_saying_syrian_jets_struck_is_a_claim():
    event = only(events_of("Syrian state media said Syrian army warplanes struck militants "
                           "in Idlib province."))
    assert (event.actor, event.stance) == ("Syria", Stance.CLAIMED)


def test_accusation_over_another_place_after_a_semicolon_is_not_the_first_strikes():
    text = ("US jets hit a car near Sarmada; Kurdish forces accuse Turkey over convoy deaths at "
            "Tishreen Dam\n\nThe strike killed a commander.")
    events = {e.location.text: e for e in events_of(text)}
    assert events["Sarmada"].actor == "United States"


def test_drones_hit_port_sudan_army_blames_rsf_keeps_the_blame():
    text = "Drones hit Port Sudan airport; army blames RSF\n\nThe drones struck at dawn."
    events = {e.location.text: e for e in events_of(text)}
    assert events["Port Sudan"].actor == "Rapid Support Forces"


def test_patriotic_union_of_kurdistan_is_a_party_not_a_place():
    text = ("A drone struck a checkpoint near Sulaymaniyah, said the counter-terrorism service, "
            "which is controlled by the Patriotic Union of Kurdistan.")
    assert [e.location.text for e in events_of(text)] == ["Sulaymaniyah"]


def test_air_raid_alert_in_a_football_report_is_no_strike():
    assert events_of("Late strike gives Metalist a win in Lviv after air raid alert halts the "
                     "match.") == []


def test_a_planned_meeting_in_muscat_is_a_venue():
    text = ("Houthi drones struck an Aramco plant in Jizan on Monday, a week before a planned "
            "meeting of Yemeni parties in Muscat.")
    assert [e.location.text for e in events_of(text)] == ["Jizan"]


def test_an_analyst_at_the_arab_center_in_washington_is_not_in_washington():
    text = ("Turkish jets struck PKK positions near Sinjar, said an analyst at the Arab Center in "
            "Washington.")
    assert [e.location.text for e in events_of(text)] == ["Sinjar"]


def test_groups_attacked_us_forces_more_than_130_times_is_an_aggregate():
    assert events_of("Washington says Iran-backed groups have attacked U.S. forces in Iraq and "
                     "Syria with drones more than 130 times since October.") == []


def test_attacks_by_the_ttp_have_surged_is_a_trend_not_an_event():
    assert events_of("Pakistan says drone attacks by the TTP have surged, especially in Khyber "
                     "Pakhtunkhwa.") == []


def test_lna_drones_struck_mitiga_airport_is_the_lna():
    event = only(events_of("LNA drones struck Mitiga airport in Tripoli on Sunday, residents "
                           "said."))
    assert (event.actor, event.stance) == ("Libyan National Army", Stance.CONFIRMED)


def test_the_barrage_a_strike_retaliates_for_is_its_own_event_and_a_fact():
    text = ("Israel's military said on Saturday it had carried out strikes on military sites in "
            "Iran in retaliation for Iran's ballistic missile barrage at Israel earlier this month.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Israel"].actor, events["Israel"].stance) == ("Iran", Stance.CONFIRMED)
    assert (events["Iran"].actor, events["Iran"].stance) == ("Israel", Stance.CLAIMED)


def test_retaliation_for_a_strike_it_blamed_on_israel_keeps_the_blame():
    text = ("Iran said its attack was in retaliation for a deadly air strike on its generals in "
            "Damascus that it blamed on Israel.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Damascus"].actor, events["Damascus"].stance) == ("Israel", Stance.ACCUSED)


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


def test_the_rebels_military_spokesman_saying_drones_struck_is_the_rebels_claim():
    text = ("Coalition jets bombed Sanaa after Yemen's Houthi rebels fired drones at Saudi Arabia. "
            "The rebels' military spokesman, Yahya Sarea, said on Wednesday that seven drones had "
            "struck a pumping station near Afif, west of Riyadh.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Afif"].actor, events["Afif"].stance) == ("Houthis", Stance.CLAIMED)


def test_more_than_40_attacks_on_shipping_since_november_is_an_aggregate():
    assert events_of("The Houthis have launched more than 40 drone attacks on shipping near "
                     "Aden since November.") == []


def test_officials_in_kabul_said_names_where_they_spoke_not_a_site():
    events = events_of("Pakistani jets struck a camp near Khost on Monday, officials in Kabul "
                       "said.")
    assert [e.location.text for e in events] == ["Khost"]


def test_houthis_say_missile_hit_eilat_port_is_their_claim():
    text = "Houthis say missile hit Eilat port as US jets strike Hodeidah\n\nSirens sounded."
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Eilat"].actor, events["Eilat"].stance) == ("Houthis", Stance.CLAIMED)


def test_rsf_says_army_drone_strike_hit_a_market_is_no_rsf_claim():
    text = "RSF says army drone strike hit a market in Nyala\n\nDrones were heard overnight."
    events = {e.location.text: e for e in events_of(text)}
    assert events["Nyala"].actor != "Rapid Support Forces"


def test_civil_defence_saying_a_missile_struck_a_car_is_not_the_states_claim():
    event = only(events_of("Syria's civil defence service said a car had been struck by a "
                           "missile near Sarmada."))
    assert event.stance != Stance.CLAIMED


def test_attacks_would_continue_is_no_report_of_a_strike():
    assert events_of("The group's negotiator said drone attacks would continue until the war "
                     "in Gaza ends.") == []


def test_a_claim_about_a_whole_region_does_not_firm_up_a_site_inside_it():
    text = ("Russian drones hit a bus in the Antonivka suburb of Kherson on Tuesday, the "
            "regional governor said. Russia's defence ministry said its forces had struck "
            "Ukrainian positions in the Kherson region.")
    events = {e.location.text: e for e in events_of(text)}
    assert (events["Antonivka"].actor, events["Antonivka"].stance) == ("Russia", Stance.ACCUSED)


def test_a_drone_attack_launched_by_yemens_houthi_movement_is_the_houthis():
    event = only(events_of("Drones launched by Yemen's Houthi movement struck an oil plant in "
                           "Jizan in southern Saudi Arabia."))
    assert event.actor == "Houthis"


def test_the_gna_and_the_gnu_are_two_governments():
    first = only(events_of("GNA drones struck LNA supply lines near Tarhuna, the GNA said."))
    second = only(events_of("GNU drones struck a depot near Zawiya, the GNU said."))
    assert (first.actor, second.actor) == ("Government of National Accord",
                                           "Government of National Unity")


def test_a_fire_at_an_oil_plant_after_a_drone_attack_is_no_plan():
    event = only(events_of("A fire broke out at an oil plant in Jizan in southern Saudi Arabia "
                           "after a drone attack launched by Yemen's Houthi movement."))
    assert event.location.text == "Jizan"


def test_qamishli_was_hit_by_a_turkish_drone_locates_the_passive_subject():
    event = only(events_of("Qamishli was hit by a Turkish drone on Sunday."))
    assert event.location.text == "Qamishli"
    assert (event.actor, event.stance) == ("Turkey", Stance.CONFIRMED)


def test_a_car_hit_in_qamishli_apparently_by_a_turkish_drone_is_suspected():
    event = only(events_of("A car was hit in Qamishli, apparently by a Turkish drone."))
    assert (event.actor, event.stance) == ("Turkey", Stance.SUSPECTED)


def test_a_car_hit_in_the_town_of_manbij_apparently_by_a_turkish_drone_names_turkey():
    event = only(events_of("On Monday a car was hit in the town of Manbij, apparently by a "
                           "Turkish drone."))
    assert event.location.text == "Manbij"
    assert (event.actor, event.stance) == ("Turkey", Stance.SUSPECTED)


def test_hit_by_what_the_ministry_called_an_israeli_missile_attack_is_an_accusation():
    event = only(events_of("The Syrian defence ministry said Aleppo airport had been hit by what "
                           "it called an Israeli missile attack."))
    assert event.location.text == "Aleppo"
    assert (event.actor, event.stance) == ("Israel", Stance.ACCUSED)


def test_sites_used_by_militias_were_struck_by_the_us_not_by_the_militias():
    event = only(events_of("U.S. warplanes struck two sites used by Iran-backed militias in "
                           "Anbar province, the U.S. military said."))
    assert event.actor == "United States"


def test_a_city_bombed_almost_daily_reports_no_single_strike():
    assert events_of("Kharkiv has been bombed almost daily since the spring, officials said.") \
        == []


def test_pakistan_denied_carrying_out_air_strikes_in_khost_is_a_denial():
    event = only(events_of("Pakistan's military denied carrying out air strikes in "
                           "Afghanistan's Khost province."))
    assert (event.actor, event.stance) == ("Pakistan", Stance.DENIED)


def test_denied_strike_that_kabul_asserts_stays_an_accusation():
    event = only(events_of("Officials in Kabul accused Pakistan of carrying out air strikes in "
                           "Khost. Pakistan denied it."))
    assert (event.actor, event.stance) == ("Pakistan", Stance.ACCUSED)


def test_coalition_fighting_the_islamic_state_denies_for_itself():
    event = only(events_of("The US-led coalition fighting the Islamic State group denied that it "
                           "had struck the dam near Tabqa with air strikes."))
    assert (event.actor, event.stance) == ("US-led coalition", Stance.DENIED)


def test_denied_the_report_but_witnesses_saw_israeli_jets_is_confirmed():
    event = only(events_of("Israel denied the report, but witnesses said Israeli jets struck "
                           "Tyre in an air strike."))
    assert (event.actor, event.stance) == ("Israel", Stance.CONFIRMED)


def test_iran_backed_militias_were_blamed_for_a_drone_attack_is_an_accusation():
    event = only(events_of("Iran-backed militias were blamed for a drone attack on Erbil "
                           "airport."))
    assert (event.actor, event.stance) == ("Iran-backed militias", Stance.ACCUSED)


def test_israel_is_widely_believed_to_have_been_behind_is_suspected_not_claimed():
    event = only(events_of("Israel is widely believed to have been behind the air strike on "
                           "Masyaf."))
    assert (event.actor, event.stance) == ("Israel", Stance.SUSPECTED)


def test_the_strike_on_sanaa_was_blamed_on_the_coalition_is_an_accusation():
    event = only(events_of("The strike on Sanaa was blamed on the Saudi-led coalition. The "
                           "city has faced weeks of air strikes."))
    assert (event.actor, event.stance) == ("Saudi-led coalition", Stance.ACCUSED)


def test_the_coalition_in_a_houthi_story_is_the_saudi_led_one():
    event = only(events_of("The Houthis accused the coalition of bombing a market in Saada."))
    assert event.actor == "Saudi-led coalition"


def test_coalition_aircraft_over_raqqa_are_the_us_led_coalition():
    event = only(events_of("Coalition aircraft struck Islamic State positions near Raqqa."))
    assert event.actor == "US-led coalition"


def test_striking_kyiv_and_the_western_lviv_region_lists_both():
    events = events_of("Russian missiles struck energy facilities in Kyiv and the western Lviv "
                       "region, Ukrainian officials said.")
    assert {e.location.text for e in events} == {"Kyiv", "Lviv"}
    assert {e.actor for e in events} == {"Russia"}


def test_in_lviv_the_governor_said_a_missile_hit_near_stryi_locates_stryi_only():
    event = only(events_of("In Lviv, the regional governor said a missile hit an energy "
                           "facility near the city of Stryi."))
    assert event.location.text == "Stryi"


def test_one_strike_hit_a_house_another_hit_a_car_is_the_same_attacker():
    events = events_of("Israeli air strikes killed 12 people in southern Lebanon. One strike "
                       "hit a house in Aitaroun. Another hit a car in Tyre.")
    assert {(e.location.text, e.actor) for e in events} >= {("Tyre", "Israel")}


def test_a_car_on_the_road_between_tyre_and_naqoura_is_one_strike():
    event = only(events_of("An Israeli drone hit a car on the road between Tyre and Naqoura."))
    assert event.location.text == "Tyre"


def test_the_blast_at_the_kalsu_base_near_musayyib_is_located_at_the_base():
    event = only(events_of("A drone strike caused the blast at the Kalsu base, near the town of "
                           "Musayyib in Babil province."))
    assert event.location.place.kind.value == "base"


def test_oman_mediating_between_washington_and_the_houthis_is_no_strike_site():
    events = events_of("US jets struck Houthi targets in Hodeidah. Oman, which mediates between "
                       "Washington and the Houthis, condemned the strikes.")
    assert [e.location.text for e in events] == ["Hodeidah"]


def test_centcom_said_american_and_british_forces_struck_is_a_us_claim():
    events = events_of("The U.S. Central Command said American and British forces had struck "
                       "targets in Sanaa and Hodeidah with warplanes.")
    assert {(e.actor, e.stance) for e in events} == {("United States", Stance.CLAIMED)}


def test_a_bogota_dateline_makes_the_defence_minister_colombias_own_voice():
    event = only(events_of("BOGOTÁ — Colombia's armed forces bombed a camp of the ELN in Tibú, "
                           "killing 11 rebels, Defence Minister Pedro Sánchez said on Tuesday."))
    assert (event.actor, event.stance) == ("Colombia", Stance.CLAIMED)


def test_israeli_jets_struck_jenin_said_a_spokesman_is_the_spokesmans_account():
    event = only(events_of("Israeli jets struck a camp in Jenin, said a spokesman for the "
                           "Palestinian health ministry."))
    assert (event.actor, event.stance) == ("Israel", Stance.ACCUSED)


def test_after_what_the_coalition_called_a_drone_attack_by_the_houthi_movement():
    event = only(events_of("A fire broke out at a plant in Jizan after what the Saudi-led "
                           "coalition called a drone attack launched by Yemen's Houthi movement."))
    assert event.actor == "Houthis"


def test_strikes_that_were_a_response_to_an_attack_on_ben_gurion_do_not_hit_it():
    events = events_of("Israeli jets struck Hodeidah port. He said the strikes were a response "
                       "to this morning's attack on Ben Gurion airport.")
    assert [(e.location.text, e.actor) for e in events] == [("Hodeidah", "Israel")]


def test_hours_after_a_drone_launched_from_yemen_slammed_into_tel_aviv_is_not_israels():
    events = events_of("Israeli jets struck Hodeidah, 36 hours after a long-range drone launched "
                       "from Yemen slammed into an apartment building in central Tel Aviv.")
    actors = {e.location.text: e.actor for e in events}
    assert actors["Hodeidah"] == "Israel" and actors.get("Tel Aviv") != "Israel"


def test_the_governments_defence_ministry_speaks_for_the_government_of_national_unity():
    event = only(events_of("Drones operated by Libya's Tripoli-based Government of National "
                           "Unity struck sites in Zawiya on Sunday, the government's defence "
                           "ministry said."))
    assert (event.actor, event.stance) == ("Government of National Unity", Stance.CLAIMED)


def test_while_russian_officials_reported_drone_attacks_is_their_account_not_ukraines_claim():
    events = events_of("Ukraine's military said it had struck an air base in Crimea overnight, "
                       "while Russian officials reported drone attacks on Bryansk.")
    bryansk = next(e for e in events if e.location.text == "Bryansk")
    assert bryansk.stance != Stance.CLAIMED


@pytest.mark.parametrize("text", [
    "During the joint exercise, F-16 jets struck mock targets at a range near Konya.",
    "The air force practised precision strikes on simulated targets near Malatya.",
    "Troops held live-fire drills in Nakhchivan, where drones hit targets on a firing range.",
])
def test_jets_striking_mock_targets_in_a_drill_is_no_strike(text):
    assert events_of(text) == []


def test_officials_said_the_us_had_evidence_that_iran_bombed_is_an_accusation():
    # ", said the United States had ..." is a clause, not a verb-first speaker.
    event = only(events_of("Two American officials, speaking anonymously, said the United States "
                           "had evidence that Iranian jets had bombed targets in Diyala."))
    assert (event.actor, event.stance) == ("Iran", Stance.ACCUSED)


def test_speakers_found_on_demand_are_those_found_sentence_by_sentence():
    from geostrikes.extraction import events
    from geostrikes.extraction.sentences import split_sentences

    text = ("Israeli jets struck Gaza. The army said it hit a depot. In a statement it said "
            "more would follow. Residents fled. They said the blast was huge. Nothing else. "
            "It said drones struck Rafah. Hamas denied it. Officials in Cairo said talks went on.")
    sentences = split_sentences(text)
    parts = [events._triggered_clauses(s, True, []) for s in sentences]
    # The old way: every sentence's speaker in turn, each given the last one found.
    eager, last, before = [], None, []
    for index, sentence in enumerate(sentences):
        after = sentences[index + 1].text if index + 1 < len(sentences) else ""
        focus = next((c.start - sentence.start + t.start() for c, t in parts[index] if t), 0)
        before.append(last)
        speaker = events._speaker(sentence.text, after, focus, {}, last)
        eager.append(speaker)
        last = speaker if speaker is not None else last
    assert any(s is not None for s in eager) and any(s is None for s in eager)
    for order in (range(len(sentences)), reversed(range(len(sentences)))):
        lazy = events._Speakers(sentences, parts, {})
        for index in order:
            assert lazy.before(index) == before[index]
            assert lazy.of(index) == eager[index]


def test_the_clause_word_checks_skip_no_cut_in_any_test_article(monkeypatch):
    from pathlib import Path

    from geostrikes.extraction import events
    from geostrikes.extraction.sentences import split_sentences

    data = Path(__file__).resolve().parents[1] / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.glob("**/*.txt"))]
    texts += ["Jets struck Sanaa IN RETALIATION FOR a drone attack, a day after the rebels "
              "said they fired.", "Drones hit Aden in re\u017fponse to a raid."]
    sentences = [s for text in texts for s in split_sentences(text)]

    def cuts():
        return [len(events._clauses(s, True, [])) for s in sentences]

    checked = cuts()
    assert checked[-2:] == [3, 2]
    monkeypatch.setattr(events, "_may_give_motive", lambda text: True)
    assert cuts() == checked



def test_forces_attacking_border_posts_in_an_exchange_of_fire_is_no_air_strike():
    events = events_of("Pakistani jets bombed Khost on Monday. Days later, Afghan forces attacked "
                       "Pakistani border posts in Kurram, prompting heavy exchanges of fire.")
    assert [e.location.text for e in events] == ["Khost"]


def test_a_drone_strike_during_clashes_is_still_a_strike():
    event = only(events_of("A Turkish drone strike hit fighters in Qamishli during clashes."))
    assert event.actor == "Turkey"


def test_a_ship_that_sailed_from_batumi_in_georgia_puts_no_blast_in_georgia():
    events = events_of("Some at first blamed an Israeli air strike. The explosion was caused "
                       "by fertiliser stored in a port warehouse since 2014, after the cargo was "
                       "unloaded from a ship which had sailed from Batumi in Georgia.")
    assert events == []


def test_drones_hit_depot_then_officials_accused_rebels_of_the_attack():
    event = only(events_of("Drones struck a fuel depot near Kassala on Tuesday night. Local "
                           "officials accused the RSF of carrying out the attack."))
    assert event.location.text == "Kassala"
    assert (event.actor, event.stance) == ("Rapid Support Forces", Stance.ACCUSED)


def test_accusation_in_the_next_paragraph_does_not_carry():
    event = only(events_of("Drones struck a fuel depot near Kassala on Tuesday night.\n\n"
                           "Local officials accused the RSF of shelling villages last year."))
    assert (event.actor, event.stance) == ("unknown", Stance.UNATTRIBUTED)


def test_the_air_force_in_a_story_set_in_sudan_is_sudans():
    event = only(events_of("Residents said the air force carried out an air strike on a cattle "
                           "market in El Fasher on Monday, killing nine people."))
    assert event.location.text == "El Fasher"
    assert (event.actor, event.stance) == ("Sudan", Stance.CONFIRMED)


def test_the_military_is_not_the_host_when_another_partys_military_is_named():
    event = only(events_of("The Israeli military said the military carried out an air strike "
                           "on a depot in Tyre on Monday."))
    assert event.actor == "Israel"


def test_a_military_aircraft_bombing_a_town_is_the_host_countrys():
    event = only(events_of("Residents said a military aircraft dropped two bombs on a market "
                           "in Lashio on Sunday."))
    assert event.location.text == "Lashio"
    assert (event.actor, event.stance) == ("Myanmar", Stance.CONFIRMED)


def test_the_kachin_independence_army_named_beside_the_army_leaves_it_the_hosts():
    event = only(events_of("The Kachin Independence Army said a military jet bombed a village "
                           "near Laukkai on Friday."))
    assert (event.actor, event.stance) == ("Myanmar", Stance.ACCUSED)


def test_a_group_said_a_drone_hit_a_school_and_it_accused_the_army():
    event = only(events_of("A rebel alliance said a drone dropped bombs on a school near "
                           "Kassala on Tuesday. It accused the army, which denies targeting "
                           "civilians."))
    assert event.location.text == "Kassala"
    assert (event.actor, event.stance) == ("Sudan", Stance.ACCUSED)


def test_an_accusation_by_someone_else_does_not_follow_a_speakers_strike_sentence():
    event = only(events_of("Residents said drones struck a fuel depot near Kassala on Tuesday. "
                           "Officials in Khartoum accused the RSF of shelling villages."))
    assert event.actor == "unknown"


def test_the_group_said_the_rsf_had_carried_out_the_attack_is_an_accusation():
    event = only(events_of("Drones struck a fuel depot near Kassala on Tuesday. The governor "
                           "said in a statement that the RSF had carried out the attack."))
    assert (event.actor, event.stance) == ("Rapid Support Forces", Stance.ACCUSED)
    assert event.attributed_by == ("The governor",)
