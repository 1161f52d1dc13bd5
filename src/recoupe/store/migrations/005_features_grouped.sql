-- Grouping features are computed on the workers with the analysis (the embedding is the
-- largest per-document cost of grouping); an article's features are stored at ingest with
-- grouped = 0 and the grouping sets grouped = 1 once it has placed the article.
ALTER TABLE features ADD COLUMN grouped INTEGER NOT NULL DEFAULT 1;
CREATE INDEX features_ungrouped ON features(grouped) WHERE grouped = 0;
