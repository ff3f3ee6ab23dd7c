"""The benchmark script still runs (a smoke test: its numbers are read, never asserted)."""

from bench.search import main


def test_bench_prints_one_table_for_three_engines(capsys):
    main(["--sizes", "200", "--questions", "5"])
    out = capsys.readouterr().out
    rows = [line.split()[1] if line.split()[0] == "200" else line.split()[0] for line in out.splitlines()[3:6]]
    assert rows == ["ours", "rank_bm25", "bm25s"]
    assert "cold start" in out and "x bm25s" in out


def test_the_bot_bench_runs_and_answers_everyone(capsys):
    from bench import bot

    bot.main(["--readers", "20", "--runs", "1", "--stories", "300"])
    out = capsys.readouterr().out
    assert out.count("20 distinct readers at once") == 2
    assert out.count("unanswered or apologised: 0") == 2
    assert "a new page while the bot runs, 300 stories: answered about it" in out
