-- recoupe store, version 3: a compact article-rowid -> story map for the stories search.
-- The search walks FTS matches by rowid; joining them to `articles` (whose rows hold whole
-- texts, one page each) cost a random page read per match on a cold 100,000-article store.
-- This table holds two small columns per article and stays in the page cache.
-- Derived, kept in step with story_members by a trigger (save_stories writes with
-- INSERT OR REPLACE, whose implicit delete fires no trigger: the insert trigger replaces).
CREATE TABLE article_story (
    article_rowid   INTEGER PRIMARY KEY,
    story_id        TEXT NOT NULL
);
CREATE INDEX article_story_story ON article_story(story_id);

CREATE TRIGGER story_members_keys_ai AFTER INSERT ON story_members BEGIN
    INSERT OR REPLACE INTO article_story(article_rowid, story_id)
    SELECT a.rowid, new.story_id FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER story_members_keys_ad AFTER DELETE ON story_members BEGIN
    DELETE FROM article_story
    WHERE article_rowid = (SELECT a.rowid FROM articles a WHERE a.id = old.article_id);
END;

INSERT INTO article_story(article_rowid, story_id)
SELECT a.rowid, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id;
