"""Resolution rules on the bundled gazetteer, each test named after the sentence it protects."""

from __future__ import annotations

import math

import pytest

from geostrikes.geocode.gazetteer import Candidate
from geostrikes.geocode.geoparser import Geoparser, _Slot
from geostrikes.model import Article, Kind


@pytest.fixture(scope="module")
def parser():
    return Geoparser()


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(a))


def at_spans(parser, text, *surfaces):
    """Resolve exactly the given words of ``text`` (as a gold-span benchmark does)."""
    spans = tuple((text.index(s), text.index(s) + len(s)) for s in surfaces)
    return {m.text: m for m in parser.parse(Article("t", text, spans=spans))}


def raw(parser, text):
    return {m.text: m for m in parser.parse(Article("t", text))}


def test_eu_ministers_met_on_monday_names_europe(parser):
    m = at_spans(parser, "EU ministers met on Monday to discuss tariffs.", "EU")["EU"]
    assert m.place.kind == Kind.REGION and m.place.name == "Europe"


def test_european_farmers_protested_given_as_a_span_is_europe(parser):
    m = at_spans(parser, "European farmers protested in the capital.", "European")["European"]
    assert m.place.name == "Europe"


def test_european_farmers_protested_is_no_place_in_running_text(parser):
    assert "European" not in raw(parser, "European farmers protested outside the mill.")


def test_aid_flights_to_africa_resolve_to_the_continent(parser):
    m = raw(parser, "The charity sends aid flights to Africa every month.")["Africa"]
    assert m.place.kind == Kind.REGION and km(m.latitude, m.longitude, 7.2, 21.1) < 50


def test_storms_over_the_atlantic_ocean(parser):
    m = raw(parser, "Two storms formed over the Atlantic Ocean this week.")["Atlantic Ocean"]
    assert m.place.kind == Kind.REGION


def test_she_grew_up_in_scotland_is_the_nation(parser):
    m = raw(parser, "She grew up in Scotland before moving south.")["Scotland"]
    assert m.place.kind == Kind.ADMIN1 and m.place.country_code == "GB"


def test_the_volcano_on_hawaii_is_at_the_state_not_its_capital_island(parser):
    m = raw(parser, "Lava from the volcano reached homes in Hawaii on Friday.")["Hawaii"]
    assert km(m.latitude, m.longitude, 20.8, -156.3) < 161


def test_orange_county_deputies_in_california(parser):
    text = "Orange County deputies closed the beach road in California."
    m = raw(parser, text)["Orange County"]
    assert m.place.kind == Kind.ADMIN2 and m.place.admin1 == "California"


def test_a_gala_in_allendale_nj_is_in_new_jersey(parser):
    text = "The gala in Allendale, N.J., raised money for the shelter."
    m = at_spans(parser, text, "Allendale", "N.J.")["Allendale"]
    assert m.place.country_code == "US" and m.place.admin1 == "New Jersey"


def test_he_was_born_in_paris_texas(parser):
    m = raw(parser, "He was born in Paris, Texas, and studied in Austin.")["Paris"]
    assert m.place.country_code == "US" and m.place.admin1 == "Texas"


def test_the_cathedral_city_of_salisbury_is_not_harare(parser):
    m = at_spans(parser, "The cathedral city of Salisbury is in Wiltshire.", "Salisbury")
    assert m["Salisbury"].place.name != "Harare"


def test_jobs_left_california_or_washington_for_texas_are_states(parser):
    text = "Tech jobs left California or Washington for cheaper Texas."
    found = at_spans(parser, text, "California", "Washington", "Texas")
    assert found["California"].place.kind == Kind.ADMIN1
    assert found["Texas"].place.kind == Kind.ADMIN1


def test_police_in_england_and_wales_is_two_nations(parser):
    found = at_spans(parser, "Police numbers in England and Wales fell again.", "England", "Wales")
    assert found["England"].place.kind == Kind.ADMIN1
    assert found["Wales"].place.kind == Kind.ADMIN1


