"""Write kg/data/gazetteer/10-countries.yaml from pycountry plus the table below.

Names and ISO 3166-1 alpha-2 codes come from pycountry (the maintained ISO
tables: ``pip install pycountry``); the common-name labels, demonyms, capitals
and extra aliases are written by hand in TABLE. The output covers the 193 UN
member states, the two observer states (Holy See, Palestine), Taiwan and Kosovo.

usage: python scripts/build_countries.py [OUT.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycountry
import yaml

# code | label (blank: pycountry's common name or name) | demonyms | capitals | extra aliases
# Capitals that are common words or names of other places ("Male", "Victoria",
# "Kingston", "Georgetown") are left out: as metonyms they would mislead.
TABLE = """
AF||Afghan|Kabul|
AL||Albanian|Tirana|
DZ||Algerian|Algiers|
AD||Andorran|Andorra la Vella|
AO||Angolan|Luanda|
AG||Antiguan|Saint John's|
AR||Argentine;Argentinian|Buenos Aires|
AM||Armenian|Yerevan|
AU||Australian|Canberra|
AT||Austrian|Vienna|
AZ||Azerbaijani;Azeri|Baku|
BS|Bahamas|Bahamian|Nassau|the Bahamas
BH||Bahraini|Manama|
BD||Bangladeshi|Dhaka|
BB||Barbadian|Bridgetown|
BY||Belarusian|Minsk|Belorussia
BE||Belgian|Brussels|
BZ||Belizean|Belmopan|
BJ||Beninese|Porto-Novo|
BT||Bhutanese|Thimphu|
BO|Bolivia|Bolivian|La Paz;Sucre|
BA||Bosnian|Sarajevo|Bosnia
BW||Botswanan;Motswana|Gaborone|
BR||Brazilian|Brasilia;Brasília|
BN|Brunei|Bruneian|Bandar Seri Begawan|Brunei Darussalam
BG||Bulgarian|Sofia|
BF||Burkinabe|Ouagadougou|
BI||Burundian|Gitega|
CV|Cape Verde|Cape Verdean|Praia|Cabo Verde
KH||Cambodian|Phnom Penh|
CM||Cameroonian|Yaounde;Yaoundé|
CA||Canadian|Ottawa|
CF||Central African|Bangui|
TD||Chadian|N'Djamena|
CL||Chilean|Santiago|
CN||Chinese|Beijing|PRC;People's Republic of China;mainland China;Communist China
CO||Colombian|Bogota;Bogotá|
KM||Comorian|Moroni|
CG|Republic of the Congo|Congolese|Brazzaville|Congo-Brazzaville
CD|Democratic Republic of the Congo|Congolese|Kinshasa|DRC;DR Congo;Congo-Kinshasa
CR||Costa Rican|San Jose;San José|
CI|Ivory Coast|Ivorian|Yamoussoukro;Abidjan|Côte d'Ivoire;Cote d'Ivoire
HR||Croatian|Zagreb|
CU||Cuban|Havana|
CY||Cypriot|Nicosia|
CZ|Czech Republic|Czech|Prague|Czechia
DK||Danish|Copenhagen|
DJ||Djiboutian|Djibouti City|
DM||Dominican|Roseau|
DO||Dominican|Santo Domingo|
EC||Ecuadorian|Quito|
EG||Egyptian|Cairo|
SV||Salvadoran|San Salvador|
GQ||Equatorial Guinean|Malabo|
ER||Eritrean|Asmara|
EE||Estonian|Tallinn|
SZ||Swazi|Mbabane|Swaziland
ET||Ethiopian|Addis Ababa|
FJ||Fijian|Suva|
FI||Finnish|Helsinki|
FR||French|Paris|
GA||Gabonese|Libreville|
GM|Gambia|Gambian|Banjul|the Gambia
GE||Georgian|Tbilisi|
DE||German|Berlin|Federal Republic of Germany
GH||Ghanaian|Accra|
GR||Greek|Athens|
GD||Grenadian|Saint George's|
GT||Guatemalan|Guatemala City|
GN||Guinean|Conakry|
GW||Bissau-Guinean|Bissau|
GY||Guyanese||
HT||Haitian|Port-au-Prince|
VA|Vatican City|Vatican||Holy See;the Vatican
HN||Honduran|Tegucigalpa|
HU||Hungarian|Budapest|
IS||Icelandic|Reykjavik;Reykjavík|
IN||Indian|New Delhi|
ID||Indonesian|Jakarta|
IR|Iran|Iranian|Tehran|Islamic Republic of Iran;Islamic Republic;Persia
IQ||Iraqi|Baghdad|
IE||Irish|Dublin|Republic of Ireland
IL||Israeli|Jerusalem;Tel Aviv|State of Israel
IT||Italian|Rome|
JM||Jamaican||
JP||Japanese|Tokyo|
JO||Jordanian|Amman|
KZ||Kazakh;Kazakhstani|Astana|
KE||Kenyan|Nairobi|
KI||I-Kiribati|Tarawa|
KP|North Korea|North Korean|Pyongyang|DPRK;Democratic People's Republic of Korea
KR|South Korea|South Korean|Seoul|ROK;Republic of Korea
KW||Kuwaiti|Kuwait City|
KG||Kyrgyz|Bishkek|Kyrgyz Republic
LA|Laos|Lao;Laotian|Vientiane|Lao PDR
LV||Latvian|Riga|
LB||Lebanese|Beirut|
LS||Basotho|Maseru|
LR||Liberian|Monrovia|
LY||Libyan|Tripoli|
LI||Liechtensteiner|Vaduz|
LT||Lithuanian|Vilnius|
LU||Luxembourgish|Luxembourg City|
MG||Malagasy|Antananarivo|
MW||Malawian|Lilongwe|
MY||Malaysian|Kuala Lumpur|
MV||Maldivian||
ML||Malian|Bamako|
MT||Maltese|Valletta|
MH||Marshallese|Majuro|
MR||Mauritanian|Nouakchott|
MU||Mauritian|Port Louis|
MX||Mexican|Mexico City|
FM|Micronesia|Micronesian|Palikir|Federated States of Micronesia
MD|Moldova|Moldovan|Chisinau;Chișinău|
MC||Monegasque||
MN||Mongolian|Ulaanbaatar|
ME||Montenegrin|Podgorica|
MA||Moroccan|Rabat|
MZ||Mozambican|Maputo|
MM||Myanmar;Burmese|Naypyidaw;Naypyitaw|Burma
NA||Namibian|Windhoek|
NR||Nauruan||
NP||Nepalese;Nepali|Kathmandu|
NL||Dutch|Amsterdam;The Hague|Holland
NZ||New Zealander|Wellington|
NI||Nicaraguan|Managua|
NE||Nigerien|Niamey|
NG||Nigerian|Abuja|
MK||Macedonian|Skopje|Macedonia
NO||Norwegian|Oslo|
OM||Omani|Muscat|
PK||Pakistani|Islamabad|
PW||Palauan|Ngerulmud|
PS|Palestine|Palestinian|Ramallah|State of Palestine;Palestinian territories
PA||Panamanian|Panama City|
PG||Papua New Guinean|Port Moresby|
PY||Paraguayan|Asuncion;Asunción|
PE||Peruvian|Lima|
PH|Philippines|Filipino;Philippine|Manila|the Philippines
PL||Polish|Warsaw|
PT||Portuguese|Lisbon|
QA||Qatari|Doha|
RO||Romanian|Bucharest|
RU|Russia|Russian|Moscow|Russian Federation
RW||Rwandan|Kigali|
KN||Kittitian|Basseterre|
LC||Saint Lucian|Castries|
VC||Vincentian|Kingstown|
WS||Samoan|Apia|
SM||Sammarinese||
ST|Sao Tome and Principe|Santomean|São Tomé|São Tomé and Príncipe
SA||Saudi|Riyadh|Kingdom of Saudi Arabia;KSA
SN||Senegalese|Dakar|
RS||Serbian|Belgrade|
SC||Seychellois||
SL||Sierra Leonean|Freetown|
SG||Singaporean||
SK||Slovak|Bratislava|
SI||Slovenian;Slovene|Ljubljana|
SB||Solomon Islander|Honiara|
SO||Somali|Mogadishu|
ZA||South African|Pretoria|
SS||South Sudanese|Juba|
ES||Spanish|Madrid|
LK||Sri Lankan|Colombo|
SD||Sudanese|Khartoum|the Sudan
SR||Surinamese|Paramaribo|
SE||Swedish|Stockholm|
CH||Swiss|Bern|Swiss Confederation
SY|Syria|Syrian|Damascus|Syrian Arab Republic
TW|Taiwan|Taiwanese|Taipei|Republic of China;ROC
TJ||Tajik|Dushanbe|
TZ|Tanzania|Tanzanian|Dodoma|United Republic of Tanzania
TH||Thai|Bangkok|
TL|East Timor|Timorese|Dili|Timor-Leste
TG||Togolese|Lome;Lomé|
TO||Tongan|Nuku'alofa|
TT||Trinidadian|Port of Spain|
TN||Tunisian|Tunis|
TR|Turkey|Turkish|Ankara|Türkiye;Turkiye;Republic of Turkey
TM||Turkmen|Ashgabat|
TV||Tuvaluan|Funafuti|
UG||Ugandan|Kampala|
UA||Ukrainian|Kyiv;Kiev|
AE||Emirati|Abu Dhabi|UAE;the Emirates
GB|United Kingdom|British;Briton|London|UK;Britain;Great Britain
US|United States|American|Washington;Washington, D.C.|US;USA;America;United States of America
UY||Uruguayan|Montevideo|
UZ||Uzbek|Tashkent|
VU||Ni-Vanuatu|Port Vila|
VE|Venezuela|Venezuelan|Caracas|Bolivarian Republic of Venezuela
VN|Vietnam|Vietnamese|Hanoi|Viet Nam
YE||Yemeni|Sanaa;Sana'a|
ZM||Zambian|Lusaka|
ZW||Zimbabwean|Harare|
XK|Kosovo|Kosovar;Kosovan|Pristina|Republic of Kosovo
"""

# Demonyms that are nouns only: no "<demonym> government" alias.
NOUN_DEMONYMS = {"Briton", "Motswana", "Basotho", "I-Kiribati", "Ni-Vanuatu", "New Zealander"}

# Label adjectives for descriptive groups where the first demonym is not what news uses.
ADJECTIVES = {"US": "US"}

# Countries whose name takes "the" inside a phrase ("the government of the Netherlands").
WITH_THE = frozenset(
    [
        "US",
        "GB",
        "NL",
        "PH",
        "BS",
        "GM",
        "CZ",
        "CF",
        "DO",
        "AE",
        "CD",
        "CG",
        "MV",
        "MH",
        "SB",
        "KM",
    ]
)

# Dependent territories of ISO 3166-1 that are not states: not in this file.
TERRITORIES = set(
    [
        "AS",
        "AI",
        "AQ",
        "AW",
        "AX",
        "BL",
        "BM",
        "BQ",
        "BV",
        "CC",
        "CK",
        "CW",
        "CX",
        "EH",
        "FK",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GP",
        "GS",
        "GU",
        "HK",
        "HM",
        "IM",
        "IO",
        "JE",
        "KY",
        "MF",
        "MO",
        "MP",
        "MQ",
        "MS",
        "NC",
        "NF",
        "NU",
        "PF",
        "PM",
        "PN",
        "PR",
        "RE",
        "SH",
        "SJ",
        "SX",
        "TC",
        "TF",
        "TK",
        "UM",
        "VG",
        "VI",
        "WF",
        "YT",
    ]
)


def build() -> list[dict]:
    rows = {}
    for line in TABLE.strip().splitlines():
        code, label, demonyms, capitals, aliases = (p.strip() for p in line.split("|"))
        rows[code] = (label, demonyms, capitals, aliases)
    entries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if country.alpha_2 in TERRITORIES:
            continue
        if country.alpha_2 not in rows:
            raise SystemExit(f"no TABLE row for {country.alpha_2} {country.name}")
    codes = sorted(rows)
    demonym_count: dict[str, int] = {}
    for code in codes:
        for demonym in rows[code][1].split(";"):
            demonym_count[demonym] = demonym_count.get(demonym, 0) + 1
    for code in codes:
        label, demonyms, capitals, aliases = rows[code]
        iso = pycountry.countries.get(alpha_2=code)
        names = []
        if iso is not None:
            common = getattr(iso, "common_name", None)
            names = [common, iso.name, getattr(iso, "official_name", None)]
        label = label or next(n for n in names if n)
        alias_list = [a for a in aliases.split(";") if a]
        for name in names:
            if name and name != label and "," not in name and name not in alias_list:
                alias_list.append(name)
        demonym_list = [d for d in demonyms.split(";") if d]
        adjectives = [ADJECTIVES[code]] if code in ADJECTIVES else demonym_list[:1]
        short = [a for a in alias_list if a.isupper() and len(a) <= 3]
        the = "the " if code in WITH_THE else ""
        government = [f"{label} government", f"government of {the}{label}"]
        # "Argentine government", but not "Congolese government" (two Congos) or "Briton government"
        unique = [d for d in demonym_list if demonym_count[d] == 1 and d not in NOUN_DEMONYMS]
        government += [f"{a} government" for a in short + unique]
        if code == "US":
            government += ["U.S. government", "US administration", "U.S. administration"]
        if code == "GB":
            government += ["British government", "Her Majesty's Government", "HMG"]
        for form in government:
            if form not in alias_list:
                alias_list.append(form)
        entry = {"label": label, "type": "Country", "code": code, "aliases": alias_list}
        if demonym_list:
            entry["demonyms"] = demonym_list
            if adjectives != demonym_list[:1]:
                entry["adjective"] = adjectives[0]
        if capitals:
            entry["capitals"] = [c for c in capitals.split(";") if c]
        entries.append(entry)
    return entries


def main(argv: list[str]) -> None:
    default = Path(__file__).parents[1] / "kg" / "data" / "gazetteer" / "10-countries.yaml"
    out = Path(argv[0]) if argv else default
    header = (
        "# Countries: the 193 UN member states, the Holy See, Palestine, Taiwan and Kosovo.\n"
        "# Generated by scripts/build_countries.py (names and ISO codes from pycountry;\n"
        "# demonyms, capitals and aliases by hand). Edit the script, not this file.\n"
    )
    body = yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=100)
    out.write_text(header + body, encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
