"""Prepare the SQLite copy of the corpus for Datasette, in Datasette's favour.

Datasette filters and facets one table and searches one FTS table, so the copy gets two
denormalised tables computed ahead of time (the app computes the same things per request):

- article_list: one row per (article, topic) with the law's slug, the in-force version's
  longest prison term in years (999 for a life term, so one indexed range filter selects what
  the app's `max_prison_years_min` does) and the main penalty of part 1; indexed for the filter.
- article_text: one row per article with its titles and in-force text, with a plain FTS5 table
  (sqlite-utils enable-fts) that Datasette's `?_search=` uses. The app's own FTS5 table holds
  stems for its own queries and is not meant for Datasette.
"""

import sqlite_utils

LIFE = 999

ARTICLE_LIST = f"""
CREATE TABLE article_list AS
SELECT a.id AS article_id, l.slug AS law, a.number, a.sort_key, a.title_en, a.title_ru,
       t.slug AS topic,
       CASE WHEN EXISTS (SELECT 1 FROM provisions_penalty p WHERE p.version_id = v.id
                         AND p.role = 'main' AND p.kind = 'life_imprisonment') THEN {LIFE}
            ELSE (SELECT MAX(CASE p.unit WHEN 'years' THEN p.max WHEN 'months' THEN p.max / 12.0
                             END)
                  FROM provisions_penalty p WHERE p.version_id = v.id
                  AND p.role = 'main' AND p.kind = 'imprisonment') END AS max_prison_years,
       (SELECT p.kind FROM provisions_penalty p WHERE p.version_id = v.id AND p.role = 'main'
        ORDER BY p.part, p.id LIMIT 1) AS penalty_kind
FROM provisions_article a
JOIN provisions_law l ON l.id = a.law_id
JOIN provisions_article_topics at ON at.article_id = a.id
JOIN provisions_topic t ON t.id = at.topic_id
LEFT JOIN provisions_articleversion v ON v.article_id = a.id AND v.valid_to IS NULL
"""

ARTICLE_TEXT = """
CREATE TABLE article_text AS
SELECT a.id AS article_id, l.slug AS law, a.number, a.title_en, a.title_ru,
       v.text_en, v.text_ru
FROM provisions_article a
JOIN provisions_law l ON l.id = a.law_id
LEFT JOIN provisions_articleversion v ON v.article_id = a.id AND v.valid_to IS NULL
"""


def prepare(path: str):
    db = sqlite_utils.Database(path)
    for name in ("article_list", "article_text"):
        db[name].drop(ignore=True)
    db.execute(ARTICLE_LIST)
    db["article_list"].create_index(["topic", "max_prison_years"])
    db["article_list"].create_index(["law"])
    db.execute(ARTICLE_TEXT)
    db["article_text"].transform(pk="article_id")
    db["article_text"].enable_fts(
        ["title_en", "title_ru", "text_en", "text_ru"], fts_version="FTS5", replace=True
    )
    db.execute("ANALYZE")
    db.conn.commit()
    db.vacuum()


def article_id(path: str, law: str, number: str) -> int:
    db = sqlite_utils.Database(path)
    sql = (
        "SELECT a.id FROM provisions_article a JOIN provisions_law l ON l.id = a.law_id "
        "WHERE l.slug = ? AND a.number = ?"
    )
    return db.execute(sql, [law, number]).fetchone()[0]