def _cand(pid, cc):
    return Candidate(pid, f"t:{pid}", "Springfield", Kind.POPULATED_PLACE, 0.0, 0.0, cc, None,
                     1000, "PPL", (), False, "Springfield", True)


def test_many_american_springfields_are_one_vote_for_the_united_states():
    # Four namesakes in one country and one in another: an ambiguous name is
    # evidence for each country it may be in, once.
    ranked = [(_cand(i, "US"), 1.0) for i in range(4)] + [(_cand(9, "GB"), 1.0)]
    slot = _Slot(0, 11, "Springfield", ranked)
    profile = Geoparser._country_profile("Springfield", [slot], tokens=[])
    assert profile["US"] == profile["GB"]


def test_every_allendale_takes_the_referent_of_the_best_evidenced_one():
    from geostrikes.geocode.geoparser import _one_sense_per_name, _same_name_indices

    nj, sc = _cand(1, "US"), _cand(2, "US")
    first = _Slot(0, 9, "Allendale", [(sc, 1.2), (nj, 1.1)], choice=nj, score=4.5)
    later = _Slot(50, 59, "Allendale", [(sc, 1.2), (nj, 1.1)], choice=sc, score=2.5)
    hinted = _Slot(80, 89, "Allendale", [(sc, 1.2), (nj, 1.1)], hint=Kind.POPULATED_PLACE,
                   choice=sc, score=3.0)
    slots = [first, later, hinted]
    _one_sense_per_name(slots, _same_name_indices(slots))
    assert later.choice is nj and hinted.choice is sc


def test_a_later_bare_allendale_is_the_one_the_dateline_named(parser):
    text = ("ALLENDALE, N.J. -- Volunteers painted the library. Allendale residents "
            "brought food, and the Allendale mayor thanked them.")
    found = parser.parse(Article("t", text, spans=tuple(
        (i, i + 9) for i in (text.index("ALLENDALE"), text.index("Allendale residents"),
                             text.index("Allendale mayor"))) + (
        (text.index("N.J."), text.index("N.J.") + 4),)))
    towns = [m for m in found if m.text.lower() == "allendale"]
    assert len(towns) == 3 and {m.place.admin1 for m in towns} == {"New Jersey"}


def test_tips_from_a_bakery_in_tacoma_washington_name_the_state(parser):
    found = at_spans(parser, "A bakery in Tacoma, Washington shared its cookie tips.",
                     "Tacoma", "Washington")
    assert found["Washington"].place.kind == Kind.ADMIN1
    assert found["Tacoma"].place.admin1 == "Washington"


def test_khost_province_does_not_make_every_khost_the_province(parser):
    text = "Jets struck Khost province. Later, shops reopened in Khost city centre."
    found = parser.parse(Article("t", text))
    first = [m for m in found if m.start < text.index("Later")]
    later = [m for m in found if m.start > text.index("Later")]
    assert first and first[0].place.kind == Kind.ADMIN1
    assert later and later[0].place.kind == Kind.POPULATED_PLACE


def test_a_mississippi_team_that_beat_louisville_played_the_kentucky_city(parser):
    text = "The team from Mississippi beat Louisville in overtime."
    m = at_spans(parser, text, "Mississippi", "Louisville")["Louisville"]
    assert m.place.admin1 == "Kentucky"


def test_crowds_at_the_convention_centre_are_not_in_cameroon(parser):
    m = at_spans(parser, "Crowds queued at the Convention Centre.", "Convention Centre")
    assert m["Convention Centre"].place is None


def test_a_shop_on_atlantic_avenue_is_not_in_the_ocean(parser):
    m = at_spans(parser, "The shop on Atlantic Avenue reopened.", "Atlantic Avenue")
    assert m["Atlantic Avenue"].place is None


