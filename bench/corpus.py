"""A synthetic news corpus for throughput benchmarks, reproducible from a seed.

Real strike reporting cannot be redistributed in bulk, and a benchmark over
five seed articles measures start-up, not throughput. This module writes as
many news-length articles (3-6 KB) as a benchmark wants, with the shape of
real reporting:

- about 40% report strikes, in the regions where most are reported (Middle
  East, Ukraine and Russia, the Sahel, Somalia, Afghanistan and Pakistan):
  an actor, a weapon, a place and its province, casualties, a claim or a
  denial, then background paragraphs that name more places;
- about 60% are other news (politics, economy, sport, weather, and local news
  from the United States, Britain and India) that names just as many
  places, and now and then uses strike words in another sense ("workers went
  on strike", "the film bombed").

Most sentences name no place at all, as in real reporting; the rest give
about 6 place names per KB as geotext counts them, like the five seed
strike reports (5-9 per KB) and denser than GeoWebNews' general news (2.3).
Resolution cost grows faster than linearly with that density, so keep it
near what real reporting has.

Sentences come from templates and small word lists written here. Place names
are not: they are read from the bundled gazetteer when the corpus is made
(the most populous towns of each country, its provinces and air bases), so
the corpus follows whatever the gazetteer holds. Accents are dropped from
most mentions ("Herat" for "Herāt"), as English-language outlets do.

Every article depends only on the seed and its index, so ``generate(n)`` is
a prefix of ``generate(n + 1)``.

    python bench/corpus.py 10000 -o corpus.jsonl --seed 0
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["generate", "STRIKE_SHARE"]

#: Share of articles that report a strike.
STRIKE_SHARE = 0.4
# Share of other news with one strike word in another sense ("the film bombed"):
# rare in real news, and each one sends an article down the extractor's slow path.
_DISTRACTOR_SHARE = 0.1
_MIN_BYTES, _MAX_BYTES = 3000, 6000
_FIRST_DAY = dt.date(2014, 1, 1)
_DAYS = (dt.date(2024, 12, 31) - _FIRST_DAY).days

# -- where ---------------------------------------------------------------------------------

_REGIONS = {
    "middle_east": ("IQ", "SY", "IR", "IL", "PS", "LB", "YE", "SA", "JO"),
    "ukraine_russia": ("UA", "RU"),
    "sahel": ("ML", "BF", "NE", "TD", "NG"),
    "somalia": ("SO", "KE"),
    "afpak": ("AF", "PK"),
}
_REGION_WEIGHTS = {"middle_east": 40, "ukraine_russia": 25, "sahel": 12, "somalia": 10,
                   "afpak": 13}
_LOCAL = ("US", "GB", "IN")
_TOWNS_PER_COUNTRY = 60

# -- who and with what (small hand-written lists) --------------------------------------------

# Who strikes, per region: (noun phrase, whose forces deny or claim).
_ATTACKERS = {
    "middle_east": [
        "Israeli jets", "the Israeli military", "Israeli drones", "US forces",
        "US Central Command", "American warplanes", "the US-led coalition",
        "the Saudi-led coalition", "Iranian-backed militias", "the Houthis",
        "Hezbollah", "Turkish drones", "Russian warplanes", "Syrian government aircraft",
        "the Islamic Revolutionary Guard Corps", "Iran", "Jordanian jets",
    ],
    "ukraine_russia": [
        "Russian forces", "Russian warplanes", "Russia", "the Russian military",
        "Ukrainian drones", "Ukraine's armed forces", "Russian bombers",
        "Ukrainian forces", "the Russian Aerospace Forces",
    ],
    "sahel": [
        "the Malian army", "Malian military aircraft", "Burkinabe army drones",
        "the Nigerien air force", "the Nigerian Air Force", "Chadian jets",
        "French forces", "Turkish-made drones operated by the army",
    ],
    "somalia": [
        "US Africa Command", "AFRICOM", "American drones", "the Somali National Army",
        "Kenyan Defence Forces jets", "the US military", "Ethiopian aircraft",
    ],
    "afpak": [
        "Pakistani jets", "the Pakistani military", "US drones", "the CIA",
        "Afghan Air Force helicopters", "Pakistan", "the Taliban's forces",
    ],
}
# Who is struck, per region.
_TARGETS = {
    "middle_east": ["Hezbollah", "Hamas", "Islamic State", "the Houthis", "Kataib Hezbollah",
                    "al-Qaeda", "Islamic Jihad", "Iran-backed militias", "the Kurdish YPG"],
    "ukraine_russia": ["Ukrainian troops", "Russian troops", "energy infrastructure",
                       "an air defence unit", "a Wagner group base"],
    "sahel": ["JNIM", "Islamic State in the Sahel", "Boko Haram", "ISWAP", "jihadist fighters",
              "armed bandits"],
    "somalia": ["al-Shabaab", "Islamic State in Somalia", "al-Shabaab militants"],
    "afpak": ["the Pakistani Taliban", "the TTP", "Islamic State Khorasan", "al-Qaeda",
              "the Haqqani network", "Baloch separatists"],
}
_WEAPONS = {
    "middle_east": ["a drone", "a guided missile", "F-16 jets", "F-35 fighter jets",
                    "an MQ-9 Reaper drone", "ballistic missiles", "rockets", "cruise missiles",
                    "one-way attack drones", "helicopter gunships"],
    "ukraine_russia": ["Shahed drones", "Kalibr cruise missiles", "Iskander ballistic missiles",
                       "glide bombs", "Su-34 jets", "Kh-101 missiles", "long-range drones",
                       "naval drones", "S-300 missiles"],
    "sahel": ["Bayraktar TB2 drones", "a helicopter gunship", "a drone", "L-39 jets",
              "Su-25 ground-attack jets"],
    "somalia": ["an MQ-9 Reaper drone", "a drone", "precision munitions", "helicopters"],
    "afpak": ["drones", "jets", "helicopter gunships", "a Predator drone", "JF-17 jets"],
}
_STRUCK_SITES = [
    "a weapons depot", "a residential building", "a market", "a command centre",
    "an ammunition store", "a training camp", "a convoy", "a fuel depot", "a power station",
    "a bridge", "a checkpoint", "a farmhouse", "a hospital", "a school used as a shelter",
    "a car", "a motorcycle", "a radar site", "an airfield", "a port", "a warehouse",
    "militant hideouts", "a gathering of fighters", "a rail junction", "an oil refinery",
]
_SOURCES = [
    "local officials", "a security source", "the health ministry", "witnesses",
    "the provincial governor", "a spokesman for the military", "residents",
    "a monitoring group", "hospital staff", "a police official", "the civil defence",
    "state media", "a local journalist", "an aid worker",
]
_SPEAKERS = [
    "Defence Minister", "Interior Minister", "Foreign Minister", "President", "Prime Minister",
    "spokesman", "army spokesman", "governor", "mayor", "police chief", "analyst",
]
_ROLES = ["prime minister", "opposition leader", "finance minister", "party chairman",
          "president", "speaker of parliament", "governor"]
_PEOPLE = [
    "Ahmed Hassan", "Olena Kovalenko", "Mohammed al-Saadi", "Amadou Traore", "Abdi Farah",
    "Gul Khan", "John Miller", "Sarah Thompson", "Priya Sharma", "David Cohen",
    "Fatima Zahra", "Ivan Petrov", "Moussa Diallo", "Hamid Karimi", "Emily Clarke",
    "Rajesh Kumar", "Maria Lopez", "Yusuf Ali", "James Wright", "Anna Schmidt",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DIRECTIONS = ["north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest"]
_PARTIES = ["the ruling party", "the opposition", "the governing coalition", "the centre-left",
            "the conservatives", "independent candidates", "the main opposition bloc"]
_COMPANIES = ["Global Foods", "Northstar Energy", "Atlas Logistics", "Crescent Bank",
              "Meridian Steel", "Orion Telecom", "Harbor Motors", "Sterling Pharma",
              "Pioneer Textiles", "Summit Airways"]
_SPORTS_TEAMS = ["United", "City", "Rovers", "FC", "Athletic", "Wanderers", "Stars", "Kings"]
_WEATHER = ["heavy rain", "a heatwave", "snow", "strong winds", "flash floods", "fog",
            "thunderstorms", "a dust storm", "freezing temperatures", "a cyclone"]

# -- templates ---------------------------------------------------------------------------------
# {city} is the article's main place, fixed for the article; {town}, {town2} are
# fresh towns of the same country each sentence; {wcity} a big city anywhere.

_STRIKE_TITLES = [
    "{Attacker} strike {site} in {city}, {n} killed",
    "Air strikes hit {city} as fighting spreads in {province}",
    "Drone attack on {city} kills {n}, officials say",
    "{Country} says {target} targeted in strikes near {city}",
    "Missile strike on {city} leaves {n} dead",
    "Overnight raids pound {province} province",
    "Explosions rock {city} after reported air strike",
    "{Country} denies carrying out strike near {city}",
]
_LEADS = [
    "{Attacker} struck {site} in {city}, {country}, on {day}, killing at least {n} people, "
    "{source} said.",
    "An air strike hit {site} near {city} in {province} province late on {day}, according to "
    "{source}.",
    "{Attacker} carried out {n} air strikes against {target} positions around {city} "
    "overnight, {source} said on {day}.",
    "A drone strike on {site} on the outskirts of {city} killed {n} people and wounded {n2} "
    "others on {day}, {source} told reporters.",
    "{Attacker} used {weapon} to hit {site} about {km} kilometres {dir} of {city} early on "
    "{day}.",
    "At least {n} people were killed when {weapon} struck {site} in the {province} region on "
    "{day}, {source} said.",
    "Warplanes bombed {target} hideouts in {province} province on {day}, {source} said, "
    "days after an attack on {town}.",
    "{Attacker} launched a wave of {weapon} at {city} and {town} overnight into {day}, "
    "damaging {site}.",
]
_STRIKE_MORE = [
    "A second strike hit {site} in {town} about an hour later.",
    "The strikes targeted {target} commanders meeting in a house near {city}, {source} said.",
    "Residents of {town} said they heard at least {n} loud explosions before dawn.",
    "Footage shared online showed smoke rising over {site} on the edge of {city}.",
    "{Attacker} said in a statement that it had targeted {target} in {town} and {town2}.",
    "The attack came a day after {weapon} hit {site} in {town}, {km} km {dir} of {city}.",
    "{Source} said {n} of the dead were civilians, including {n3} children.",
    "Rescue teams were still searching the rubble of {site} in {city} on {day} evening.",
    "The {province} provincial council said the bombardment had destroyed {site}.",
    "Air defences shot down {n} of the drones launched towards {city}, officials said.",
    "The raid was the {nth} on {province} province this month, {source} said.",
    "{Target} fighters had moved into {town} from {town2} last week, residents said.",
    "A strike on {site} in {town} killed {n} members of one family, {source} said.",
    "Witnesses in {town} said jets circled over the area for more than an hour.",
    "Missiles also struck {site} in {town2}, near the border with {country2}.",
    "The wounded were taken to hospitals in {city} and {town}, {source} said.",
]
_CLAIMS = [
    "\"We struck {target} targets that posed an imminent threat,\" {speaker} {person} said.",
    "{Country} denied any involvement in the strike on {city}.",
    "{Target} blamed {attacker} for the attack and vowed to respond.",
    "No group immediately claimed responsibility for the strike near {city}.",
    "{Attacker} claimed responsibility in a statement posted online.",
    "\"This was a deliberate attack on civilians,\" said {person}, the {speaker} of {city}.",
    "The ministry in {capital} said it was investigating reports of civilian casualties.",
    "Officials in {capital} accused {attacker} of violating a ceasefire agreed in {wcity}.",
    "A spokesman for {attacker} declined to comment on the strike in {town}.",
    "{Country2} condemned the strikes and called for restraint on all sides.",
]
_BACKGROUND = [
    "The conflict has displaced more than {big} people from {province} province since {year}.",
    "{city} has been a stronghold of {target} since {year}.",
    "Talks between the warring parties broke down in {wcity} earlier this year.",
    "Aid agencies say the road from {city} to {town} has been cut for weeks.",
    "{Country}'s government has asked {country2} for more air defence systems.",
    "Diplomats in {wcity} and {wcity2} have pressed for a ceasefire.",
    "The United Nations says at least {big} civilians have been killed in {country} since {year}.",
    "{Person}, an analyst based in {wcity}, said the strikes showed a shift in tactics.",
    "Prices of bread and fuel in {city} have tripled since the fighting began.",
    "Schools in {town} and {town2} have been closed since the last round of attacks.",
    "Thousands of families fled {town} towards {city} in the past month.",
    "The region around {city} lies on a key supply route between {town} and {town2}.",
    "Foreign ministers are due to meet in {wcity} next week to discuss the crisis.",
    "The army said it had retaken {town} after heavy fighting in {province}.",
]
_POLITICS = [
    "Voters in {city} go to the polls on {day} in a tightly contested election.",
    "{Person}, the {role}, visited {city} and {town} to campaign for {party}.",
    "The parliament in {capital} approved the budget by {n2} votes to {n}.",
    "Protesters gathered in central {city} to demand the resignation of the {role}.",
    "{Party} won {n} of the seats in {province}, according to preliminary results.",
    "The foreign minister flew to {wcity} for talks with counterparts from {country2}.",
    "Leaders meeting in {wcity} agreed to expand trade links with {country}.",
    "Opinion polls show {party} ahead in {city} but trailing in {town}.",
    "The mayor of {city} announced a new transport plan linking it with {town}.",
    "A court in {capital} postponed the trial of {person} until next month.",
    "Delegates from {country} and {country2} signed a border agreement in {wcity}.",
    "The governor of {province} said the new law would take effect in {year}.",
]
_ECONOMY = [
    "Shares in {company} rose {pct} percent after it opened a new plant near {city}.",
    "The central bank in {capital} held interest rates at {pct} percent on {day}.",
    "{Company} said it would create {big} jobs in {town} over the next {n} years.",
    "Exports from the port of {city} fell {pct} percent in the last quarter.",
    "Inflation in {country} slowed to {pct} percent, the statistics office said.",
    "A new railway between {city} and {town} is expected to open in {year}.",
    "{Company} moved its headquarters from {wcity} to {city} last year.",
    "Farmers in {province} reported a record harvest despite dry weather.",
    "Investors in {wcity} and {wcity2} reacted cautiously to the figures.",
    "Workers at a factory in {town} went on strike over pay on {day}.",
    "The new airport terminal in {city} will handle {big} passengers a year.",
    "Property prices in {city} have risen faster than anywhere else in {country}.",
]
_SPORT = [
    "{city} {team} beat {town} {team2} {g}-{g2} at home on {day}.",
    "The striker scored twice as {city} came from behind against {town}.",
    "Fans travelled from {town} to {wcity} for the final.",
    "The club's new stadium in {city} will seat {big} spectators.",
    "{Person} won the marathon in {city} in a course record.",
    "The team's attack looked sharper after the coach was fired last month.",
    "{Country} will host the next championship in {city} and {town}.",
    "The match in {town} was postponed because of {weather}.",
    "{city} {team} are top of the table after {n2} games.",
    "The visitors from {town} hit the post twice in the first half.",
    "{Person} signed for {city} {team} from a club in {wcity}.",
]
_WEATHER_LINES = [
    "Forecasters warned of {weather} across {province} on {day}.",
    "Temperatures in {city} reached {temp} degrees Celsius, a record for the month.",
    "Flights from {city} to {wcity} were cancelled because of {weather}.",
    "Roads between {town} and {town2} were closed after {weather}.",
    "Residents of {town} were told to stay indoors as {weather} hit the area.",
    "The meteorological office in {capital} expects {weather} to move towards {city}.",
    "Farmers near {town} said the season had been the driest since {year}.",
    "Emergency services in {city} rescued {n} people stranded by floodwater.",
    "A storm that hit {wcity} on {day} is forecast to reach {city} by the weekend.",
]
# Sentences of any story that name no place: most of real reporting.
_GENERIC = [
    "Officials did not say when the work would be finished.",
    "The figures could not be independently verified.",
    "{Person} said the decision had been taken after weeks of discussion.",
    "\"We have been waiting for this for a long time,\" said {person}, a local resident.",
    "The statement gave no further details.",
    "Critics say the plan does not go far enough.",
    "It was not immediately clear how many people were affected.",
    "A spokesperson said more information would be released in the coming days.",
    "The announcement was welcomed by business groups but criticised by unions.",
    "{Person}, who has followed the issue for years, called it a turning point.",
    "Several people were taken to hospital, according to emergency services.",
    "The ministry said it was reviewing the matter.",
    "Reporters were not allowed to visit the area.",
    "{n} people were detained and later released, police said.",
    "The report is due to be published before the end of the year.",
    "Numbers have fallen steadily over the past decade.",
    "Opposition lawmakers called for an independent inquiry.",
    "Local media reported that the meeting lasted more than three hours.",
    "\"It is too early to say what this means for ordinary people,\" {person} said.",
    "The government has promised to publish a full account once the review is complete.",
    "Some residents said they had received no warning.",
    "The move follows months of pressure from campaigners and lawmakers.",
    "Analysts said the decision was largely expected.",
    "Officials declined to give a timeline.",
    "The agency said it had opened an investigation and would cooperate fully.",
    "Many families say they can no longer afford basic goods.",
    "The proposal still needs the approval of the upper house.",
    "A spokesman declined to comment, citing the ongoing investigation.",
    "The committee is expected to deliver its findings early next year.",
    "Earlier this week, officials acknowledged that mistakes had been made.",
    "The announcement came after a meeting that ran late into the night.",
    "{Person} told reporters that talks would continue next week.",
    "Supporters say the change is long overdue; opponents call it rushed.",
    "The number of complaints has doubled since last year, according to official data.",
    "Several witnesses described a chaotic scene.",
    "The details of the agreement have not been made public.",
    "Volunteers have been handing out food and blankets.",
    "Officials said the situation was under control by the evening.",
    "There was no immediate response to a request for comment.",
    "Independent observers have called for greater transparency.",
    "The new rules apply from the start of next month.",
    "{Person} said the latest figures were encouraging but fragile.",
]
_DISTRACTORS = [
    "The film bombed at the box office in {city}, critics said.",
    "A delivery drone company began tests over {town} on {day}.",
    "Teachers in {province} threatened to strike over pay.",
    "The festival ended with a fireworks display over {city}.",
    "The new smartphone was a hit with shoppers in {wcity}.",
]
_TOPICS = {"politics": _POLITICS, "economy": _ECONOMY, "sport": _SPORT,
           "weather": _WEATHER_LINES}
_OTHER_TITLES = {
    "politics": ["Election race tightens in {city}", "{Country} parliament passes budget",
                 "Talks in {wcity} end without deal", "Protests in {city} enter second week"],
    "economy": ["{Company} to expand in {city}", "{Country} inflation slows",
                "Port of {city} reports falling exports", "New rail link for {city}"],
    "sport": ["{city} {team} win derby against {town}", "Record crowd in {city}",
              "{Country} to host championship", "Late goal sinks {town}"],
    "weather": ["{Weather} hits {province}", "Record heat in {city}",
                "Flights cancelled as storms reach {city}", "Floods close roads near {town}"],
}


# -- places from the gazetteer ---------------------------------------------------------------

@dataclass(frozen=True)
class _Places:
    towns: dict[str, tuple[str, ...]]
    provinces: dict[str, tuple[str, ...]]
    bases: dict[str, tuple[str, ...]]
    countries: dict[str, str]
    capitals: dict[str, str]
    world: tuple[str, ...]


def _usable(name: str) -> bool:
    return bool(name) and not any(ch.isdigit() or ch in "()/," for ch in name)


@lru_cache(maxsize=1)
def _places() -> _Places:
    from geostrikes.geocode.gazetteer import Gazetteer

    db = Gazetteer()._db
    wanted = sorted({cc for ccs in _REGIONS.values() for cc in ccs} | set(_LOCAL))
    marks = ",".join("?" * len(wanted))
    towns: dict[str, list[str]] = {cc: [] for cc in wanted}
    capitals: dict[str, str] = {}
    rows = db.execute(
        "SELECT name, cc, feature_code FROM place WHERE kind = 'populated_place' "
        f"AND population > 10000 AND cc IN ({marks}) ORDER BY cc, population DESC, pid",
        wanted).fetchall()
    for name, cc, code in rows:
        if code == "PPLC" and cc not in capitals:
            capitals[cc] = name
        if _usable(name) and len(towns[cc]) < _TOWNS_PER_COUNTRY:
            towns[cc].append(name)
    provinces: dict[str, list[str]] = {cc: [] for cc in wanted}
    for name, cc in db.execute(
            f"SELECT name, cc FROM place WHERE kind = 'admin1' AND cc IN ({marks}) "
            "ORDER BY cc, pid", wanted):
        if _usable(name):
            provinces[cc].append(name)
    bases: dict[str, list[str]] = {cc: [] for cc in wanted}
    for name, cc in db.execute(
            f"SELECT name, cc FROM place WHERE kind = 'base' AND cc IN ({marks}) "
            "AND name LIKE '%Air Base' ORDER BY cc, pid", wanted):
        if _usable(name):
            bases[cc].append(name)
    countries = {cc: _with_article(name) for cc, name in db.execute(
        "SELECT cc, name FROM place WHERE kind = 'country' AND cc IS NOT NULL ORDER BY pid")}
    world = tuple(name for (name,) in db.execute(
        "SELECT name FROM place WHERE kind = 'populated_place' AND population > 1000000 "
        "ORDER BY population DESC, pid") if _usable(name))
    for cc in wanted:
        capitals.setdefault(cc, towns[cc][0] if towns[cc] else countries.get(cc, cc))
    return _Places(
        towns={cc: tuple(v) for cc, v in towns.items()},
        provinces={cc: tuple(v) or (countries.get(cc, cc),) for cc, v in provinces.items()},
        bases={cc: tuple(v) for cc, v in bases.items()},
        countries=countries, capitals=capitals, world=world,
    )


def _with_article(country: str) -> str:
    if country.startswith("United ") or country.endswith((" Territory", " Republic")):
        return "the " + country
    return country


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ʼ", "'")


# -- one article ---------------------------------------------------------------------------------

class _Fill(dict):
    """Template slots: article-level values preset, the rest drawn on first use."""

    def __init__(self, rng: random.Random, places: _Places, cc: str, region: str | None,
                 fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.rng, self.places, self.cc, self.region = rng, places, cc, region

    def _town(self) -> str:
        towns = self.places.towns[self.cc] or self.places.world
        taken = (self.get("city"), self.get("town"))
        for _ in range(4):
            # Big towns are named more often than small ones.
            name = towns[int(len(towns) * self.rng.random() ** 2)]
            name = _ascii(name) if self.rng.random() < 0.8 else name
            if name not in taken:
                break
        return name

    def __missing__(self, key: str) -> str:
        rng, places = self.rng, self.places
        lower = key[0].lower() + key[1:]
        if key != lower:
            value = self[lower]
            return value[0].upper() + value[1:]
        region = self.region or rng.choice(list(_REGIONS))
        if key in ("town", "town2"):
            value = self._town()
        elif key in ("wcity", "wcity2"):
            value = _ascii(rng.choice(places.world[:300]))
        elif key == "country2":
            others = [cc for cc in _REGIONS[region] + _LOCAL if cc != self.cc]
            value = places.countries.get(rng.choice(others), "the region")
        elif key == "attacker":
            value = rng.choice(_ATTACKERS[region])
        elif key == "target":
            value = rng.choice(_TARGETS[region])
        elif key == "weapon":
            value = rng.choice(_WEAPONS[region])
        elif key == "site":
            value = rng.choice(_STRUCK_SITES)
        elif key == "source":
            value = rng.choice(_SOURCES)
        elif key == "speaker":
            value = rng.choice(_SPEAKERS)
        elif key == "person":
            value = rng.choice(_PEOPLE)
        elif key == "party":
            value = rng.choice(_PARTIES)
        elif key == "company":
            value = rng.choice(_COMPANIES)
        elif key in ("team", "team2"):
            value = rng.choice(_SPORTS_TEAMS)
        elif key == "weather":
            value = rng.choice(_WEATHER)
        elif key == "province":
            value = _ascii(rng.choice(places.provinces[self.cc]))
        elif key == "day":
            value = rng.choice(_WEEKDAYS)
        elif key == "dir":
            value = rng.choice(_DIRECTIONS)
        elif key in ("g", "g2"):
            value = str(rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4)))
        elif key == "role":
            value = rng.choice(_ROLES)
        elif key == "n3":
            value = str(rng.choice((1, 2, 3, 4)))
        elif key in ("n", "n2"):
            value = str(rng.choice((2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 20, 23, 31, 45)))
        elif key == "nth":
            value = rng.choice(("second", "third", "fourth", "fifth"))
        elif key == "km":
            value = str(rng.randrange(5, 120, 5))
        elif key == "pct":
            value = f"{rng.uniform(0.2, 9.9):.1f}"
        elif key == "temp":
            value = str(rng.randint(-15, 49))
        elif key == "big":
            value = f"{rng.randrange(1000, 2_000_000, 500):,}"
        elif key == "year":
            value = str(rng.randint(2003, 2023))
        else:
            raise KeyError(key)
        self[key] = value
        return value


class _Deck:
    """Templates drawn without replacement, so an article repeats no sentence."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.left: dict[int, list[str]] = {}

    def draw(self, pool: list[str]) -> str | None:
        left = self.left.get(id(pool))
        if left is None:
            left = self.left[id(pool)] = self.rng.sample(pool, len(pool))
        return left.pop() if left else None


