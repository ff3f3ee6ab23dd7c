"""Encyclopedia passages made pages (not news; half in traditional script), written blind."""

from bench.passages import FIXTURE, load, ours
from tests.conftest import FIGURES


def test_encyclopedia_passages_are_found_and_answered(tmp_path):
    passages, questions = load(FIXTURE)
    counts = ours(passages, questions, tmp_path)
    for script in ("simplified", "traditional"):
        asked = counts[f"{script} asked"]
        FIGURES.append(f"encyclopedia passages ({script}): {asked} questions, right passage first "
                       f"{counts[f'{script} first'] / asked:.1%}, answer in the first excerpt "
                       f"{counts[f'{script} excerpt'] / asked:.1%} ({counts[f'{script} answer'] / asked:.1%} with `answered`)")
        assert asked == 40
        assert counts[f"{script} first"] / asked >= 0.95
        assert counts[f"{script} excerpt"] / asked >= 0.85
        assert counts[f"{script} answer"] / asked >= 0.6
    assert counts["refused"] == 6  # the questions no passage answers
