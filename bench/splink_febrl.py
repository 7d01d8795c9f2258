"""Deduplicate a FEBRL set converted by bench/febrl.py with Splink (DuckDB backend), configured the
way Splink's own FEBRL tutorials do, on the same four columns museum sees (given name, surname,
date of birth, the address as one place string; no social security number).

    python bench/splink_febrl.py victims.csv truth.csv [threshold]

Prints one JSON object like bench/splink_dedup.py: pairwise and B-cubed P/R/F1 at the threshold
and at Splink's best threshold on the file (chosen with the truth, for fairness), and seconds.
"""

import csv
import json
import sys
import time

import duckdb
import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, __import__("os").path.dirname(__file__))
from splink_dedup import evaluate  # noqa: E402


def main():
    victims, truth_path = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.9
    start = time.time()
    df = pd.read_csv(victims, dtype=str, keep_default_na=False).replace("", None)
    df = df.rename(columns={"id": "unique_id"})
    df["postcode"] = df["birth_place"].str.extract(r"(\d{4}) \w+$", expand=False)
    db_api = DuckDBAPI(connection=duckdb.connect())
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.JaroWinklerAtThresholds("birth_place", [0.95, 0.8]),
            cl.PostcodeComparison("postcode"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("birth_date"),
            block_on("postcode"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    table = db_api.register(df)
    linker = Linker(table, settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "birth_date")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.01)
    truth = {}
    with open(truth_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            truth[r["record_id"]] = r["person_id"]

    def at(t):
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=t
        )
        cdf = clusters.as_pandas_dataframe()
        pred = dict(zip(cdf["unique_id"].astype(str), cdf["cluster_id"].astype(str)))
        return evaluate(pred, truth)

    result = at(threshold)
    result["threshold"] = threshold
    result["seconds"] = round(time.time() - start, 2)
    best = max(
        ((t, at(t)) for t in (0.5, 0.8, 0.95, 0.99, 0.999)),
        key=lambda x: x[1]["pairwise"]["f1"],
    )
    result["best_threshold"] = {"threshold": best[0], **best[1]}
    result["records"] = len(df)
    result["splink"] = __import__("splink").__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
