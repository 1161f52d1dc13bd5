-- recoupe store, version 4: what keeps the stories page and its search cheap at 100,000 articles.
-- Derived only; existing tables are untouched.

-- 1. The status counts of a page of stories read from this index alone: a facts row holds the
--    whole evidence record, so counting statuses through facts_story read every fact's pages.
CREATE INDEX facts_story_status ON facts(story_id, status);

-- 2. Quote rowid -> story and fact rowid -> story, as article_story (003) does for articles:
--    the stories search maps up to `search_match_cap` FTS matches of each kind to their story;
--    through quote_index and story_members (text keys, wide rows) that cost about 4 us a match.

CREATE TABLE quote_story (
    quote_rowid     INTEGER PRIMARY KEY,   -- quote_index.id = quotes_fts.rowid
    story_id        TEXT NOT NULL
);
-- A quote indexed for an article already in a story.
CREATE TRIGGER quote_story_quote_ai AFTER INSERT ON quote_index BEGIN
    INSERT OR REPLACE INTO quote_story(quote_rowid, story_id)
    SELECT new.id, m.story_id FROM story_members m WHERE m.article_id = new.article_id;
END;
CREATE TRIGGER quote_story_quote_ad AFTER DELETE ON quote_index BEGIN
    DELETE FROM quote_story WHERE quote_rowid = old.id;
END;
-- An article put in (or, by INSERT OR REPLACE, moved to) a story: its quotes follow.
CREATE TRIGGER quote_story_member_ai AFTER INSERT ON story_members BEGIN
    INSERT OR REPLACE INTO quote_story(quote_rowid, story_id)
    SELECT q.id, new.story_id FROM quote_index q WHERE q.article_id = new.article_id;
END;
CREATE TRIGGER quote_story_member_ad AFTER DELETE ON story_members BEGIN
    DELETE FROM quote_story WHERE quote_rowid IN (SELECT q.id FROM quote_index q WHERE q.article_id = old.article_id);
END;

CREATE TABLE fact_story (
    fact_rowid      INTEGER PRIMARY KEY,   -- facts.rowid = facts_fts.rowid
    story_id        TEXT NOT NULL
);
-- save_facts writes with INSERT OR REPLACE, whose implicit delete fires no trigger: the row a
-- REPLACE drops is found by its id before the insert, so no stale rowid keeps a story.
CREATE TRIGGER fact_story_bi BEFORE INSERT ON facts BEGIN
    DELETE FROM fact_story WHERE fact_rowid = (SELECT f.rowid FROM facts f WHERE f.id = new.id);
END;
CREATE TRIGGER fact_story_ai AFTER INSERT ON facts BEGIN
    INSERT OR REPLACE INTO fact_story(fact_rowid, story_id) VALUES (new.rowid, new.story_id);
END;
CREATE TRIGGER fact_story_ad AFTER DELETE ON facts BEGIN
    DELETE FROM fact_story WHERE fact_rowid = old.rowid;
END;
CREATE TRIGGER fact_story_au AFTER UPDATE OF story_id ON facts BEGIN
    UPDATE fact_story SET story_id = new.story_id WHERE fact_rowid = new.rowid;
END;

INSERT INTO quote_story(quote_rowid, story_id)
SELECT q.id, m.story_id FROM quote_index q JOIN story_members m ON m.article_id = q.article_id;
INSERT INTO fact_story(fact_rowid, story_id) SELECT rowid, story_id FROM facts;