_FRESH = ("town", "town2", "wcity", "wcity2", "Town", "Town2", "n", "n2", "n3", "km", "g",
          "g2", "site", "source", "Source", "person", "Person", "day", "pct", "big", "year")


def _sentence(fill: _Fill, template: str) -> str:
    # Fresh towns, numbers and people each sentence; the article's own place stays.
    for key in _FRESH:
        fill.pop(key, None)
    return template.format_map(fill)


def _compose(rng: random.Random, fill: _Fill, first: list[list[list[str]]],
             pools: list[tuple[list[str], float]]) -> str:
    """Paragraphs: the given opening ones, then sentences drawn from weighted pools."""
    limit = rng.randint(_MIN_BYTES + 300, _MAX_BYTES - 200)
    deck = _Deck(rng)
    paragraphs: list[str] = []
    size = 0
    opening = [[t for t in (deck.draw(pool) for pool in para) if t] for para in first]
    live = list(pools)
    while size < limit and (opening or live):
        if opening:
            templates = opening.pop(0)
        else:
            templates = []
            while live and len(templates) < rng.randint(2, 4):
                index = rng.choices(range(len(live)), [w for _, w in live])[0]
                template = deck.draw(live[index][0])
                if template is None:
                    del live[index]
                else:
                    templates.append(template)
        sentences = [_sentence(fill, t) for t in templates]
        while sentences and size + len(" ".join(sentences).encode()) + 2 > _MAX_BYTES:
            sentences.pop()
        if not sentences:
            break
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def _insert(rng: random.Random, text: str, sentence: str) -> str:
    """Append ``sentence`` to a random paragraph, if the article has room for it."""
    if len(text.encode()) + len(sentence.encode()) + 1 > _MAX_BYTES:
        return text
    paragraphs = text.split("\n\n")
    at = rng.randrange(len(paragraphs))
    paragraphs[at] += " " + sentence
    return "\n\n".join(paragraphs)


