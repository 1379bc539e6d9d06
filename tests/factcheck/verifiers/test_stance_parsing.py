"""The judge keeps what it read of a text (its Side) for the next pairs that hold that text."""

from factcheck.verifiers import stance

CLAIM = "The Brenmoor ferry company cut its crossings to Ardley from six a day to four in May."
EVIDENCE = "Brenmoor ferries still run six crossings a day to Ardley, the company said in June."


def test_it_reads_a_text_again_in_another_language():
    stance.forget()
    french_first = stance.judge(CLAIM, EVIDENCE, "fr")
    stance.forget()
    stance.judge(CLAIM, EVIDENCE, "en")
    assert stance.judge(CLAIM, EVIDENCE, "fr") == french_first


def test_it_keeps_a_bounded_number_of_texts(monkeypatch):
    monkeypatch.setattr(stance, "SIDES_KEPT", 3)
    stance.forget()
    stance.judge_many([(f"Le port de Brenmoor a reçu {n} navires en mai.", "Le port a fermé.")
                       for n in range(5)])
    assert len(stance._sides) == 3
