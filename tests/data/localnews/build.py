#!/usr/bin/env python3
"""Build the LGL-format XML of the fictional local-news geoparsing set from its sources.

Sources (``dev.src.txt``, ``test.src.txt``) hold the articles one after another; an
article starts with a header line ``@@ docid | headline | newspaper`` and its body follows
(a blank line separates paragraphs). Every toponym is marked inline::

    [[Springfield|US.IL/Springfield]]    the surface text, then a key into places.tsv
    [[Lake Springfield|@39.7250,-89.6000]]  or coordinates given inline

``{{Franklin}}`` marks a word that is deliberately not a toponym (a person's name, a
team's nickname); it only tells the repeat check below to leave it alone.

The build computes every offset itself, checks that the text at each span is the marked
surface, that every key resolves to coordinates in range, that each article has 150-450
words, and that no marked surface appears elsewhere in the same article unmarked (a missed
repeat). Standard library only; it does not need /work/shared.

    python build.py            # writes dev.xml and test.xml next to this file
    python build.py --check    # builds in memory and compares with the files on disk
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "test")
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]]+)\]\]|\{\{([^{}]+)\}\}")
WORDS = (150, 450)


class BuildError(Exception):
    """A source that cannot be built into a consistent gold set."""


def load_places(path: Path = HERE / "places.tsv") -> dict[str, dict]:
    """The coordinate table: key -> {"name", "lat", "lon", "source"}."""
    places = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, name, lat, lon, source = line.split("\t")
        if key in places:
            raise BuildError(f"places.tsv:{n}: duplicate key {key!r}")
        places[key] = {"name": name, "lat": float(lat), "lon": float(lon), "source": source}
    return places


def resolve(key: str, places: dict[str, dict]) -> dict:
    if key.startswith("@"):
        lat, lon = (float(x) for x in key[1:].split(","))
        return {"name": "", "lat": lat, "lon": lon, "source": "inline"}
    if key not in places:
        raise BuildError(f"key {key!r} is not in places.tsv")
    return places[key]


def parse_source(path: Path) -> list[dict]:
    """Articles as {"docid", "title", "paper", "body"} with the markup still in the body."""
    articles, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@@ "):
            docid, title, paper = (part.strip() for part in line[3:].split("|"))
            current = {"docid": docid, "title": title, "paper": paper, "lines": []}
            articles.append(current)
        elif current is not None:
            current["lines"].append(line.rstrip())
        elif line.strip() and not line.startswith("#"):
            raise BuildError(f"{path.name}: text before the first article header")
    for art in articles:
        art["body"] = "\n".join(art.pop("lines")).strip("\n")
    return articles


def render(body: str, places: dict[str, dict]) -> tuple[str, list[dict]]:
    """The plain text and its toponyms with offsets computed while the markup is removed."""
    out, toponyms, pos, length = [], [], 0, 0
    for m in MARK.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        surface = m.group(1) if m.group(1) is not None else m.group(3)
        if m.group(1) is not None:
            toponyms.append({"start": length, "end": length + len(surface), "phrase": surface,
                             "key": m.group(2), **resolve(m.group(2), places)})
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(body[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text or "{{" in text or "}}" in text:
        raise BuildError(f"unbalanced markup near {text[text.find('[') - 30:text.find('[') + 30]!r}")
    return text, toponyms


def check_article(docid: str, text: str, toponyms: list[dict], exempt: list[tuple[int, int]]) -> None:
    words = len(text.split())
    if not WORDS[0] <= words <= WORDS[1]:
        raise BuildError(f"{docid}: {words} words, outside {WORDS}")
    if not toponyms:
        raise BuildError(f"{docid}: no toponyms")
    covered = [(t["start"], t["end"]) for t in toponyms] + exempt
    for t in toponyms:
        if text[t["start"]:t["end"]] != t["phrase"] or t["phrase"] != t["phrase"].strip():
            raise BuildError(f"{docid}: span {t['start']}-{t['end']} is {text[t['start']:t['end']]!r}")
        if not (-90 <= t["lat"] <= 90 and -180 <= t["lon"] <= 180):
            raise BuildError(f"{docid}: {t['phrase']!r} has coordinates out of range")
        for m in re.finditer(r"(?<!\w)" + re.escape(t["phrase"]) + r"(?!\w)", text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                raise BuildError(f"{docid}: {t['phrase']!r} at {m.start()} is not marked (missed repeat?)")
    spans = sorted((t["start"], t["end"]) for t in toponyms)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        if s2 < e1:
            raise BuildError(f"{docid}: overlapping spans {s1}-{e1} and {s2}-{e2}")


def build(name: str, places: dict[str, dict]) -> ET.ElementTree:
    root = ET.Element("articles")
    seen = set()
    for art in parse_source(HERE / f"{name}.src.txt"):
        if art["docid"] in seen:
            raise BuildError(f"duplicate docid {art['docid']}")
        seen.add(art["docid"])
        text, toponyms = render(art["body"], places)
        plain_exempt = []
        offset = 0
        # spans of {{...}} literals in the plain text, for the repeat check
        for m in MARK.finditer(art["body"]):
            start = m.start() - offset
            surface = m.group(1) if m.group(1) is not None else m.group(3)
            offset += len(m.group(0)) - len(surface)
            if m.group(3) is not None:
                plain_exempt.append((start, start + len(surface)))
        check_article(art["docid"], text, toponyms, plain_exempt)
        el = ET.SubElement(root, "article", docid=art["docid"])
        ET.SubElement(el, "title").text = art["title"]
        ET.SubElement(el, "domain").text = art["paper"]
        ET.SubElement(el, "text").text = text
        tops = ET.SubElement(el, "toponyms")
        for t in toponyms:
            top = ET.SubElement(tops, "toponym")
            ET.SubElement(top, "start").text = str(t["start"])
            ET.SubElement(top, "end").text = str(t["end"])
            ET.SubElement(top, "phrase").text = t["phrase"]
            source = t["source"]
            gaz = ET.SubElement(top, "gaztag", geonameid=source[len("geonames:"):] if source.startswith("geonames:") else "")
            ET.SubElement(gaz, "name").text = t["name"] or t["phrase"]
            ET.SubElement(gaz, "lat").text = f"{t['lat']:.4f}"
            ET.SubElement(gaz, "lon").text = f"{t['lon']:.4f}"
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def serialise(tree: ET.ElementTree) -> bytes:
    return ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True) + b"\n"


def main(argv: list[str]) -> int:
    places = load_places()
    status = 0
    for name in SETS:
        if not (HERE / f"{name}.src.txt").exists():
            continue
        try:
            data = serialise(build(name, places))
        except BuildError as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            status = 1
            continue
        target = HERE / f"{name}.xml"
        if "--check" in argv:
            if not target.exists() or target.read_bytes() != data:
                print(f"error: {target.name} is not what its source builds", file=sys.stderr)
                status = 1
        else:
            tmp = target.with_suffix(".xml.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
            print(f"{target.name}: written")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
