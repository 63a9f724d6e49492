/// The SQLite schema, as ordered migrations. Text compares byte-wise (BINARY collation), like `COLLATE "C"` in
/// the PostgreSQL schema, so both backends sort ids and date keys identically.
enum SQLiteSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "articles, entities, mentions, events, timeline", sql: """
            CREATE TABLE articles (
              id TEXT PRIMARY KEY NOT NULL,
              title TEXT,
              text TEXT NOT NULL,
              published_at TEXT,
              source TEXT,
              content_hash TEXT NOT NULL,
              analysis_json BLOB NOT NULL,
              created_at TEXT NOT NULL
            );
            CREATE TABLE entities (
              id TEXT PRIMARY KEY NOT NULL,
              type TEXT NOT NULL,
              name TEXT NOT NULL,
              name_folded TEXT NOT NULL,
              iso2 TEXT, iso3 TEXT, country TEXT,
              mention_count INTEGER NOT NULL DEFAULT 0,
              article_count INTEGER NOT NULL DEFAULT 0,
              first_seen TEXT,
              last_seen TEXT
            );
            CREATE INDEX entities_rank ON entities (mention_count DESC, id);
            CREATE TABLE entity_aliases (
              entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
              alias TEXT NOT NULL,
              alias_folded TEXT NOT NULL,
              refs INTEGER NOT NULL,
              PRIMARY KEY (entity_id, alias)
            );
            CREATE TABLE entity_roles (
              entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
              role TEXT NOT NULL,
              refs INTEGER NOT NULL,
              PRIMARY KEY (entity_id, role)
            );
            CREATE TABLE article_entities (
              article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              entity_id TEXT NOT NULL,
              mention_count INTEGER NOT NULL,
              roles TEXT NOT NULL,
              first_sentence TEXT,
              PRIMARY KEY (article_id, entity_id)
            );
            CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id);
            CREATE TABLE mentions (
              article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              entity_id TEXT NOT NULL,
              start_offset INTEGER NOT NULL,
              end_offset INTEGER NOT NULL,
              text TEXT NOT NULL,
              sentence INTEGER NOT NULL,
              kind TEXT NOT NULL,
              field TEXT NOT NULL
            );
            CREATE INDEX mentions_article ON mentions (article_id, entity_id);
            CREATE TABLE events (
              article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              event_id TEXT NOT NULL,
              type TEXT NOT NULL,
              event_date TEXT,
              date_sort TEXT NOT NULL,
              date_text TEXT,
              date_source TEXT,
              trigger_text TEXT NOT NULL,
              trigger_start INTEGER NOT NULL,
              sentence INTEGER NOT NULL,
              sentence_text TEXT NOT NULL,
              location_id TEXT,
              status TEXT NOT NULL,
              negated INTEGER NOT NULL,
              PRIMARY KEY (article_id, event_id)
            );
            CREATE TABLE event_participants (
              article_id TEXT NOT NULL,
              event_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              entity_id TEXT NOT NULL,
              role TEXT NOT NULL,
              name TEXT NOT NULL,
              PRIMARY KEY (article_id, event_id, ord),
              FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id) ON DELETE CASCADE
            );
            CREATE TABLE timeline_items (
              entity_id TEXT NOT NULL,
              article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              ord TEXT NOT NULL,
              date_sort TEXT NOT NULL,
              pos INTEGER NOT NULL,
              kind TEXT NOT NULL,
              type_key TEXT NOT NULL,
              item_date TEXT,
              event_id TEXT,
              event_type TEXT,
              trigger_text TEXT,
              role TEXT,
              sentence TEXT NOT NULL,
              mention_text TEXT,
              mention_count INTEGER,
              PRIMARY KEY (entity_id, article_id, ord)
            );
            CREATE INDEX timeline_order ON timeline_items (entity_id, date_sort, article_id, pos, ord);
            CREATE INDEX timeline_article ON timeline_items (article_id);
            """),
        // The new columns start NULL on existing rows; `StoreOperations.fillDerivedColumns` computes them.
        Migration(version: 2, name: "entity acronyms, folded titles, article listing order", sql: """
            ALTER TABLE entities ADD COLUMN acronym TEXT;
            ALTER TABLE articles ADD COLUMN title_folded TEXT;
            CREATE INDEX articles_newest ON articles (coalesce(published_at, ''), id);
            """),
        // Story events: derived rows, recomputed per bucket by `StoryOperations` from the member events; rows of
        // articles stored before this migration are built by `StoryOperations.fillMissingMembers` on open.
        Migration(version: 3, name: "story events", sql: """
            CREATE TABLE story_members (
              article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              event_id TEXT NOT NULL,
              bucket TEXT NOT NULL,
              story_id TEXT NOT NULL,
              PRIMARY KEY (article_id, event_id)
            );
            CREATE INDEX story_members_bucket ON story_members (bucket);
            CREATE INDEX story_members_story ON story_members (story_id, article_id, event_id);
            CREATE TABLE story_events (
              id TEXT PRIMARY KEY NOT NULL,
              bucket TEXT NOT NULL,
              type TEXT NOT NULL,
              event_date TEXT,
              date_sort TEXT NOT NULL,
              status TEXT NOT NULL,
              article_count INTEGER NOT NULL,
              sources TEXT NOT NULL,
              first_reported TEXT,
              last_reported TEXT,
              sentence TEXT NOT NULL,
              fingerprint TEXT NOT NULL
            );
            CREATE INDEX story_events_bucket ON story_events (bucket);
            CREATE TABLE story_participants (
              story_id TEXT NOT NULL REFERENCES story_events (id) ON DELETE CASCADE,
              entity_id TEXT NOT NULL,
              role TEXT NOT NULL,
              name TEXT NOT NULL,
              ord INTEGER NOT NULL,
              bucket TEXT NOT NULL,
              type TEXT NOT NULL,
              date_sort TEXT NOT NULL,
              status TEXT NOT NULL,
              PRIMARY KEY (story_id, entity_id)
            );
            CREATE INDEX story_participants_timeline ON story_participants (entity_id, date_sort, story_id);
            CREATE INDEX story_participants_bucket ON story_participants (bucket, entity_id);
            CREATE TABLE story_buckets (
              bucket TEXT PRIMARY KEY NOT NULL,
              version INTEGER NOT NULL
            );
            """),
        // Each member's day (empty for a month- or year-only date), so that ingest finds the members a new one can
        // join by index (bucket, day) instead of reading whole stories; each story's merge state
        // (`StoryMerging.Aggregate.stateText`), so that it joins new members without its members being read. Both are
        // filled by `StoryOperations.fillStoryState` on open.
        Migration(version: 4, name: "story member days and story merge state", sql: """
            ALTER TABLE story_members ADD COLUMN day TEXT;
            DROP INDEX story_members_bucket;
            CREATE INDEX story_members_day ON story_members (bucket, day);
            ALTER TABLE story_events ADD COLUMN state TEXT;
            """),
    ]
}
