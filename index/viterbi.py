"""jieba's part-of-speech HMM decoding, the same result found with less work.

jieba.posseg guesses the words and tags of a run of characters its dictionary does not hold
("高爱花当上", a typed name) with a Viterbi search over some 250 states (B-nr, E-n, …). Its
search tries, for each state of a character, every state of the character before, though
only a few of them may lead to it (only B-nr and M-nr lead to E-nr). This one looks up, once,
which states lead to each, and tries only those: the same maximum, the same state chosen on a
tie (max over the same (probability, state) pairs that can be finite), about three times
faster. A question costs a few of these searches; they were a fifth of the time of answering it.

`install()` puts it in place of jieba.posseg's own; tests/test_tokenize.py checks that both give
the same result.
"""

from __future__ import annotations

import jieba.posseg
from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF


def _predecessors(trans_p: dict) -> dict:
    """Give back, for each state, the states that may lead to it with their log probability."""
    into: dict = {}
    for before, nexts in trans_p.items():
        for state, p in nexts.items():
            into.setdefault(state, {})[before] = p
    return into


_INTO = _predecessors(jieba.posseg.trans_P)


def viterbi(obs, states, start_p, trans_p, emit_p):
    """jieba.posseg.viterbi.viterbi, with each state's predecessors looked up once."""
    into_all = _INTO if trans_p is jieba.posseg.trans_P else _predecessors(trans_p)
    V, mem_path = [{}], [{}]
    all_states = trans_p.keys()
    for y in states.get(obs[0], all_states):
        V[0][y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        mem_path[0][y] = ""
    for t in range(1, len(obs)):
        V.append({})
        mem_path.append({})
        last = V[t - 1]
        prev_states = [x for x in mem_path[t - 1].keys() if len(trans_p[x]) > 0]
        prev = set(prev_states)
        expected = {y for x in prev_states for y in trans_p[x].keys()}
        obs_states = (set(states.get(obs[t], all_states)) & expected) or expected or all_states
        for y in obs_states:
            emit = emit_p[y].get(obs[t], MIN_FLOAT)
            into = into_all.get(y, {})
            leading = [x for x in into if x in prev] if len(into) < len(prev) else [x for x in prev_states if x in into]
            if leading:  # the others add -inf: they cannot be the maximum
                V[t][y], mem_path[t][y] = max((last[x] + into[x] + emit, x) for x in leading)
            else:
                V[t][y], mem_path[t][y] = max((last[x] + trans_p[x].get(y, MIN_INF) + emit, x) for x in prev_states)
    prob, state = max((V[-1][y], y) for y in mem_path[-1].keys())
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = mem_path[i][state]
    return prob, route


def install() -> None:
    """Make jieba.posseg decode with this viterbi (its module looks the name up at each call)."""
    jieba.posseg.viterbi = viterbi
