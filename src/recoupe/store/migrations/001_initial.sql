-- recoupe store, version 1: every stage's records.
-- Each record is kept whole as JSON (`record`, from model.to_dict) beside the
-- columns that queries filter or sort on.

CREATE TABLE raw_documents (
    id          TEXT PRIMARY KEY,          -- content hash: re-ingesting changes nothing
    format      TEXT NOT NULL,
    source      TEXT NOT NULL,             -- file path or URL read
    locator     TEXT NOT NULL DEFAULT '',  -- line, row, WARC record
    url         TEXT,
    outlet      TEXT,
    fetched_at  TEXT,
    ingested_at TEXT NOT NULL,
    content     TEXT NOT NULL,
    record      TEXT NOT NULL              -- the RawDocument without its content
);

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    raw_id      TEXT NOT NULL UNIQUE REFERENCES raw_documents(id),
    outlet      TEXT,
    url         TEXT,
    title       TEXT,
    lang        TEXT,
    published   TEXT,                      -- ISO partial date
    truncated   INTEGER NOT NULL DEFAULT 0,
    n_chars     INTEGER NOT NULL DEFAULT 0,
    text        TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE analyses (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    n_quotes    INTEGER NOT NULL DEFAULT 0,
    n_figures   INTEGER NOT NULL DEFAULT 0,
    n_claims    INTEGER NOT NULL DEFAULT 0,
    record      TEXT NOT NULL
);

CREATE TABLE entity_mentions (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    entity_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    n_mentions  INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);

CREATE TABLE ingest_errors (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    locator     TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (source, locator, reason)
);

CREATE TABLE features (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    published   TEXT,
    record      TEXT NOT NULL
);
CREATE INDEX features_published ON features(published);

CREATE TABLE dup_groups (
    id           TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    record       TEXT NOT NULL
);
CREATE TABLE article_copies (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    group_id    TEXT NOT NULL REFERENCES dup_groups(id)
);

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    n_articles  INTEGER NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);
CREATE TABLE story_members (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    story_id    TEXT NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE facts (
    id          TEXT PRIMARY KEY,
    story_id    TEXT NOT NULL REFERENCES stories(id),
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,             -- automatic status
    label       TEXT NOT NULL,
    n_origins   INTEGER NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX facts_story ON facts(story_id);

-- Human verdicts: an append-only audit log, never touched by a re-run.
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    fact_id         TEXT NOT NULL,
    status          TEXT NOT NULL,
    previous_status TEXT,
    note            TEXT NOT NULL,
    reviewer        TEXT NOT NULL,
    at              TEXT NOT NULL
);
CREATE INDEX reviews_fact ON reviews(fact_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