def test_a_ruling_of_the_delhi_high_court_is_in_delhi(parser):
    m = at_spans(parser, "The Delhi High Court ruled on Friday.", "Delhi High Court")
    assert m["Delhi High Court"].place.country_code == "IN"


def test_a_bar_on_an_unknown_street_of_a_new_orleans_story_is_near_new_orleans(parser):
    text = ("New Orleans police closed a bar on Quiet Pelican Lane. Later the New Orleans "
            "council met.")
    spans = ((0, 11), (text.index("Quiet"), text.index("Lane") + 4),
             (text.index("New Orleans council"), text.index("New Orleans council") + 11))
    found = {m.text: m for m in parser.parse(Article("t", text, spans=spans))}
    street = found["Quiet Pelican Lane"]
    assert street.place is None and street.role == "focus" and street.radius_km
    assert km(street.latitude, street.longitude, 29.95, -90.07) < 50


def test_an_unknown_place_is_left_unresolved_without_recognition(parser):
    text = "Police closed a bar on Quiet Pelican Lane."
    found = {m.text: m for m in parser.parse(Article("t", text))}
    assert "Quiet Pelican Lane" not in found


def test_after_chief_of_staff_john_kelly_a_bare_kelly_is_the_man(parser):
    text = ("Officials said aide John Kelly met reporters in Texas. "
            "Kelly told them the plan was final.")
    assert "Kelly" not in raw(parser, text)


def test_though_london_at_a_sentence_start_is_no_given_name_and_surname(parser):
    text = "Prices rose again. Though London saw smaller rises, London buyers waited."
    assert raw(parser, text)["London"].place.country_code == "GB"


def test_a_convoy_that_left_georgia_for_dayton_ohio_left_the_us_state(parser):
    text = "Officials in Dayton said the convoy that left Georgia on Friday reached Ohio."
    m = at_spans(parser, text, "Dayton", "Georgia", "Ohio")["Georgia"]
    assert m.place.kind == Kind.ADMIN1 and m.place.country_code == "US"


def test_georgia_with_tbilisi_in_the_story_stays_the_country(parser):
    text = "Officials in Tbilisi said the convoy that left Georgia on Friday reached Turkey."
    m = at_spans(parser, text, "Tbilisi", "Georgia", "Turkey")["Georgia"]
    assert m.place.kind == Kind.COUNTRY


def test_us_aircraft_struck_camps_northeast_of_palmyra_is_syrias_palmyra(parser):
    text = ("U.S. officials said U.S. aircraft struck camps near Sarmada in Idlib. U.S. forces "
            "and U.S. warplanes also hit camps about 40 km northeast of Palmyra.")
    m = raw(parser, text)
    assert m["Palmyra"].place.country_code == "SY"


def test_tensions_across_the_middle_east_are_not_in_baltimore(parser):
    text = "Turkish drones struck Qamishli, raising tensions across the Middle East."
    m = raw(parser, text)
    assert "Middle East" not in m or m["Middle East"].place.country_code != "US"


def test_envoys_of_the_democratic_peoples_republic_of_korea_are_from_the_north(parser):
    text = "Envoys of the Democratic People's Republic of Korea met in Beijing."
    m = at_spans(parser, text, "Democratic People's Republic of Korea")
    assert m["Democratic People's Republic of Korea"].place.country_code == "KP"


def test_shelling_in_eastern_ghouta_is_outside_damascus(parser):
    text = "Shelling in Eastern Ghouta killed nine people, rescuers in Douma said."
    m = raw(parser, text)["Eastern Ghouta"]
    assert m.place.country_code == "SY" and km(m.latitude, m.longitude, 33.51, 36.29) < 40


def test_reporters_waited_outside_the_white_house_in_washington(parser):
    text = "Reporters waited outside the White House as the senators left."
    m = at_spans(parser, text, "White House")["White House"]
    assert km(m.latitude, m.longitude, 38.9, -77.04) < 5


