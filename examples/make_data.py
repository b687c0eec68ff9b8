"""Write the example's competition data from scikit-learn's bundled breast cancer dataset.

    python examples/make_data.py [OUT_DIR]      (default: examples/data)

Kaggle-style files: train.csv (id, features, diagnosis), test.csv (id, features)
and answers.csv (id, diagnosis) for grading; answers stay outside the input folder.
"""

import sys
from pathlib import Path

from sklearn.datasets import load_breast_cancer


def main(out: Path) -> None:
    frame = load_breast_cancer(as_frame=True).frame
    frame.columns = [c.replace(" ", "_") for c in frame.columns]
    frame = frame.rename(columns={"target": "diagnosis"})
    frame.insert(0, "id", range(1, len(frame) + 1))
    test = frame.sample(frac=0.3, random_state=7).sort_values("id")
    train = frame.drop(test.index)
    (out / "input").mkdir(parents=True, exist_ok=True)
    train.to_csv(out / "input" / "train.csv", index=False)
    test.drop(columns="diagnosis").to_csv(out / "input" / "test.csv", index=False)
    test[["id", "diagnosis"]].to_csv(out / "answers.csv", index=False)
    print(f"wrote {len(train)} train and {len(test)} test rows to {out / 'input'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "data")