def _article(seed: int, index: int, places: _Places) -> dict:
    rng = random.Random(f"geostrikes-corpus:{seed}:{index}")
    published = _FIRST_DAY + dt.timedelta(days=rng.randrange(_DAYS + 1))
    strike = rng.random() < STRIKE_SHARE
    if strike:
        region = rng.choices(list(_REGION_WEIGHTS), list(_REGION_WEIGHTS.values()))[0]
        cc = rng.choice(_REGIONS[region])
    else:
        region = None
        pool = [cc for ccs in _REGIONS.values() for cc in ccs] + list(_LOCAL) * 6
        cc = rng.choice(pool)
    fill = _Fill(rng, places, cc, region, {})
    if strike and places.bases[cc] and rng.random() < 0.15:
        city = _ascii(rng.choice(places.bases[cc]))
    else:
        city = fill._town()
    fill.update(city=city, country=places.countries.get(cc, cc),
                capital=_ascii(places.capitals[cc]))
    if strike:
        title = rng.choice(_STRIKE_TITLES).format_map(fill)
        text = _compose(rng, fill, [[_LEADS, _STRIKE_MORE, _STRIKE_MORE],
                                    [_STRIKE_MORE, _CLAIMS]],
                        [(_STRIKE_MORE, 3), (_CLAIMS, 2), (_BACKGROUND, 3), (_GENERIC, 6),
                         (_POLITICS, 1), (_ECONOMY, 1)])
    else:
        topic = rng.choice(list(_TOPICS))
        title = rng.choice(_OTHER_TITLES[topic]).format_map(fill)
        others = [(pool, 1) for name, pool in _TOPICS.items() if name != topic]
        text = _compose(rng, fill, [], [(_TOPICS[topic], 8), (_GENERIC, 16), *others,
                                        (_BACKGROUND, 1)])
        if rng.random() < _DISTRACTOR_SHARE:
            text = _insert(rng, text, _sentence(fill, rng.choice(_DISTRACTORS)))
    return {"id": f"syn-{seed}-{index:06d}", "title": title, "text": text,
            "published": published.isoformat()}


def generate(n: int, seed: int = 0) -> Iterator[dict]:
    """Yield ``n`` synthetic news articles, the same ones for the same seed.

    Parameters
    ----------
    n : int
        How many articles.
    seed : int
        Articles of one seed are identical across runs and machines that
        share the gazetteer; article ``i`` does not depend on ``n``.

    Yields
    ------
    dict
        ``id``, ``title``, ``text`` (3,000-6,000 UTF-8 bytes) and
        ``published`` (an ISO date).

    Examples
    --------
    >>> first = next(generate(1, seed=7))
    >>> sorted(first)
    ['id', 'published', 'text', 'title']
    >>> 3000 <= len(first["text"].encode()) <= 6000
    True
    """
    places = _places()
    for index in range(n):
        yield _article(seed, index, places)


def main(argv: list[str] | None = None) -> None:
    """Write a corpus as JSON Lines."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", default="-", help="JSON Lines file (default stdout)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for article in generate(args.n, args.seed):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
