"""The actor gazetteer: canonical actors, their aliases, and how surface forms map to them.

The gazetteer is what the extractor knows about actors before it reads an article:
every country (with its aliases, demonyms and capital-city metonyms), the
government bodies of the major states, companies and organizations, news outlets,
people who recur in the news, and threat groups (MITRE ATT&CK groups plus
well-known others). Each actor has one canonical label and a stable id
(:func:`kg.rdf.namespace.actor_id`), so "Kaspersky", "Kaspersky Lab" and
"Kaspersky's" are one actor in every article.

Data comes from the YAML files in ``kg/data/gazetteer/`` (read in file-name
order) and from ``kg/data/attack-groups.json`` (© The MITRE Corporation, see
``kg/data/ATTACK-LICENSE.txt``). A user file given with ``--gazetteer`` is
applied last. It is YAML (a list of mappings with the keys of
:data:`ENTRY_KEYS`; ``aliases`` a list or a "|"-separated string) or CSV (a
header naming ``label`` and any of ``type``, ``aliases``, ``affiliation``,
``code``; aliases "|"-separated)::

    - label: Mandiant                  # known actor: add aliases, override fields
      aliases: [FireEye]               # FireEye is a known label: merged into Mandiant
    - {label: Blue Heron, type: ThreatGroup, aliases: [BH-1], affiliation: Iran}

Rules, the same for shipped and user files:

* an entry whose label is a known actor (or, without a type, a known alias)
  overrides that actor's type and affiliation where given and adds its aliases;
* an entry whose alias is the *label* of another known actor merges that actor
  into the entry's actor (all its aliases follow, its id redirects), so merging
  two actors is one alias line;
* an alias that is only an alias of another actor moves to the entry's actor;
* a new actor needs a type; errors name the file and line.

Surface forms are matched by the gazetteer only, never by fuzzy similarity.
Matching (:meth:`Gazetteer.lookup`) ignores a leading "the", a possessive
"'s"/"’s", dots in acronyms ("U.S." = "US") and, for names, letter case. An
acronym-like alias (at most five letters, no lower-case letter, no digit: "US",
"NSA", "GCHQ") matches only in that case, so "us" is not the United States; a
name that is "The" plus one word ("The Record") matches only with its article;
an all-lower-case surface never matches a capitalised name ("apple").

Descriptive actors ("Russian government hackers", "US officials", "China's
Foreign Ministry", "the Albanian prime minister") are built on demand by
:meth:`Gazetteer.descriptive_group`; see its docstring for the grammar, labels
and types.

The package is split by job: :mod:`.files` reads YAML and CSV entries,
:mod:`.core` assembles and queries the :class:`Gazetteer`, :mod:`.index` holds
its lookup tables, :mod:`.groups` the descriptive-group grammar, :mod:`.attack`
the MITRE ATT&CK import and :mod:`.summary` the ``kg actors`` report.
"""

from __future__ import annotations

from kg.extract.gazetteer.attack import attack_affiliation, attack_entries
from kg.extract.gazetteer.core import Gazetteer
from kg.extract.gazetteer.core import _data_dir as _data_dir  # the shipped data folder
from kg.extract.gazetteer.core import _shipped as _shipped  # benchmarks clear its cache
from kg.extract.gazetteer.files import ENTRY_KEYS, read_gazetteer_file
from kg.extract.gazetteer.summary import ActorSummary, summarize_actors
from kg.extract.gazetteer.surface import normalize_surface

__all__ = [
    "ActorSummary",
    "ENTRY_KEYS",
    "Gazetteer",
    "attack_affiliation",
    "attack_entries",
    "normalize_surface",
    "read_gazetteer_file",
    "summarize_actors",
]
