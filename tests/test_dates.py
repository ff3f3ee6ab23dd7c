from index.dates import article_date, find_dates, latest, page_year


def test_dates_as_printed():
    assert find_dates("2月 21日，山西中磁尚善", 2020) == ["2020-02-21"]
    assert find_dates("5 月 17 日，离石") == ["--05-17"]
    assert find_dates("本报讯 11月29日，离石") == ["--11-29"]
    assert find_dates("学习了习总书记 5月 11日—12日视察山西") == ["--05-11", "--05-12"]
    assert find_dates("1月 25日 (大年初一)凌晨 3时", 2020) == ["2020-01-25"]
    assert find_dates("2月 16日至 3月 31日持续不间断", 2022) == ["2022-02-16", "2022-03-31"]


def test_a_printed_year_wins_over_the_page_year():
    assert find_dates("2019年12月1日起施行", 2020) == ["2019-12-01"]


def test_impossible_dates_are_not_dates():
    assert find_dates("2月30日", 2021) == []
    assert find_dates("13月1日") == []
    assert find_dates("2月29日") == ["--02-29"]


def test_page_year_is_the_latest_year_printed():
    assert page_year("2016年落户，2017年 6月建设投产，在2020 年脱贫攻坚交总账") == 2020
    assert page_year("截至2020年4月底") == 2020


def test_page_year_ignores_targets_and_range_ends():
    assert page_year("2021年取得成绩，到2035年基本实现现代化") == 2021
    assert page_year("2019年成果，2021—2025年规划") == 2019


def test_page_year_from_the_spring_festival():
    assert page_year("1月 25日 (大年初一)凌晨 3时，离石区接到") == 2020
    assert page_year("2月17日（大年初一）") == 2026


def test_an_ambiguous_spring_festival_names_no_year():
    assert page_year("2月1日（春节）") is None  # both 2003 and 2022


def test_no_year_is_invented():
    assert page_year("本报讯 3 月 10 日，离石区吴城镇") is None


def test_latest_date():
    assert latest(["2020-02-21", "2020-02-20", "2019-12-30"]) == "2020-02-21"
    assert latest(["--03-12", "--01-25"]) == "--03-12"
    assert latest([]) is None


def test_article_date_is_the_first_date_of_the_lead():
    assert article_date("本报讯 5月 16日，按照交口街道党工委的统一安排", 2020) == "2020-05-16"
    assert article_date("本报讯 近日，离石区红眼川乡积极响应区委号召", 2020) is None


def test_the_spring_festival_names_a_year_without_a_table_that_runs_out():
    from index.dates import spring_festival

    assert [spring_festival(y) for y in (2020, 2026, 2031, 2099)] == [(1, 25), (2, 17), (1, 23), (1, 21)]
    assert page_year("2月17日（大年初一），家家户户贴春联。") == 2026  # the only such year up to today
    assert page_year("1月29日（大年初一），") is None  # 2006 and 2025 alike: the page does not say
