"""Builds the scikit-learn reference fixtures for DemarcheMLTests.

Run from anywhere with the project's Python (scikit-learn 1.9.1, numpy):

    /work/venv/bin/python Tests/DemarcheMLTests/Fixtures/make_fixtures.py

Writes, next to this script:
  tfidf.json     a small pre-tokenised corpus, several TfidfVectorizer settings, and for each the
                 expected vocabulary (in column order), idf and the sparse matrices of the training
                 documents and of held-out documents (transform with unknown terms).
  logistic.json  a small TF-IDF matrix with 3 classes, and LogisticRegression(solver="lbfgs",
                 tol=1e-10, max_iter=10000) fits (plain and class_weight="balanced"): coef_,
                 intercept_, predict_proba.

Tokens are used exactly as given: the analyzer is a callable built from scikit-learn's own
`_word_ngrams` (and its `char_wb` analyzer over the space-joined tokens), so nothing is lowercased
or re-tokenised. Extra terms are appended to the analyzer's output unchanged.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))

TRAIN = [
    ("the minister accused Seoul of provocation".split(), ["L1=accused"]),
    ("Seoul welcomed the talks with Pyongyang".split(), ["L1=welcomed"]),
    ("Pyongyang condemned the drills near the border".split(), []),
    ("the talks resumed in Geneva on Monday".split(), []),
    ("officials in Moscow said the talks were useful".split(), []),
    ("Россия осудила учения у границы".split(), ["L1=осудила"]),
    ("the café near the embassy closed".split(), []),
    ("a naïve reading of the treaty".split(), []),
    ("the treaty was signed in Geneva".split(), ["L1=signed"]),
    ("Washington accused Pyongyang of provocation again".split(), ["L1=accused"]),
    ("the minister welcomed the treaty".split(), ["L1=welcomed"]),
    ("drills near the border angered Seoul".split(), []),
    ("the the the talks talks".split(), []),
    ("Zürich hosted the talks on the treaty".split(), []),
    ("NATO and the UN welcomed the ceasefire".split(), ["L1=welcomed", "PARTY=NATO"]),
    ("the UN condemned the strike".split(), []),
    ("a".split(), []),
    ("Éire and Ísland signed a deal".split(), ["L1=signed"]),
    ("the ceasefire held near the border".split(), []),
    ("Moscow condemned the strike on Monday".split(), []),
]
HELD_OUT = [
    ("the minister accused Moscow of provocation".split(), ["L1=accused", "never=seen"]),
    ("unknown words only here".split(), []),
    ("the talks the talks".split(), []),
    ([], ["L1=welcomed"]),
]

_word = CountVectorizer()


def analyzer(word_range, char_range):
    char_analyzer = None
    if char_range is not None:
        char_analyzer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=char_range, lowercase=False
        ).build_analyzer()

    def analyze(doc):
        tokens, extra = doc
        _word.ngram_range = word_range
        terms = list(_word._word_ngrams(list(tokens)))
        if char_analyzer is not None:
            terms += char_analyzer(" ".join(tokens))
        return terms + list(extra)

    return analyze


def csr(matrix):
    matrix = matrix.tocsr()
    matrix.sort_indices()
    return {
        "rowOffsets": [int(v) for v in matrix.indptr],
        "columnIndices": [int(v) for v in matrix.indices],
        "values": [float(v) for v in matrix.data],
    }


def docs_json(docs):
    return [{"tokens": list(t), "extraTerms": list(e)} for t, e in docs]


CASES = [
    ("words_1_1", dict(word=(1, 1))),
    ("words_1_2", dict(word=(1, 2))),
    ("words_1_2_min_df_2", dict(word=(1, 2), min_df=2)),
    ("words_1_2_max_df_half", dict(word=(1, 2), max_df=0.5)),
    ("words_1_2_max_features_20", dict(word=(1, 2), max_features=20)),
    ("words_1_2_sublinear", dict(word=(1, 2), sublinear_tf=True)),
    ("words_1_1_no_smooth_idf", dict(word=(1, 1), smooth_idf=False)),
    ("words_1_1_char_wb_2_4", dict(word=(1, 1), char=(2, 4))),
    ("words_2_3_no_idf_no_norm_sublinear", dict(word=(2, 3), use_idf=False, norm=None, sublinear_tf=True)),
]


def tfidf_fixture():
    cases = []
    for name, s in CASES:
        vec = TfidfVectorizer(
            analyzer=analyzer(s["word"], s.get("char")),
            min_df=s.get("min_df", 1),
            max_df=s.get("max_df", 1.0),
            max_features=s.get("max_features"),
            sublinear_tf=s.get("sublinear_tf", False),
            smooth_idf=s.get("smooth_idf", True),
            use_idf=s.get("use_idf", True),
            norm=s.get("norm", "l2"),
        )
        train = vec.fit_transform(TRAIN)
        if s.get("max_features"):
            # The kept set must not depend on how ties at the cut are broken.
            counts = CountVectorizer(analyzer=analyzer(s["word"], s.get("char"))).fit_transform(TRAIN)
            totals = np.sort(np.asarray(counts.sum(axis=0)).ravel())[::-1]
            k = s["max_features"]
            assert totals[k - 1] != totals[k], "tie at the max_features cut; pick another value"
        terms = [t for t, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
        assert terms == sorted(terms)
        idf = [float(v) for v in vec.idf_] if s.get("use_idf", True) else [1.0] * len(terms)
        cases.append({
            "name": name,
            "configuration": {
                "wordNgramRange": list(s["word"]),
                "characterNgramRange": list(s["char"]) if s.get("char") else None,
                "minDocumentFrequency": s.get("min_df", 1),
                "maxDocumentFrequency": s.get("max_df", 1.0),
                "maxFeatures": s.get("max_features"),
                "sublinearTF": s.get("sublinear_tf", False),
                "smoothIDF": s.get("smooth_idf", True),
                "useIDF": s.get("use_idf", True),
                "normalizeRows": s.get("norm", "l2") == "l2",
            },
            "terms": terms,
            "idf": idf,
            "train": csr(train),
            "heldOut": csr(vec.transform(HELD_OUT)),
        })
    return {
        "sklearn": sklearn.__version__,
        "documents": docs_json(TRAIN),
        "heldOut": docs_json(HELD_OUT),
        "cases": cases,
    }


def logistic_fixture():
    rng = np.random.RandomState(7)
    common = [f"w{i}" for i in range(30)]
    cue = {0: ["accused", "condemned", "threat", "warned"],
           1: ["welcomed", "praised", "agreed", "thanked"],
           2: ["said", "met", "visited", "noted"]}
    labels = [0] * 45 + [1] * 25 + [2] * 20
    docs = []
    for y in labels:
        tokens = list(rng.choice(common, size=rng.randint(4, 9)))
        for _ in range(rng.randint(1, 3)):
            # Mostly the class's own cues, sometimes another class's: not separable.
            source = y if rng.rand() < 0.7 else rng.randint(3)
            tokens.insert(rng.randint(len(tokens) + 1), rng.choice(cue[source]))
        docs.append((tokens, []))
    vec = TfidfVectorizer(analyzer=analyzer((1, 2), None), min_df=2)
    X = vec.fit_transform(docs)
    y = np.array(labels)
    fits = []
    for name, params in [
        ("c1", dict(C=1.0)),
        ("c10_balanced", dict(C=10.0, class_weight="balanced")),
        ("c0.3_no_intercept", dict(C=0.3, fit_intercept=False)),
    ]:
        model = LogisticRegression(solver="lbfgs", tol=1e-10, max_iter=10000, **params).fit(X, y)
        fits.append({
            "name": name,
            "c": params["C"],
            "classWeighting": "balanced" if params.get("class_weight") else "none",
            "fitIntercept": params.get("fit_intercept", True),
            "iterations": int(model.n_iter_[0]),
            "coef": [[float(v) for v in row] for row in model.coef_],
            "intercept": [float(v) for v in np.atleast_1d(model.intercept_)] if params.get("fit_intercept", True) else [0.0] * 3,
            "probabilities": [[float(v) for v in row] for row in model.predict_proba(X)],
        })
    return {
        "sklearn": sklearn.__version__,
        "classCount": 3,
        "featureCount": X.shape[1],
        "features": csr(X),
        "labels": labels,
        "fits": fits,
    }


def write(name, payload):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    write("tfidf.json", tfidf_fixture())
    write("logistic.json", logistic_fixture())
