"""The stance judge on sentences written for these tests (none of them is in the training pairs)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.verifiers.stance import judge, judge_many

CLAIM = "La coopérative agricole de Rodez a vendu 3 200 tonnes de blé au Maroc en mars 2024."


def contradiction(evidence, claim=CLAIM, lang="fr"):
    return judge(claim, evidence, lang)


def test_it_sees_a_different_number():
    j = contradiction("La coopérative agricole de Rodez a vendu 900 tonnes de blé au Maroc en mars 2024.")
    assert (j.stance, j.reason_code) == ("contradicts", "number")
    assert j.reason == "different figure: 3 200 tonnes ≠ 900 tonnes"


def test_it_sees_a_different_date():
    j = contradiction("La coopérative agricole de Rodez a vendu 3 200 tonnes de blé au Maroc en mars 2021.")
    assert (j.stance, j.reason_code) == ("contradicts", "date")


def test_it_sees_a_different_place():
    j = contradiction("La coopérative agricole de Rodez a vendu 3 200 tonnes de blé en Tunisie en mars 2024.")
    assert (j.stance, j.reason_code) == ("contradicts", "place")
    assert j.reason_params == {"claim": "Maroc", "evidence": "Tunisie"}


# A single swapped noun or verb in an otherwise identical sentence reads like a paraphrase: the
# judge knows no synonyms, so it cannot tell "blé/maïs" from "vendu/écoulé" (docs/stance.md, limits).
SWAP_LIMIT = pytest.mark.xfail(strict=True, reason="one swapped word reads as a paraphrase (docs/stance.md)")


@SWAP_LIMIT
def test_it_sees_a_different_object():
    j = contradiction("La coopérative agricole de Rodez a vendu 3 200 tonnes de maïs au Maroc en mars 2024.")
    assert (j.stance, j.reason_code) == ("contradicts", "object")
    assert j.reason_params == {"claim": "blé", "evidence": "maïs"}


def test_it_sees_an_antonym():
    j = contradiction("La coopérative agricole de Rodez a acheté 3 200 tonnes de blé au Maroc en mars 2024.")
    assert (j.stance, j.reason_code) == ("contradicts", "antonym")
    assert j.reason_params == {"claim": "vendu", "evidence": "acheté"}


def test_it_sees_a_negation_in_the_evidence():
    j = contradiction("La coopérative agricole de Rodez n'a pas vendu de blé au Maroc en mars 2024.")
    assert (j.stance, j.reason_code) == ("contradicts", "negation_evidence")
    assert j.reason == "the evidence denies it"


def test_it_sees_a_denial():
    j = contradiction("La préfecture dément que la coopérative de Rodez ait vendu du blé au Maroc.")
    assert (j.stance, j.reason_code) == ("contradicts", "denial")


def test_it_sees_a_claim_that_denies_what_the_evidence_reports():
    j = judge("Le tunnel du Mont-Blanc n'a pas rouvert lundi.", "Le tunnel du Mont-Blanc a rouvert lundi.")
    assert (j.stance, j.reason_code) == ("contradicts", "negation_claim")


def test_it_sees_a_different_person():
    j = judge("Marie Lenoir a été élue maire de Quimper dimanche.", "Paul Garnier a été élu maire de Quimper dimanche.")
    assert j.stance == "contradicts"
    assert j.reason_code in ("person", "name")
    assert j.reason_params == {"claim": "Marie Lenoir", "evidence": "Paul Garnier"}


def test_it_names_the_swapped_word_when_a_substitution_contradicts():
    j = judge("Le navire a accosté au port de Brest mardi.", "Le navire a coulé dans le port de Brest mardi.")
    assert (j.stance, j.reason_code) == ("contradicts", "event")
    assert j.reason_params == {"claim": "accosté", "evidence": "coulé"}


def test_it_sees_a_different_cause():
    j = judge("Le festival de jazz a été annulé à cause de la pluie.",
              "Le festival de jazz a été annulé à cause d'une grève des techniciens.")
    assert (j.stance, j.reason_code) == ("contradicts", "cause")
    assert j.reason_params == {"claim": "pluie", "evidence": "grève"}


@SWAP_LIMIT
def test_it_sees_a_different_event():
    j = judge("Le navire a accosté au port de Brest mardi.", "Le navire a coulé au large de Brest mardi.")
    assert j.stance == "contradicts"
    assert j.reason_code in ("event", "antonym")


def test_it_sees_a_quantifier_that_narrows_the_claim():
    j = judge("Toutes les écoles de la ville resteront fermées jeudi.",
              "Seules quelques écoles de la ville resteront fermées jeudi.")
    assert (j.stance, j.reason_code) == ("contradicts", "quantifier")


def test_it_sees_an_english_antonym():
    j = judge("Wheat prices rose sharply in March.", "Wheat prices fell sharply in March.", lang="en")
    assert (j.stance, j.reason_code) == ("contradicts", "antonym")


def test_it_lets_a_paraphrase_support_the_claim():
    j = contradiction("En mars 2024, 3 200 tonnes de blé ont été vendues au Maroc par la coopérative de Rodez.")
    assert j.stance == "supports"
    assert j.reason == "the evidence reports the same facts"


def test_it_calls_a_text_on_another_subject_unrelated():
    j = contradiction("Le conservatoire de Lille ouvre une classe de violoncelle à la rentrée.")
    assert j.stance == "unrelated"


def test_it_lets_two_negated_statements_agree():
    j = judge("Le tunnel du Mont-Blanc n'a pas rouvert lundi.", "Lundi, le tunnel du Mont-Blanc n'a toujours pas rouvert.")
    assert j.stance != "contradicts"


def test_it_answers_pairs_in_their_order():
    pairs = [(CLAIM, "Le conservatoire de Lille ouvre une classe de violoncelle."),
             (CLAIM, "La coopérative agricole de Rodez a vendu 900 tonnes de blé au Maroc en mars 2024.")]
    stances = [j.stance for j in judge_many(pairs)]
    assert stances == ["unrelated", "contradicts"]


def test_it_takes_empty_texts_without_error():
    j = judge("", "")
    assert j.stance == "unrelated"


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_it_keeps_confidence_between_zero_and_one(claim, evidence):
    j = judge(claim, evidence)
    assert 0.0 <= j.confidence <= 1.0
    assert 0.0 <= j.contradiction <= 1.0


def test_it_renders_the_reason_in_french():
    j = contradiction("La coopérative agricole de Rodez a vendu 3 200 tonnes de blé en Tunisie en mars 2024.")
    assert j.render("fr") == "lieu différent\u202f: Maroc ≠ Tunisie"


def test_it_renders_the_reason_in_english():
    j = contradiction("La coopérative agricole de Rodez n'a pas vendu de blé au Maroc en mars 2024.")
    assert j.render("en") == "the evidence denies it"


def test_it_leaves_the_worker_vocabulary_as_it_found_it():
    from factcheck.nlp import load

    judge("Le marché de Plouzvrek a vendu des brioches.", "Le marché de Plouzvrek a vendu des galettes.")
    strings = len(load("fr").vocab.strings)
    judge("La zorbinette de Kwalstrup a gagné 12 skrells.", "La zorbinette de Kwalstrup a perdu 12 skrells.")
    assert len(load("fr").vocab.strings) == strings


def test_it_does_not_take_a_contrast_for_a_denial():
    j = judge("Ce sont les régions, et non les communes, qui fixent le prix des cantines des lycées.",
              "Les régions fixent le prix des cantines des lycées depuis 2004.")
    assert j.stance != "contradicts"


def test_it_finds_the_shared_data_beside_the_main_checkout_of_a_worktree(tmp_path):
    from factcheck.verifiers.stance.data import daccord_path

    main, worktree = tmp_path / "checkouts" / "main", tmp_path / "elsewhere" / "wt"
    (main / ".git" / "worktrees" / "wt").mkdir(parents=True)
    worktree.mkdir(parents=True)
    (worktree / ".git").write_text(f"gitdir: {main / '.git' / 'worktrees' / 'wt'}\n")
    data = tmp_path / "checkouts" / "shared" / "data"
    data.mkdir(parents=True)
    (data / "daccord-covid.tsv").write_text("id\tpremise\thypothesis\tlabel\tlabel_text\turl\tgenre\n")
    assert daccord_path(worktree) == data / "daccord-covid.tsv"


def test_it_tempers_its_confidence_without_changing_the_stance():
    from factcheck.verifiers.stance.model import Model

    spec = {"features": ["x"], "classes": ["contradicts", "supports", "unrelated"], "mean": [0.0],
            "scale": [1.0], "coef": [[2.0], [0.0], [-2.0]], "intercept": [0.0, 0.0, 0.0]}
    sharp = Model(spec).predict({"x": 1.0})
    tempered = Model({**spec, "temperature": 2.0}).predict({"x": 1.0})
    assert max(tempered, key=tempered.get) == max(sharp, key=sharp.get) == "contradicts"
    assert tempered["contradicts"] < sharp["contradicts"]


def test_it_answers_each_copy_of_a_wire_sentence_as_it_answers_the_sentence():
    claim = "La ville a fermé trois écoles lundi."
    copy, other = "La ville a fermé cinq écoles lundi.", "Le club a gagné son match dimanche."
    answers = judge_many([(claim, copy), (claim, other), (claim, copy), (claim, copy)])
    assert [a.stance for a in answers] == [judge(claim, copy).stance, judge(claim, other).stance,
                                           judge(claim, copy).stance, judge(claim, copy).stance]
    assert answers[0].stance != answers[1].stance
