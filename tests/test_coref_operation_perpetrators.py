""" "Those behind the attack" and "those conducting the attacks" refer back to the article's
attacker, as "the attack" does: after "Turla hacked Acme", "Finland sanctioned those behind
the attack" sanctions Turla; with no operation before, nobody. Hand-built Docs, so only
the rules run (word lemma POS TAG dep head ENT, tests/hand_docs.py)."""

from __future__ import annotations

import pytest
from test_extract_operation_doer import relations

HACKED = """
Turla Turla PROPN NNP nsubj 1 B-ORG
{verb} {lemma} VERB VBD ROOT 1 O
Acme~ Acme PROPN NNP dobj 1 B-ORG
. . PUNCT . punct 1 O
"""

BEHIND = """
Finland Finland PROPN NNP nsubj 5 B-GPE
sanctioned sanction VERB VBD ROOT 5 O
those those PRON DT dobj 5 O
behind behind ADP IN prep 6 O
the the DET DT det 9 O
attack~ attack NOUN NN pobj 7 O
. . PUNCT . punct 5 O
"""

CONDUCTING = """
Finland Finland PROPN NNP nsubj 5 B-GPE
sanctioned sanction VERB VBD ROOT 5 O
those those PRON DT dobj 5 O
conducting conduct VERB VBG acl 6 O
the the DET DT det 9 O
attacks~ attack NOUN NNS dobj 7 O
. . PUNCT . punct 5 O
"""


@pytest.mark.parametrize("second", [BEHIND, CONDUCTING])
def test_coref_operation_perpetrators_are_the_articles_attacker(second):
    found = relations(HACKED.format(verb="hacked", lemma="hack") + second)
    assert ("Turla", "hacked", "Acme") in found
    assert ("Finland", "sanctioned", "Turla") in found


@pytest.mark.parametrize("second", [BEHIND, CONDUCTING])
def test_coref_operation_perpetrators_need_an_operation_before(second):
    found = relations(HACKED.format(verb="met", lemma="meet") + second)
    assert not any(p == "sanctioned" and o == "Turla" for _, p, o in found)