def test_a_farm_near_dubbo_nsw_is_in_new_south_wales(parser):
    text = "Floods cut off a farm near Dubbo, NSW, on Tuesday."
    m = at_spans(parser, text, "Dubbo", "NSW")
    assert m["NSW"].place.name == "New South Wales"
    assert m["Dubbo"].place.country_code == "AU"


def test_wa_in_a_perth_story_is_western_australia(parser):
    text = "Miners in Perth said WA exports rose while Queensland lagged."
    m = at_spans(parser, text, "Perth", "WA", "Queensland")["WA"]
    assert m.place.name == "Western Australia"


def test_a_plant_in_barrie_ont_is_in_ontario(parser):
    m = at_spans(parser, "The plant in Barrie, Ont., hired 40 people.", "Barrie", "Ont.")
    assert m["Ont."].place.name == "Ontario" and m["Barrie"].place.country_code == "CA"


def test_sa_in_a_johannesburg_story_is_south_africa(parser):
    text = "Platinum output in Johannesburg fell as SA mines closed near Pretoria."
    m = at_spans(parser, text, "Johannesburg", "SA", "Pretoria")["SA"]
    assert m.place.country_code == "ZA"


def test_a_choir_from_rome_italy_does_not_move_the_georgia_dateline(parser):
    text = ("ROME — Floyd County commissioners approved a visit by a choir from Rome, Italy. "
            "Singers from Cartersville, Dalton and Calhoun will join them before Rome and "
            "Bartow County share the cost.")
    spans = [(0, 4)] + [(text.index(s), text.index(s) + len(s))
                        for s in ("Floyd County", "Italy", "Cartersville", "Dalton", "Calhoun",
                                  "Bartow County")]
    spans += [(text.index("Rome, Italy"), text.index("Rome, Italy") + 4),
              (text.rindex("Rome"), text.rindex("Rome") + 4)]
    found = parser.parse(Article("t", text, spans=tuple(sorted(spans))))
    romes = [m for m in found if m.text.lower() == "rome"]
    assert [m.place.country_code for m in romes] == ["US", "IT", "US"]
    assert romes[0].place.admin1 == "Georgia"


def test_after_a_dateline_in_wash_the_unit_came_home_to_the_state_of_washington(parser):
    text = "OLYMPIA, Wash. — The unit spent the winter at home in Washington."
    found = at_spans(parser, text, "OLYMPIA", "Wash.", "Washington")
    assert found["Washington"].place.kind == Kind.ADMIN1


def test_a_reporter_for_the_washington_post_writes_from_the_city(parser):
    text = "Officials in Seattle told The Washington Post that Spokane would wait."
    found = at_spans(parser, text, "Seattle", "Washington", "Spokane")
    assert found["Washington"].place.kind == Kind.POPULATED_PLACE


def test_berlin_plows_ran_all_night_in_northern_new_hampshire(parser):
    text = ("BERLIN — Snow closed roads across northern New Hampshire, and schools in "
            "Gorham and Lancaster opened late. Berlin plows ran all night.")
    spans = [(0, 6)] + [(text.index(s), text.index(s) + len(s))
                        for s in ("New Hampshire", "Gorham", "Lancaster")]
    spans.append((text.rindex("Berlin"), text.rindex("Berlin") + 6))
    found = parser.parse(Article("t", text, spans=tuple(sorted(spans))))
    berlins = [m for m in found if m.text.lower() == "berlin"]
    assert [m.place.admin1 for m in berlins] == ["New Hampshire", "New Hampshire"]


def test_an_unnamed_man_in_florida_won_the_jackpot_in_the_state(parser):
    text = "An unnamed man in Florida won the jackpot, officials in Tallahassee said."
    found = at_spans(parser, text, "Florida", "Tallahassee")
    assert found["Florida"].place.kind == Kind.ADMIN1


