-- How often each knowledge article was read: for the "most read" list on a search without
-- results. A slug and a count; nothing about who read it.
CREATE TABLE help_views (
    slug TEXT PRIMARY KEY,
    views INTEGER NOT NULL DEFAULT 0
);
