/// The PostgreSQL schema, as ordered migrations. Every text column uses `COLLATE "C"` (byte order), so ids and
/// date keys sort exactly as in SQLite whatever the database's default collation; counts are `BIGINT`, the
/// analysis JSON `BYTEA` (stored verbatim, never parsed).
enum PostgresSchema {
    /// Key of the advisory lock that serialises migrations across processes ("ATTACHE!" as a big-endian integer).
    static let migrationLockKey: Int64 = 0x4154_5441_4348_4521

    static let migrations: [Migration] = [
        Migration(version: 1, name: "articles, entities, mentions, events, timeline", sql: """
            CREATE TABLE articles (
              id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              title TEXT COLLATE "C",
              text TEXT COLLATE "C" NOT NULL,
              published_at TEXT COLLATE "C",
              source TEXT COLLATE "C",
              content_hash TEXT COLLATE "C" NOT NULL,
              analysis_json BYTEA NOT NULL,
              created_at TEXT COLLATE "C" NOT NULL
            );
            CREATE TABLE entities (
              id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              type TEXT COLLATE "C" NOT NULL,
              name TEXT COLLATE "C" NOT NULL,
              name_folded TEXT COLLATE "C" NOT NULL,
              iso2 TEXT COLLATE "C", iso3 TEXT COLLATE "C", country TEXT COLLATE "C",
              mention_count BIGINT NOT NULL DEFAULT 0,
              article_count BIGINT NOT NULL DEFAULT 0,
              first_seen TEXT COLLATE "C",
              last_seen TEXT COLLATE "C"
            );
            CREATE INDEX entities_rank ON entities (mention_count DESC, id);
            CREATE TABLE entity_aliases (
              entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
              alias TEXT COLLATE "C" NOT NULL,
              alias_folded TEXT COLLATE "C" NOT NULL,
              refs BIGINT NOT NULL,
              PRIMARY KEY (entity_id, alias)
            );
            CREATE TABLE entity_roles (
              entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
              role TEXT COLLATE "C" NOT NULL,
              refs BIGINT NOT NULL,
              PRIMARY KEY (entity_id, role)
            );
            CREATE TABLE article_entities (
              article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              entity_id TEXT COLLATE "C" NOT NULL,
              mention_count BIGINT NOT NULL,
              roles TEXT COLLATE "C" NOT NULL,
              first_sentence TEXT COLLATE "C",
              PRIMARY KEY (article_id, entity_id)
            );
            CREATE INDEX article_entities_entity ON article_entities (entity_id, article_id);
            CREATE TABLE mentions (
              article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              entity_id TEXT COLLATE "C" NOT NULL,
              start_offset BIGINT NOT NULL,
              end_offset BIGINT NOT NULL,
              text TEXT COLLATE "C" NOT NULL,
              sentence BIGINT NOT NULL,
              kind TEXT COLLATE "C" NOT NULL,
              field TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX mentions_article ON mentions (article_id, entity_id);
            CREATE TABLE events (
              article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              event_id TEXT COLLATE "C" NOT NULL,
              type TEXT COLLATE "C" NOT NULL,
              event_date TEXT COLLATE "C",
              date_sort TEXT COLLATE "C" NOT NULL,
              date_text TEXT COLLATE "C",
              date_source TEXT COLLATE "C",
              trigger_text TEXT COLLATE "C" NOT NULL,
              trigger_start BIGINT NOT NULL,
              sentence BIGINT NOT NULL,
              sentence_text TEXT COLLATE "C" NOT NULL,
              location_id TEXT COLLATE "C",
              status TEXT COLLATE "C" NOT NULL,
              negated BIGINT NOT NULL,
              PRIMARY KEY (article_id, event_id)
            );
            CREATE TABLE event_participants (
              article_id TEXT COLLATE "C" NOT NULL,
              event_id TEXT COLLATE "C" NOT NULL,
              ord BIGINT NOT NULL,
              entity_id TEXT COLLATE "C" NOT NULL,
              role TEXT COLLATE "C" NOT NULL,
              name TEXT COLLATE "C" NOT NULL,
              PRIMARY KEY (article_id, event_id, ord),
              FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id) ON DELETE CASCADE
            );
            CREATE TABLE timeline_items (
              entity_id TEXT COLLATE "C" NOT NULL,
              article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
              ord TEXT COLLATE "C" NOT NULL,
              date_sort TEXT COLLATE "C" NOT NULL,
              pos BIGINT NOT NULL,
              kind TEXT COLLATE "C" NOT NULL,
              type_key TEXT COLLATE "C" NOT NULL,
              item_date TEXT COLLATE "C",
              event_id TEXT COLLATE "C",
              event_type TEXT COLLATE "C",
              trigger_text TEXT COLLATE "C",
              role TEXT COLLATE "C",
              sentence TEXT COLLATE "C" NOT NULL,
              mention_text TEXT COLLATE "C",
              mention_count BIGINT,
              PRIMARY KEY (entity_id, article_id, ord)
            );
            CREATE INDEX timeline_order ON timeline_items (entity_id, date_sort, article_id, pos, ord);
            CREATE INDEX timeline_article ON timeline_items (article_id);
            """),
        // The new columns start NULL on existing rows; `StoreOperations.fillDerivedColumns` computes them.
        Migration(version: 2, name: "entity acronyms, folded titles, article listing order", sql: """
            ALTER TABLE entities ADD COLUMN acronym TEXT COLLATE "C";
            ALTER TABLE articles ADD COLUMN title_folded TEXT COLLATE "C";
            CREATE INDEX articles_newest ON articles ((coalesce(published_at, '')), id);
            """),
        // Partition-ready: the two big tables carry the publication month (`YYYY-MM`, '' when undated), the key a
        // user partitions them by (README, "Past one PostgreSQL"), and no table references `articles` by a foreign
        // key any more (a foreign key into a partitioned table needs the partition key in the referenced key): the
        // store deletes an article's rows itself, in the deleting transaction. It also spares every inserted row a
        // foreign-key check.
        Migration(version: 3, name: "publication month on articles and mentions; no foreign keys into articles", sql: """
            ALTER TABLE articles ADD COLUMN published_month TEXT COLLATE "C" NOT NULL
              GENERATED ALWAYS AS (CASE WHEN published_at ~ '^[0-9]{4}-[0-9]{2}' THEN substr(published_at, 1, 7) ELSE '' END) STORED;
            ALTER TABLE mentions ADD COLUMN published_month TEXT COLLATE "C" NOT NULL DEFAULT '';
            UPDATE mentions m SET published_month = a.published_month FROM articles a WHERE a.id = m.article_id;
            ALTER TABLE article_entities DROP CONSTRAINT article_entities_article_id_fkey;
            ALTER TABLE mentions DROP CONSTRAINT mentions_article_id_fkey;
            ALTER TABLE events DROP CONSTRAINT events_article_id_fkey;
            ALTER TABLE event_participants DROP CONSTRAINT event_participants_article_id_event_id_fkey;
            ALTER TABLE timeline_items DROP CONSTRAINT timeline_items_article_id_fkey;
            """),
        // Story events: derived rows, recomputed per bucket by `StoryOperations` from the member events; rows of
        // articles stored before this migration are built by `StoryOperations.fillMissingMembers` on open. No foreign key
        // into `articles` (see migration 3): `StoreOperations.delete` removes an article's members itself.
        Migration(version: 4, name: "story events", sql: """
            CREATE TABLE story_members (
              article_id TEXT COLLATE "C" NOT NULL,
              event_id TEXT COLLATE "C" NOT NULL,
              bucket TEXT COLLATE "C" NOT NULL,
              story_id TEXT COLLATE "C" NOT NULL,
              PRIMARY KEY (article_id, event_id)
            );
            CREATE INDEX story_members_bucket ON story_members (bucket);
            CREATE INDEX story_members_story ON story_members (story_id, article_id, event_id);
            CREATE TABLE story_events (
              id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              bucket TEXT COLLATE "C" NOT NULL,
              type TEXT COLLATE "C" NOT NULL,
              event_date TEXT COLLATE "C",
              date_sort TEXT COLLATE "C" NOT NULL,
              status TEXT COLLATE "C" NOT NULL,
              article_count BIGINT NOT NULL,
              sources TEXT COLLATE "C" NOT NULL,
              first_reported TEXT COLLATE "C",
              last_reported TEXT COLLATE "C",
              sentence TEXT COLLATE "C" NOT NULL,
              fingerprint TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX story_events_bucket ON story_events (bucket);
            CREATE TABLE story_participants (
              story_id TEXT COLLATE "C" NOT NULL REFERENCES story_events (id) ON DELETE CASCADE,
              entity_id TEXT COLLATE "C" NOT NULL,
              role TEXT COLLATE "C" NOT NULL,
              name TEXT COLLATE "C" NOT NULL,
              ord BIGINT NOT NULL,
              bucket TEXT COLLATE "C" NOT NULL,
              type TEXT COLLATE "C" NOT NULL,
              date_sort TEXT COLLATE "C" NOT NULL,
              status TEXT COLLATE "C" NOT NULL,
              PRIMARY KEY (story_id, entity_id)
            );
            CREATE INDEX story_participants_timeline ON story_participants (entity_id, date_sort, story_id);
            CREATE INDEX story_participants_bucket ON story_participants (bucket, entity_id);
            CREATE TABLE story_buckets (
              bucket TEXT COLLATE "C" PRIMARY KEY NOT NULL,
              version BIGINT NOT NULL
            );
            """),
        // Each member's day (empty for a month- or year-only date), so that ingest finds the members a new one can
        // join by index (bucket, day) instead of reading whole stories; each story's merge state
        // (`StoryMerging.Aggregate.stateText`), so that it joins new members without its members being read. Both are
        // filled by `StoryOperations.fillStoryState` on open.
        Migration(version: 5, name: "story member days and story merge state", sql: """
            ALTER TABLE story_members ADD COLUMN day TEXT COLLATE "C";
            DROP INDEX story_members_bucket;
            CREATE INDEX story_members_day ON story_members (bucket, day);
            ALTER TABLE story_events ADD COLUMN state TEXT COLLATE "C";
            """),
    ]
}
