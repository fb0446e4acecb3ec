"""A synthetic news corpus for the scale benchmarks: our own sentences, real actors.

Articles are recombined from a pool of sentence templates written for this
benchmark (nothing is taken from the evaluation data) whose slots are filled
with actors of the package gazetteer: countries, government bodies, companies,
threat groups and news outlets. The sentences cover the 25 relation
predicates (hacked, sanctioned, denied, cooperatedWith, ...) and the background
prose around them, so the extractor does realistic work on every article.

Output is deterministic: article ``i`` depends only on ``(seed, i)``, so the
first N articles of a 4N corpus are the N-article corpus, and the same command
writes the same bytes (gzip without a timestamp).

Usage::

    python benchmarks/corpus.py 10000 -o /tmp/news-10k.jsonl.gz --seed 7
    python benchmarks/corpus.py 5 -o - | head -c 600
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import io
import json
import random
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import yaml

# Slots: {C} {C2} country, {A} {A2} government body, {K} {K2} company, {G} {G2} threat
# group, {O} news outlet, {S} sector, {W} weapon (malware or technique), {N} number,
# {Y} year, {MON} month, {DAY} weekday, {ROLE} an official's role, {CITY} a city.

HEADLINES = """
{G} hackers breached {K}, investigators say
{C} accuses {C2} of cyber-espionage campaign
{A} sanctions {C} over attacks on {S} networks
{K} says it detected intrusion linked to {G}
Officials in {C} blame {G} for {S} outage
{C2} denies role in hack of {K}
Indictment charges suspected {G} operators
{A} warns of new {W} aimed at {S} firms
How {G} spent {N} months inside {K}
{C} expels diplomats after espionage scandal
{K} and {A} team up against ransomware gangs
Leaked files shed light on {C}'s hacking unit
{C} and {C2} sign cyber cooperation pact
Researchers tie {W} to {G}
{A} investigates data theft at {K}
{C} bans {K} software from government computers
{O}: {A} tipped off {K2} about breach
Ransomware attack cripples {S} operator in {C}
{C} threatens retaliation after cyber attack
{K} disputes {A}'s account of the breach
Arrest made in {C} over {K} hack
{G} returns with {W}, {K} warns
Allies weigh response to {C}'s cyber campaign
{A} orders agencies to patch after {G} intrusion
Spy agencies of {C} and {C2} share intelligence on {G}
{K} report links {G} to {C}
""".strip().splitlines()

SENTENCES = """
{G} hacked the internal network of {K} in {MON} {Y}, according to people close to the inquiry.
Investigators said {G} had broken into {K}'s systems months before the intrusion was noticed.
The attackers, whom {K} identified as {G}, gained access through a compromised software update.
{A} said hackers working for {C} had penetrated computers at {K}.
{G} attacked the {S} grid of {C2} in {MON} {Y}, leaving tens of thousands of homes without power.
A wave of attacks on {S} companies in {C2} was carried out by {G}, officials said.
{C} launched a cyber attack on {S} facilities in {C2}, according to {O}.
Hackers linked to {C} targeted the email accounts of officials at {A}.
{G} is believed to have stolen design documents from {K}.
The group stole the personal records of {N} million customers of {K}, the company said.
{C} stole trade secrets from {K}, prosecutors alleged in the indictment.
Hackers took source code and internal emails from {K} before wiping its servers.
{G} leaked thousands of internal emails from {K} on a public website.
Documents stolen from {A} were later leaked online by {G}.
The leaked files, published by {O}, described tools used by {A}.
{G} used {W} to move through the networks of its victims.
The operators relied on {W}, a tool first seen in attacks on {S} companies in {Y}.
{C} used {W} against dissidents living abroad, researchers said.
{K} detected the intrusion after noticing unusual traffic leaving its servers.
Analysts at {K} detected {W} on machines belonging to {A2}.
{K} said its software had detected {G} activity on the networks of several customers.
{O} revealed that {A} had run a covert program to collect phone records.
{K} revealed the existence of {W} in a report published on {DAY}.
The campaign was revealed by {K} researchers in {MON} {Y}.
{C} blamed {C2} for the attack on its {S} sector.
{A} blamed {G} for the disruption, citing technical evidence shared by {K}.
Officials in {C} blamed the outage on hackers working for {C2}.
{A} tipped off {K} about the breach in {MON} {Y}.
{C}'s intelligence services alerted {C2} to the intrusion, {O} reported.
It was {A} that warned {K} its network had been compromised.
{C} accused {C2} of orchestrating the campaign against its {S} sector.
{A} accused {G} of trying to steal research on vaccines.
The government of {C} formally accused {A2} of running the operation.
{K} accused {G} of targeting its customers with fake invoices.
{C2} denied any involvement in the attack on {K}.
A spokesman for the embassy of {C2} dismissed the accusations as groundless.
{K} denied that it had helped {A} spy on its users.
{C2} rejected the claims, calling them part of a smear campaign.
{C} threatened to retaliate against {C2} if the attacks continued.
{A} warned that {C} would respond to any further intrusions.
{C} criticized {C2} for failing to act against hackers operating from its territory.
{K} criticized {A} for keeping the vulnerability secret for years.
Lawmakers in {C} sharply criticized {A} over its handling of the breach.
{A} ordered all federal agencies to disconnect the affected devices.
The court ordered {K} to hand over records of the compromised accounts.
{C} banned {K} software from government computers.
{A} barred {K} from selling its products to public bodies.
{C} sanctioned {N} officers of {A2} over the attacks.
{A} imposed sanctions on {K2} for supplying tools to {G}.
{C} announced sanctions against individuals linked to {G} on {DAY}.
{A} charged {N} officers of {A2} with computer intrusion and wire fraud.
Prosecutors in {C} charged a suspected member of {G} with money laundering.
A grand jury indicted {N} people accused of working with {G}.
Police in {C} arrested a man suspected of running infrastructure for {G}.
{A} arrested {N} suspects in raids on {DAY} morning.
{C} expelled {N} diplomats from {C2}, accusing them of espionage.
{C2} responded by expelling diplomats of {C} within days.
{A} is investigating the breach at {K}, a spokesperson confirmed.
{A} opened an investigation into how {G} gained access to the network.
Regulators in {C} are examining whether {K} disclosed the incident in time.
{A} cooperated with {A2} to take down the servers used by {G}.
{C} and {C2} agreed to share threat intelligence on ransomware gangs.
{K} worked with {A} to notify the victims of the campaign.
{A} and {A2} carried out a joint operation against the botnet.
{G} is a unit of {A2}, according to {A}.
The group is widely believed to work for {A2}.
{K} said {G} was affiliated with the government of {C2}.
{G}, which researchers have tied to {C2}, has been active since at least {Y}.
{K} is based in {CITY}, where it employs about {N} hundred people.
{K}, headquartered in {CITY}, supplies software to {S} companies across {C}.
{A2} spied on the communications of officials in {C}, {O} reported.
{C} monitored the phone calls of {C2}'s negotiators during the talks.
For months, {G} quietly watched the internal communications of {K}.
{G} allegedly hacked {K} in {Y}, according to a report by {O}.
{C} reportedly tried to break into the networks of {A2}, but failed.
Hackers attempted to breach {K} but were stopped by its security team.
{A} said it believed that {G} was behind the attack.
According to {O}, {A} concluded that hackers working for {C} were responsible.
{K} said it could not confirm that {G} was responsible.
Officials did not say how they had attributed the attack to {C}.
The attack did not disrupt operations, {K} said in a statement.
{C2} has never hacked {K}, its foreign ministry insisted.
{K} said it had not shared customer data with {A}.
"We have seen no evidence that customer data was taken," a spokesperson for {K} said.
"This was a deliberate attack on our {S} infrastructure," {ROLE} said.
"We will hold those responsible to account," {ROLE} told reporters on {DAY}.
"The scale of this operation is unprecedented," said {ROLE}.
"Our investigation is continuing," {A} said in a statement.
{ROLE} said the attack bore the hallmarks of {G}.
{ROLE}, who spoke on condition of anonymity, said the intrusion began in {MON} {Y}.
{ROLE} declined to comment on the attribution.
{O} first reported the breach on {DAY}, citing unnamed officials.
{O} said it had reviewed documents describing the operation.
The findings were first reported by {O}.
{K} published a technical analysis of {W} on its blog.
Researchers at {K} said the code overlapped with tools used by {G}.
The malware, which {K} called {W}, was designed to erase data and disable recovery.
The intrusion went undetected for {N} months.
The attackers deleted logs to cover their tracks.
The breach exposed names, addresses and passport numbers.
The attack disrupted payment systems for several hours.
Some systems were restored within a day, while others took weeks.
The company said it had reset the passwords of all employees.
Security experts said the incident showed how exposed {S} operators remain.
The attack came amid rising tension between {C} and {C2}.
Ties between {C} and {C2} have deteriorated since {Y}.
The incident is the latest in a series of cyber attacks on {S} targets.
Insurance companies have struggled to price the risk of such attacks.
Analysts expect the number of such incidents to rise next year.
The vulnerability had been reported to the vendor months earlier.
A patch was released on {DAY}, but many systems remained unprotected.
Experts warned that criminals could reuse the leaked tools.
The operation relied on phishing emails sent to employees.
Stolen credentials allowed the intruders to move between systems.
Ransom notes demanded payment in bitcoin.
The company did not say whether it had paid the ransom.
The damage was estimated at {N} million dollars.
Shares of {K} fell sharply after the disclosure.
Several governments have issued warnings about the campaign.
The attackers appeared to be interested mainly in defence and energy policy.
Investigators found traces of the same tools in networks across Europe and Asia.
Officials said it was too early to say what had been taken.
The servers used in the attack were rented under false names.
Forensic teams worked through the weekend to contain the damage.
Lawmakers called for a public inquiry into the breach.
Critics said the government had ignored earlier warnings.
The episode has renewed debate over the stockpiling of software flaws.
Cybersecurity has become a central issue in relations between {C} and {C2}.
{C} has repeatedly denied conducting offensive cyber operations.
{A} has said little in public about the investigation.
{K} said it was cooperating fully with the authorities.
Neither {C} nor {C2} commented on the report.
{A} did not respond to a request for comment.
The embassy of {C2} in {CITY} did not respond to questions.
The ministry of foreign affairs of {C} summoned the ambassador of {C2}.
{C} recalled its ambassador from {C2} for consultations.
{A} published indicators of compromise so that companies could check their networks.
{A} and {K} urged organisations to apply the update immediately.
{K} said the attackers had exploited a flaw in its remote access software.
{A2} has been linked to previous attacks on {S} networks in {C}.
{G} has targeted government agencies, defence contractors and journalists.
{G} was first described publicly by {K} in {Y}.
Researchers have tracked {G} under several names.
The hackers sent messages claiming to act on behalf of a patriotic group.
{C} hosted a summit on cyber security attended by officials from {C2}.
Ministers from {C} and {C2} discussed the attacks at a meeting in {CITY}.
{C} pledged {N} million dollars to strengthen the cyber defences of {C2}.
{C} and {C2} held a joint exercise simulating an attack on {S} infrastructure.
The United Nations has struggled to agree on rules for state behaviour in cyberspace.
Officials described the operation as one of the most sophisticated they had seen.
The breach was discovered during a routine audit in {MON} {Y}.
The hackers used a front company to rent servers in {C2}.
In {Y}, {G} was blamed for an attack that disabled thousands of computers.
The group's tools were later sold on underground forums.
A former official said the agency had known about the intrusion for weeks.
The company hired {K2} to investigate the incident.
{K2} helped {K} rebuild its network after the attack.
{K} notified {A} and data protection regulators in {C}.
{A} said no classified information had been compromised.
Officials would not say whether any classified material was taken.
The stolen data included emails of senior executives.
Several employees were placed on leave pending the inquiry.
The attack forced {K} to suspend production at {N} plants.
Hospitals in {C} postponed operations after their systems were encrypted.
Ports and airports reported delays as systems went offline.
The outage affected customers in {C} and {C2}.
Banks in {C} reported attempts to drain accounts through fraudulent transfers.
Critics of the government in {C} have frequently been targeted by spyware.
Journalists working for {O} were among those targeted.
The software was sold to governments as a tool for fighting crime and terrorism.
{K} said it sells its products only to vetted government customers.
Human rights groups called on {C} to stop using the spyware.
A court in {C} ruled that the surveillance program was unlawful.
{A} had asked technology companies to keep the flaw secret.
{K} said it had fixed the vulnerability within days.
The leak included the names of undercover officers.
Officials fear that the tools could be turned against {S} systems.
The attack is thought to have been planned for more than a year.
Experts said the code contained comments written in several languages.
Some researchers cautioned that false flags were common in such operations.
Attribution of cyber attacks remains difficult, experts say.
The group is known for targeting diplomats and think tanks.
The incident prompted {C} to review the security of its {S} suppliers.
{C2} said the allegations were an attempt to interfere in its internal affairs.
{C} said it reserved the right to respond at a time of its choosing.
Officials in {C2} called the sanctions illegal and said they would retaliate.
The new rules require {S} companies to report breaches within {N} hours.
{A} has hired hundreds of specialists to defend government networks.
The agency said the number of reported incidents had doubled since {Y}.
Many victims did not know they had been compromised.
The operation ended when the servers were seized by police in {C2}.
{G2} and {G} shared infrastructure during the campaign, {K} said.
{K2} said it had seen {G2} use the same servers in {Y}.
{A} seized {N} domains used by {G} to control infected machines.
{C} offered a reward of {N} million dollars for information on members of {G}.
{A2} recruited criminal hackers to carry out operations abroad, officials said.
{C2} was accused by {K} of running a disinformation campaign on social media.
A report by {K} said {G} had targeted election officials in {C}.
{G} posed as journalists from {O} to trick its targets.
The phishing emails impersonated staff of {A}.
{A} confirmed on {DAY} that its email system had been breached.
{K} told customers to change their passwords after the incident.
{C} and {C2} exchanged accusations at the United Nations on {DAY}.
{A} said the group had tried to steal research from universities in {C}.
Authorities in {C2} refused to extradite the suspects.
A court in {CITY} sentenced a member of {G} to {N} years in prison.
The suspect, a citizen of {C2}, was detained at the airport in {CITY}.
{A} described {G} as one of the most persistent threats it faces.
{K} said it had blocked more than {N} thousand attempts to log in to customer accounts.
The intruders exploited a flaw that {K} had patched in {MON}.
{ROLE} said {C} had been preparing its response for weeks.
{ROLE} said the evidence pointing to {C2} was overwhelming.
{ROLE} warned that the attack could be a rehearsal for something larger.
Ministers in {C} met on {DAY} to discuss the breach.
The parliament of {C} passed a law giving {A} new powers to hunt hackers.
{O} reported that {A} had been aware of the flaw since {Y}.
{O} obtained a copy of the internal report.
According to {O}, the hackers remained inside the network until {MON}.
{K} hired former officials of {A} to lead its response team.
Investors asked {K} to explain why the breach had not been disclosed sooner.
{K} agreed to pay a fine of {N} million dollars to settle the case.
{A} fined {K} for failing to protect customer data.
{C} suspended a contract with {K} pending a security review.
The contract with {K} was cancelled after the breach.
{K} said the allegations against it were false and politically motivated.
{K} has repeatedly said it has no ties to any government.
{A2} has denied any role in the operation.
A spokesperson for {A2} said the agency does not comment on intelligence matters.
{C2} called the expulsions an unfriendly act and promised a response.
Diplomats from {C2} were given {N} days to leave the country.
{C} added {K2} to a list of companies barred from buying its technology.
The sanctions freeze any assets the officers hold in {C}.
Officials said the sanctions were coordinated with allies in Europe.
The ransomware gang posted samples of the stolen files on its leak site.
The gang demanded {N} million dollars in exchange for a decryption key.
Backups allowed the company to restore most of its systems.
Employees were told to work from home while the network was rebuilt.
The attack hit the company during its busiest week of the year.
Experts said the operation showed a high level of planning.
The malware spread automatically from machine to machine.
The attackers signed their code with a stolen certificate.
The attackers disguised their traffic as ordinary web browsing.
The hackers appeared to work office hours in a single time zone.
Some of the tools had been developed years earlier.
The breach affected subsidiaries in {N} countries.
Officials said the attack on {S} systems could have endangered lives.
The intelligence was shared with allies before it was made public.
Public attribution is meant to raise the cost of such operations, officials said.
The government said it would publish a new cyber strategy later this year.
{C} has invested heavily in offensive cyber capabilities since {Y}.
{A} runs a program that rewards researchers who report flaws.
{K} is one of the largest suppliers of security software in {C}.
{K} provides network equipment to {S} operators across Europe.
{G} has been linked by several firms to the intelligence services of {C2}.
{G} has previously targeted {S} companies in {C} and {C2}.
""".strip().splitlines()

WEAPONS = """
a wiper disguised as ransomware
a custom backdoor
a modular remote access trojan
a keylogger hidden in a browser extension
a spear-phishing campaign
a supply-chain compromise
a credential-stealing implant
a zero-day exploit in a mail server
a botnet of hijacked routers
a fake software update
spyware that infects phones without a click
a loader that hides in memory
a password-spraying campaign
a malicious macro in invoice documents
""".strip().splitlines()

SECTORS = (
    "energy",
    "banking",
    "telecommunications",
    "health",
    "shipping",
    "aviation",
    "water",
    "defence",
    "election",
    "media",
    "manufacturing",
    "government",
)
ROLES = (
    "a senior intelligence official",
    "a government spokesman",
    "the agency's deputy director",
    "a former national security adviser",
    "the country's interior minister",
    "a senior European diplomat",
    "an official briefed on the matter",
    "the company's chief executive",
    "the head of threat research at the firm",
    "a person familiar with the investigation",
)
CITIES = (
    "London",
    "Berlin",
    "Paris",
    "Brussels",
    "Washington",
    "Moscow",
    "Beijing",
    "Tel Aviv",
    "Seoul",
    "Tokyo",
    "Kyiv",
    "Geneva",
    "Singapore",
    "Vienna",
)
MONTHS = tuple(calendar.month_name)[1:]  # English names in the default C locale
DAYS = tuple(calendar.day_name)

# Countries and bodies that make the news on this subject; others appear less often.
PROMINENT_COUNTRIES = (
    "United States",
    "Russia",
    "China",
    "Iran",
    "North Korea",
    "Israel",
    "United Kingdom",
    "Ukraine",
    "Germany",
    "France",
    "Saudi Arabia",
    "South Korea",
    "Japan",
    "Netherlands",
    "Estonia",
)

_SLOT = re.compile(r"\{([A-Z0-9]+)\}")


@lru_cache(maxsize=1)
def actors() -> dict[str, list[str]]:
    """Actor labels of the package gazetteer by slot: C (country), A, K, G, O."""
    pools: dict[str, list[str]] = {"C": [], "A": [], "K": [], "G": [], "O": []}
    slot_of = {"Country": "C", "GovernmentBody": "A", "Company": "K", "MediaOutlet": "O"}
    folder = resources.files("kg") / "data" / "gazetteer"
    for name in ("10-countries.yaml", "20-government.yaml", "30-organizations.yaml"):
        for entry in yaml.safe_load((folder / name).read_text(encoding="utf-8")) or []:
            slot = slot_of.get(entry.get("type", ""))
            if slot:
                pools[slot].append(entry["label"])
    for entry in yaml.safe_load((folder / "40-media.yaml").read_text(encoding="utf-8")):
        pools["O"].append(entry["label"])
    for entry in yaml.safe_load((folder / "60-threat-groups.yaml").read_text(encoding="utf-8")):
        pools["G"].append(entry["label"])
        pools["G"].extend(entry.get("aliases", [])[:1])
    pools["C"] = list(PROMINENT_COUNTRIES) * 6 + pools["C"]
    return {slot: sorted(set(names)) if slot != "C" else names for slot, names in pools.items()}


def _filler(rng: random.Random, pools: dict[str, list[str]]) -> dict[str, str]:
    """One value per slot for a whole article, so that its actors recur as in real news."""

    def two(slot: str) -> tuple[str, str]:
        first, second = rng.choice(pools[slot]), rng.choice(pools[slot])
        while second == first:
            second = rng.choice(pools[slot])
        return first, second

    c, c2 = two("C")
    a, a2 = two("A")
    k, k2 = two("K")
    g, g2 = two("G")
    return {
        "C": c,
        "C2": c2,
        "A": a,
        "A2": a2,
        "K": k,
        "K2": k2,
        "G": g,
        "G2": g2,
        "O": rng.choice(pools["O"]),
        "S": rng.choice(SECTORS),
        "W": rng.choice(WEAPONS),
        "N": str(rng.choice((2, 3, 4, 5, 7, 9, 12, 17, 40, 120))),
        "Y": str(rng.randint(2010, 2025)),
        "MON": rng.choice(MONTHS),
        "DAY": rng.choice(DAYS),
        "ROLE": rng.choice(ROLES),
        "CITY": rng.choice(CITIES),
    }


def _fill(template: str, values: dict[str, str]) -> str:
    text = _SLOT.sub(lambda m: values[m.group(1)], template)
    return text[0].upper() + text[1:]


def article(seed: int, i: int) -> dict[str, Any]:
    """The ``i``-th article of the corpus of ``seed``, as a JSON-ready record.

    >>> article(1, 0) == article(1, 0)
    True
    """
    rng = random.Random(f"{seed}:{i}")
    pools = actors()
    values = _filler(rng, pools)
    sentences = [_fill(t, values) for t in rng.sample(SENTENCES, rng.randint(14, 30))]
    paragraphs = []
    while sentences:
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    year = rng.randint(2014, 2025)
    return {
        "id": f"bench-{seed}-{i:07d}",
        "title": _fill(rng.choice(HEADLINES), values),
        "text": "\n\n".join(paragraphs),
        "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "source": values["O"],
        "url": f"https://news.example.org/{year}/{seed}/{i}",
    }


def articles(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Yield the first ``n`` articles of the corpus of ``seed``."""
    for i in range(n):
        yield article(seed, i)


def write(n: int, out: str | Path, seed: int = 0) -> Path | None:
    """Write ``n`` articles as JSON lines to ``out`` (``.gz``: gzip, ``-``: stdout)."""
    if str(out) == "-":
        _write_lines(n, seed, sys.stdout)
        return None
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        with (
            path.open("wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as packed,
            io.TextIOWrapper(packed, encoding="utf-8") as stream,
        ):
            _write_lines(n, seed, stream)
    else:
        with path.open("w", encoding="utf-8") as stream:
            _write_lines(n, seed, stream)
    return path


def _write_lines(n: int, seed: int, stream: IO[str]) -> None:
    for record in articles(n, seed):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python benchmarks/corpus.py N -o FILE [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", default="-", help=".jsonl, .jsonl.gz or - (stdout)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    path = write(args.n, args.output, args.seed)
    if path is not None:
        print(f"wrote {args.n} articles to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
