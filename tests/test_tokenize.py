import pytest

from index.tokenize import BIGRAM_PREFIX, STOPWORDS, Tokenizer


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    return Tokenizer(tmp_path_factory.mktemp("jieba"))


def shares_terms(tokenizer, part: str, whole: str) -> bool:
    return set(tokenizer.tokens(part)) <= set(tokenizer.tokens(whole))


@pytest.mark.parametrize(
    "part, whole",
    [("卫生运动", "爱国卫生运动"), ("爱国卫生", "爱国卫生运动"), ("献血", "无偿献血"), ("复垦", "拆除复垦"), ("飞地", "飞地经济")],
)
def test_parts_of_compounds_match(tokenizer, part, whole):
    assert shares_terms(tokenizer, part, f"离石区开展{whole}活动")


def test_traditional_and_simplified_are_one_script(tokenizer):
    assert tokenizer.tokens("信義鎮愛國衛生運動") == tokenizer.tokens("信义镇爱国卫生运动")


def test_widths_and_case_are_folded(tokenizer):
    assert tokenizer.tokens("Ｎ９５口罩") == tokenizer.tokens("n95口罩")


def test_noise_is_not_a_term(tokenizer):
    assert tokenizer.tokens("😀😀😀") == []
    assert tokenizer.tokens("？？？！！") == []
    assert tokenizer.tokens("\u200b\u200d\x07") == []
    assert tokenizer.tokens("😀信义\u200b镇爱国卫生\u200d运动！！😀") == tokenizer.tokens("信义镇爱国卫生运动")
    assert tokenizer.tokens("信义镇😀爱国卫生运动") == tokenizer.tokens("信义镇 爱国卫生运动")


def test_question_words_carry_no_content(tokenizer):
    terms = tokenizer.tokens("离石区和中阳县什么时候签约飞地经济吗？")
    assert not {"什么时候", "什么", "时候", "吗", "和"} & set(terms)
    assert {"签约", "飞地", "经济", BIGRAM_PREFIX + "飞地"} <= set(terms)
    assert {"多少", "几", "谁", "怎么", "如何", "呢", "的", "了", "哪天"} <= STOPWORDS


def test_learned_names_are_cut_whole(tmp_path):
    tokenizer = Tokenizer(tmp_path)
    text = "离石区城北街道尉汾路社区开展活动。山西中磁尚善科技有限公司董事长陈艳说。"
    names = tokenizer.learn_names([text], ["王晶晶 张婧"])
    assert {"尉汾路社区", "王晶晶", "张婧"} <= set(names)
    tokenizer.add_names(names)
    assert "尉汾路社区" in tokenizer.words("尉汾路社区在哪")


def test_modes(tmp_path):
    text = "爱国卫生运动"
    assert BIGRAM_PREFIX + "卫生" not in Tokenizer(tmp_path, mode="search").tokens(text)
    assert "爱国卫生" not in Tokenizer(tmp_path, mode="bigram").tokens(text)
    with pytest.raises(ValueError, match="search, bigram, both"):
        Tokenizer(tmp_path, mode="trigram")


def test_jieba_cache_lives_in_the_given_folder(tmp_path):
    Tokenizer(tmp_path / "cache").tokens("信义镇")
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["jieba.cache"]


def test_a_sound_alike_differs_by_one_character_read_the_same():
    from index.homophones import Homophones
    sounds = Homophones(lambda: "焉艳义意")
    assert (0, "义诊") in sounds.variants("意诊")
    assert "梁家焉村" not in dict(sounds.variants("梁家艳村")).values()  # yàn / yān: tones differ
    assert (2, "梁家焉村") in sounds.variants("梁家艳村", tones=False)


def test_the_faster_viterbi_decodes_as_jiebas_own():
    import random

    import jieba.posseg
    from jieba.posseg.viterbi import viterbi as jiebas

    from index import viterbi

    tables = (jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    rng = random.Random(7)
    alphabet = "的一是不了人在有他这为大来以个中上们到说国和地也子时道出要于就下得可年生会那后能对着高爱花焉峁塬梁赟郭志平"
    runs = ["高爱花当上", "人钱地房数村稳", "疾控的李建君在", "中磁上善"]
    runs += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(300)]
    assert jieba.posseg.viterbi is viterbi.viterbi  # installed when index.tokenize is imported
    assert all(viterbi.viterbi(run, *tables) == jiebas(run, *tables) for run in runs)


def test_a_sound_alike_as_usually_read_comes_first():
    from index.homophones import Homophones
    sounds = Homophones(lambda: "落络格")
    assert sounds.usually_alike("落", "络")  # luò, as both are usually read
    assert not sounds.usually_alike("落", "格")  # 格 is read luò only in a rare word: gé