def test_a_name_whose_every_reading_is_american_is_a_full_vote_for_the_united_states():
    gorham = _Slot(0, 6, "Gorham", [(_cand(i, "US"), 1.0) for i in range(3)])
    berlin = _Slot(10, 16, "Berlin", [(_cand(7, "DE"), 3.0), (_cand(8, "US"), 1.0)])
    profile = Geoparser._country_profile("Gorham or Berlin", [gorham, berlin], tokens=[])
    assert profile["US"] == profile["DE"] == 1.0


def test_lebanons_prime_minister_met_officials_in_washington_and_riyadh(parser):
    text = ("Lebanon's prime minister met officials in Washington, Riyadh and New York, "
            "US diplomats said.")
    found = at_spans(parser, text, "Lebanon", "Washington", "Riyadh", "New York", "US")
    assert found["Lebanon"].place.kind == Kind.COUNTRY


def test_an_artist_based_in_london_shown_in_los_angeles_lives_in_england(parser):
    text = ("The mural by an artist based in London was shown in Los Angeles and San Diego, "
            "California.")
    found = at_spans(parser, text, "London", "Los Angeles", "San Diego", "California")
    assert found["London"].place.country_code == "GB"


def test_turkish_drones_hit_a_plant_in_qamishli_near_the_iraqi_border(parser):
    text = ("Turkey said its drones flew from Turkey again. Turkish officials in Ankara and "
            "Gaziantep said drones hit a grain store in Qamishli near the Iraqi border.")
    borders = [m for m in raw(parser, text).values() if m.role == "border"]
    assert [m.place.name for m in borders] == ["Iraq–Syria border"]


def test_iranian_jets_bombed_targets_in_iraq_is_the_country_not_arak(parser):
    text = ("Iranian jets bombed targets in Iraq, officials said; Tehran denied that Iran "
            "had sent jets over Iraq.")
    iraqs = [m for m in parser.parse(Article("t", text)) if m.text == "Iraq"]
    assert iraqs and all(m.place.kind == Kind.COUNTRY for m in iraqs)


def test_the_ohio_river_crept_toward_the_floodwall_in_cairo_illinois(parser):
    text = ("CAIRO, Ill. — The Ohio River crept toward the floodwall in Cairo on Sunday, "
            "and Cairo officials closed the gates.")
    m = at_spans(parser, text, "CAIRO", "Ill.", "Ohio River")["Ohio River"]
    assert m.role == "focus" and km(m.latitude, m.longitude, 37.0, -89.18) < 30


def test_a_car_struck_a_pole_in_the_cool_springs_area_of_franklin_tennessee(parser):
    text = "A car struck a pole in the Cool Springs area of Franklin, Tennessee."
    m = at_spans(parser, text, "Cool Springs", "Franklin", "Tennessee")["Cool Springs"]
    assert km(m.latitude, m.longitude, 35.93, -86.87) < 50


def test_fires_forced_evacuations_in_mill_city_east_of_salem_oregon(parser):
    text = "Fires forced evacuations in Mill City and Stayton, east of Salem, Oregon."
    m = at_spans(parser, text, "Mill City", "Stayton", "Salem", "Oregon")["Mill City"]
    assert m.place.admin1 == "Oregon"


def test_she_moved_to_lebanon_county_and_taught_in_lebanon_pennsylvania(parser):
    text = ("She grew up in Lancaster, moved to Lebanon County in 1970 and taught in "
            "Lebanon for 30 years, her family in Hershey said.")
    found = at_spans(parser, text, "Lancaster", "Lebanon County", "Lebanon", "Hershey")
    assert found["Lebanon"].place.kind == Kind.POPULATED_PLACE
    assert found["Lebanon"].place.admin1 == "Pennsylvania"


def test_talks_on_peace_on_the_korean_peninsula_are_between_the_koreas(parser):
    text = "Envoys from Beijing urged talks on peace on the Korean Peninsula."
    m = at_spans(parser, text, "Beijing", "Korean Peninsula")["Korean Peninsula"]
    assert m.place.kind == Kind.REGION and km(m.latitude, m.longitude, 38.5, 127.3) < 100


