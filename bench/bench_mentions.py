"""Throughput of find_mentions (gazetteer + context rules) on one core.

Builds about 5 MB of synthetic foreign-policy prose from the templates below (written for this
benchmark) filled with registry names, splits it into ~600-word documents, and times
find_mentions over all of them. Usage: python bench/bench_mentions.py [megabytes]
"""
from __future__ import annotations

import random
import sys
import time

from diplograph.registry.gazetteer import get_gazetteer
from diplograph.registry.load import get_registry
from diplograph.registry.resolve import find_mentions

TEMPLATES = (
    "{demonym} President {person} arrived in {capital} on a {kind} visit at the invitation of his counterpart.",
    "Talks between {country} and {country2} covered energy, transport corridors and the security of shipping routes.",
    "The foreign ministers of {country} and {country2} signed a memorandum on cooperation in {domain}.",
    "{person} said that relations with {country2} had reached the level of a strategic partnership.",
    "Later, {surname} told reporters that the {org} had welcomed the initiative.",
    "In {year}, {country} joined the {org} and has since hosted several of its sessions in {city}.",
    "The delegation of {country} took part in the meeting of the {org} held in {city} last week.",
    "Trade turnover between the two countries grew by {n} percent, officials in {capital} noted.",
    "{country}'s government approved the agreement, which the parliament is expected to ratify.",
    "The {demonym} side expressed support for the territorial integrity of {country2}.",
    "Both leaders stressed the importance of the {group} working together on regional connectivity.",
    "The summit brought together heads of state from {country}, {country2} and {country3}.",
    "According to the ministry, {n} documents were signed during the visit to {city}.",
    "The {demonym} Prime Minister {newperson} and the head of the {org} discussed climate finance.",
    "Observers in {capital} said the talks were constructive, although several questions remain open.",
    "The project will link ports on the Caspian Sea with railways running to {country2} and beyond.",
    "Experts expect further investment in renewable energy, logistics hubs and digital infrastructure.",
    "The two sides agreed to hold the next round of political consultations in {city} in {year}.",
)
DOMAINS = ("energy", "defense", "transport", "trade", "culture", "education", "agriculture", "climate")
FIRST = ("Adrian", "Selim", "Marta", "Kenji", "Olga", "Tomas", "Farid", "Lucia", "Arman", "Ines")
LAST = ("Varga", "Demir", "Kowalski", "Sato", "Petrova", "Novak", "Rahimov", "Costa", "Sargsyan", "Moreau")


def build_corpus(megabytes: float, seed: int = 7) -> list[str]:
    registry = get_registry()
    rng = random.Random(seed)
    countries = [c for c in registry.by_kind("country") if "historical" not in c.data and c.demonyms and c.capital]
    orgs = [o.name for o in registry.by_kind("org")] or ["United Nations", "European Union", "NATO"]
    groups = [g.name for g in registry.by_kind("group")]
    cities = [c.name for c in registry.by_kind("city") if c.text_match]
    persons = [p.id for p in registry.by_kind("person")] or ["Ilham Aliyev", "Sergio Mattarella"]
    docs: list[str] = []
    total = 0
    target = int(megabytes * 1_000_000)
    while total < target:
        sentences = []
        words = 0
        while words < 600:
            c1, c2, c3 = rng.sample(countries, 3)
            person = rng.choice(persons)
            sentence = rng.choice(TEMPLATES).format(
                demonym=c1.demonyms[0], person=person, surname=person.split()[-1],
                capital=c1.capital, kind=rng.choice(("state", "official", "working")),
                country=c1.name, country2=c2.name, country3=c3.name, domain=rng.choice(DOMAINS),
                org=rng.choice(orgs), year=rng.randint(1992, 2025), city=rng.choice(cities),
                n=rng.randint(2, 40), group=rng.choice(groups),
                newperson=f"{rng.choice(FIRST)} {rng.choice(LAST)}")
            sentences.append(sentence)
            words += sentence.count(" ") + 1
        doc = " ".join(sentences)
        docs.append(doc)
        total += len(doc)
    return docs


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    started = time.perf_counter()
    get_gazetteer()
    build_seconds = time.perf_counter() - started
    docs = build_corpus(megabytes)
    size = sum(len(d) for d in docs)
    wall = time.perf_counter()
    cpu = time.process_time()              # this process's CPU time: fair on a busy machine
    mentions = 0
    for doc in docs:
        mentions += len(find_mentions(doc, "2024-05-01"))
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    per_doc_ms = 1000 * cpu / len(docs)
    print(f"registry + automaton built in {build_seconds:.2f} s")
    print(f"{size / 1e6:.2f} MB in {len(docs)} documents of ~600 words, {mentions} mentions")
    print(f"CPU {cpu:.2f} s: {size / 1e6 / cpu:.2f} MB/s, {per_doc_ms:.2f} ms per document "
          f"(wall clock {wall:.2f} s: {size / 1e6 / wall:.2f} MB/s)")


if __name__ == "__main__":
    main()
