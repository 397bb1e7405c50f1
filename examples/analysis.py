"""An example analysis of a newsetl dataset: three questions, three PNG files.

    python examples/analysis.py OUTPUT_DIR [PNG_DIR]

Loads the tables with DuckDB straight from the Parquet files (Hive partitions discovered) and
draws with matplotlib:
  docs_per_day.png   documents per day, per site (the six largest sites)
  speakers.png       the most frequent speakers (answers in Q&A turns and attributed quotes)
  qa_by_outlet.png   Q&A pairs per questioning outlet
CI runs it on the output of the fixtures; the README's pictures come from the sample corpus.
"""

import sys
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# A CJK font if the machine has one (Debian: fonts-wqy-microhei), so that names render.
plt.rcParams["font.sans-serif"] = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False


def main(out: Path, png: Path) -> list[Path]:
    png.mkdir(parents=True, exist_ok=True)
    t = lambda name: f"'{out}/{name}/**/*.parquet'"  # noqa: E731
    con = duckdb.connect()

    # 1. Documents per day per site.
    per_day = con.sql(f"""
        with top as (
            select site from {t('articles')} where site is not null
            group by site order by count(*) desc limit 6)
        select date_trunc('day', published_at at time zone 'UTC') as day, site, count(*) as n
        from {t('articles')} join top using (site)
        where published_at is not null
        group by day, site order by day
    """).pl()
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for site, g in per_day.group_by("site", maintain_order=True):
        ax.scatter(g["day"].to_list(), g["n"].to_list(), label=site[0], s=18)
    ax.set_title("Documents per day, by site (six largest sites)")
    ax.set_ylabel("documents")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, ncol=2)
    fig.autofmt_xdate()
    files = [save(fig, png / "docs_per_day.png")]

    # 2. The most frequent speakers: answerers in Q&A turns plus quoted speakers.
    speakers = con.sql(f"""
        select speaker, count(*) as n from (
            select speaker from {t('turns')} where role = 'answer' and speaker is not null
            union all
            select speaker from {t('quotes')})
        group by speaker order by n desc, speaker limit 15
    """).pl()
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.barh(speakers["speaker"].to_list()[::-1], speakers["n"].to_list()[::-1])
    ax.set_title("Most frequent speakers (answers and quotes)")
    ax.set_xlabel("turns + quotes")
    files.append(save(fig, png / "speakers.png"))

    # 3. Q&A pairs per outlet of the questioner.
    outlets = con.sql(f"""
        select coalesce(questioner_org, '(outlet not named)') as outlet, count(*) as n
        from {t('qa_pairs')} group by outlet order by n desc, outlet limit 15
    """).pl()
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.barh(outlets["outlet"].to_list()[::-1], outlets["n"].to_list()[::-1])
    ax.set_title("Q&A pairs per questioning outlet")
    ax.set_xlabel("Q&A pairs")
    files.append(save(fig, png / "qa_by_outlet.png"))
    return files


def save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    png = Path(sys.argv[2] if len(sys.argv) > 2 else out / "_figures")
    for f in main(out, png):
        print(f)