def test_soldiers_will_rotate_through_poland_and_the_baltic_states(parser):
    text = "The soldiers will rotate through Poland and the Baltic states until June."
    m = at_spans(parser, text, "Poland", "Baltic states")["Baltic states"]
    assert m.place.kind == Kind.REGION and km(m.latitude, m.longitude, 57.0, 24.5) < 150


def test_a_deployment_to_support_forces_in_the_middle_east_is_in_the_region(parser):
    text = "The Ohio unit will support U.S. forces in the Middle East for nine months."
    m = at_spans(parser, text, "Ohio", "Middle East")["Middle East"]
    assert m.place.kind == Kind.REGION and 20 < m.latitude < 38 and 30 < m.longitude < 55


def test_a_jordan_dateline_over_a_school_board_story_is_the_minnesota_town(parser):
    text = ("JORDAN — The school board voted Monday to hire a bus firm from Shakopee and "
            "New Prague. A teacher who had worked in Amman and Irbid spoke.")
    spans = [(0, 6)] + [(text.index(s), text.index(s) + len(s))
                        for s in ("Shakopee", "New Prague", "Amman", "Irbid")]
    found = parser.parse(Article("t", text, spans=tuple(sorted(spans))))
    assert found[0].place.kind == Kind.POPULATED_PLACE and found[0].place.admin1 == "Minnesota"


def test_the_envoy_said_t_and_t_would_back_the_plan(parser):
    text = "The envoy in Port of Spain said T&T would back the plan."
    m = at_spans(parser, text, "Port of Spain", "T&T")["T&T"]
    assert m.place.country_code == "TT" and m.place.kind == Kind.COUNTRY


def test_kurdish_fighters_are_at_no_airport(parser):
    text = "Kurdish fighters held the road north of Erbil."
    m = at_spans(parser, text, "Kurdish", "Erbil")["Kurdish"]
    assert m.place is None or m.place.kind not in (Kind.AIRPORT, Kind.BASE)


def test_aid_agencies_warned_of_hunger_across_west_africa(parser):
    text = "Aid agencies warned of hunger across West Africa and the Sahel."
    m = at_spans(parser, text, "West Africa")["West Africa"]
    assert m.place.kind == Kind.REGION and 5 < m.latitude < 20 and -15 < m.longitude < 10


def test_the_band_played_cleveland_oh_and_erie_pa(parser):
    text = "The band played Cleveland, OH, and Erie, PA, last week."
    found = at_spans(parser, text, "Cleveland", "OH", "Erie", "PA")
    assert found["OH"].place.name == "Ohio" and found["PA"].place.name == "Pennsylvania"
    assert found["Erie"].place.admin1 == "Pennsylvania"


def test_the_montgomery_county_history_center_in_red_oak_iowa_is_no_alabama_anchor(parser):
    text = ("The Montgomery County Democrats met at the Montgomery County History Center in "
            "Red Oak, Iowa, and then drove to Clarinda.")
    found = at_spans(parser, text, "Montgomery County", "Montgomery County History Center",
                     "Red Oak", "Iowa", "Clarinda")
    assert found["Montgomery County"].place.admin1 == "Iowa"


def test_trains_stop_at_old_town_manassas_in_virginia(parser):
    text = "Trains stop at Old Town Manassas, a short drive from Gainesville, Virginia."
    found = at_spans(parser, text, "Old Town Manassas", "Gainesville", "Virginia")
    m = found["Old Town Manassas"]
    assert km(m.latitude, m.longitude, 38.75, -77.47) < 30


def test_a_drone_strike_in_south_waziristan_hit_near_wana(parser):
    m = raw(parser, "A drone strike in South Waziristan killed three men, officials said.")
    place = m["South Waziristan"].place
    assert place.country_code == "PK" and km(place.latitude, place.longitude, 32.3, 69.6) < 60
