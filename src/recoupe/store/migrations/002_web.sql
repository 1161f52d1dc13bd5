-- recoupe store, version 2: what the web pages search and page on.
-- Existing tables are untouched; everything here is derived and kept in step by triggers.

-- Newest-first keyset pagination over stories (NULL dates sort last).
CREATE INDEX stories_recent ON stories(coalesce(last_seen, ''), id);
CREATE INDEX facts_status ON facts(status, story_id);
CREATE INDEX articles_lang ON articles(lang);
CREATE INDEX entity_mentions_name ON entity_mentions(name COLLATE NOCASE);

-- One row per quote of every analysis, filled from analyses.record by a trigger.
CREATE TABLE quote_index (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL,
    n               INTEGER NOT NULL,          -- index into Analysis.quotes
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    speaker         TEXT,
    speaker_entity  TEXT,
    direct          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quote_index_article ON quote_index(article_id);
CREATE INDEX quote_index_speaker_entity ON quote_index(speaker_entity);

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER quote_index_ai AFTER INSERT ON quote_index BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.id, new.text, coalesce(new.speaker, ''));
END;
CREATE TRIGGER quote_index_ad AFTER DELETE ON quote_index BEGIN
    DELETE FROM quotes_fts WHERE rowid = old.id;
END;

-- save_analysis writes with INSERT OR REPLACE, whose implicit delete fires no trigger:
-- the insert trigger clears the article's old quotes itself.
CREATE TRIGGER analyses_quotes_ai AFTER INSERT ON analyses BEGIN
    DELETE FROM quote_index WHERE article_id = new.article_id;
    INSERT INTO quote_index(article_id, n, span_start, span_end, text, speaker, speaker_entity, direct)
    SELECT new.article_id, CAST(q.key AS INTEGER),
           json_extract(q.value, '$.span.start'), json_extract(q.value, '$.span.end'),
           json_extract(q.value, '$.text'), json_extract(q.value, '$.speaker.name'),
           json_extract(q.value, '$.speaker.entity_id'), coalesce(json_extract(q.value, '$.direct'), 0)
    FROM json_each(new.record, '$.quotes') AS q;
END;
CREATE TRIGGER analyses_quotes_ad AFTER DELETE ON analyses BEGIN
    DELETE FROM quote_index WHERE article_id = old.article_id;
END;

INSERT INTO quote_index(article_id, n, span_start, span_end, text, speaker, speaker_entity, direct)
SELECT a.article_id, CAST(q.key AS INTEGER),
       json_extract(q.value, '$.span.start'), json_extract(q.value, '$.span.end'),
       json_extract(q.value, '$.text'), json_extract(q.value, '$.speaker.name'),
       json_extract(q.value, '$.speaker.entity_id'), coalesce(json_extract(q.value, '$.direct'), 0)
FROM analyses AS a, json_each(a.record, '$.quotes') AS q;

-- Fact labels, searchable; rowid = facts.rowid. A stale row left by a REPLACE is harmless:
-- searches join back to facts and drop rowids that no longer exist.
CREATE VIRTUAL TABLE facts_fts USING fts5(label, tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER facts_fts_ai AFTER INSERT ON facts BEGIN
    DELETE FROM facts_fts WHERE rowid = new.rowid;
    INSERT INTO facts_fts(rowid, label) VALUES (new.rowid, new.label);
END;
CREATE TRIGGER facts_fts_ad AFTER DELETE ON facts BEGIN
    DELETE FROM facts_fts WHERE rowid = old.rowid;
END;
INSERT INTO facts_fts(rowid, label) SELECT rowid, label FROM facts;
