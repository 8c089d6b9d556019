/* store/schema.c: the schema as a list of migrations, and the vocabularies.
 *
 * PRAGMA user_version is the number of migrations applied. A newer
 * casewatch applies the missing ones in one transaction when it opens an
 * older database. Never edit a migration that has shipped: add one.
 * The schema stays readable by Debian's sqlite3 shell (3.40): no STRICT
 * tables beyond 3.37 features, no JSONB. */
#include "store/internal.h"

#include <stdio.h>
#include <string.h>

static const char *const migrations[] = {
	/* 1: the case register. Every record's canonical JSON lives in
	 * record.body (the interchange form, so exports are byte-stable);
	 * the other tables are projections of it for counting and search,
	 * rebuilt whenever a record is written. */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE record ("
	"  rid INTEGER PRIMARY KEY AUTOINCREMENT," /* opaque internal id, never reused */
	"  type TEXT NOT NULL,"
	"  id TEXT NOT NULL UNIQUE," /* the user's id */
	"  level INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 2),"
	"  vis INTEGER NOT NULL DEFAULT 0," /* level with dependencies' levels */
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  deleted INTEGER NOT NULL DEFAULT 0,"
	"  body TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  batch INTEGER," /* the import that last saw it (same id twice) */
	"  batch_at INTEGER);" /* file << 32 | line there */
	"CREATE TABLE revision ("
	"  rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  version INTEGER NOT NULL,"
	"  level INTEGER NOT NULL, deleted INTEGER NOT NULL,"
	"  body TEXT NOT NULL,"
	"  replaced TEXT NOT NULL," /* when this version stopped being current */
	"  PRIMARY KEY (rid, version));"
	"CREATE TABLE name ("
	"  rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT, kind TEXT,"
	"  PRIMARY KEY (rid, ord)) WITHOUT ROWID;"
	"CREATE TABLE person ("
	"  rid INTEGER PRIMARY KEY REFERENCES record(rid) ON DELETE CASCADE,"
	"  sex TEXT, born TEXT, died TEXT, region TEXT, merged_into TEXT);"
	"CREATE TABLE kase ("
	"  rid INTEGER PRIMARY KEY REFERENCES record(rid) ON DELETE CASCADE,"
	"  person TEXT NOT NULL, number TEXT, region TEXT);"
	"CREATE INDEX kase_person ON kase(person);"
	"CREATE TABLE charge ("
	"  case_rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  provision TEXT NOT NULL,"
	"  PRIMARY KEY (case_rid, provision)) WITHOUT ROWID;"
	"CREATE INDEX charge_provision ON charge(provision);"
	"CREATE TABLE event ("
	"  rid INTEGER PRIMARY KEY REFERENCES record(rid) ON DELETE CASCADE,"
	"  case_id TEXT NOT NULL, kind TEXT NOT NULL,"
	"  date TEXT, first_day INTEGER, last_day INTEGER, end_date TEXT);"
	"CREATE INDEX event_case ON event(case_id);"
	"CREATE TABLE cite ("
	"  rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  what TEXT NOT NULL," /* '' for the record itself, 'charge:ID' for a charge */
	"  source TEXT NOT NULL, locator TEXT, excerpt TEXT,"
	"  PRIMARY KEY (rid, ord)) WITHOUT ROWID;"
	"CREATE INDEX cite_source ON cite(source);"
	/* References other than citations (those are in cite). */
	"CREATE TABLE ref ("
	"  rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  field TEXT NOT NULL, target TEXT NOT NULL,"
	"  dep INTEGER NOT NULL," /* 1: the record is visible only with its target */
	"  PRIMARY KEY (rid, field, target)) WITHOUT ROWID;"
	/* Work tables of an import in progress (empty between imports). */
	"CREATE TABLE import_pending (rid INTEGER, field TEXT, target TEXT, file INT,"
	"  line INT);"
	"CREATE TABLE import_visdirty (rid INTEGER PRIMARY KEY);"
	"CREATE INDEX ref_target ON ref(target);"
	"CREATE TABLE document ("
	"  sha256 TEXT NOT NULL UNIQUE," /* lowercase hex of the bytes */
	"  size INTEGER NOT NULL, media_type TEXT,"
	"  content BLOB NOT NULL, text TEXT, added TEXT NOT NULL);"
	"CREATE TABLE vocab ("
	"  vocabulary TEXT NOT NULL, code TEXT NOT NULL,"
	"  label_en TEXT NOT NULL, label_ru TEXT, label_kk TEXT,"
	"  PRIMARY KEY (vocabulary, code)) WITHOUT ROWID;"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	"  target TEXT," /* 'r:RID', opaque; never the user's id or content */
	"  detail TEXT," /* counts and file hashes, never content */
	"  prev TEXT NOT NULL, hash TEXT NOT NULL);"
	"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

	/* 2: accounts for the team server. */
	"CREATE TABLE user ("
	"  uid INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','editor','viewer')),"
	"  clearance INTEGER NOT NULL DEFAULT 0 CHECK (clearance BETWEEN 0 AND 2),"
	"  pwhash TEXT NOT NULL, created TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  uid INTEGER NOT NULL REFERENCES user(uid) ON DELETE CASCADE,"
	"  created TEXT NOT NULL, expires TEXT NOT NULL) WITHOUT ROWID;",

	/* 3: search, mentions and name keys.
	 * fts: one row per searchable record (rowid = record.rid): people and
	 * organizations (names; keys = their folded transliterations, so any
	 * spelling finds them), cases, sources (title; body = the document's
	 * text). FTS5 keeps deleted words unless secure-delete is on. */
	"CREATE VIRTUAL TABLE fts USING fts5(type UNINDEXED, title, body, keys,"
	"  tokenize='casewatch', prefix='2 3');" /* prefix indexes: fast foo* */
	"INSERT INTO fts(fts, rank) VALUES ('secure-delete', 1);"
	/* mention: a span found in an ingested source, for review */
	"CREATE TABLE mention ("
	"  mid INTEGER PRIMARY KEY,"
	"  source_rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL, text TEXT NOT NULL,"
	"  start INTEGER NOT NULL, end_ INTEGER NOT NULL," /* code points in the text */
	"  value TEXT, suggested TEXT," /* normalized value; a matching record's id */
	"  status TEXT NOT NULL DEFAULT 'suggested'"
	"    CHECK (status IN ('suggested','accepted','rejected')),"
	"  linked TEXT);" /* the record it was accepted as */
	"CREATE INDEX mention_source ON mention(source_rid);"
	"CREATE INDEX mention_status ON mention(status);"
	/* name_key: match keys of people's names (match_name_keys) */
	"CREATE TABLE name_key ("
	"  rid INTEGER NOT NULL REFERENCES record(rid) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  PRIMARY KEY (key, rid)) WITHOUT ROWID;"
	"CREATE INDEX name_key_rid ON name_key(rid);",

	/* 4: who wrote each version, when and how (history), and what a
	 * replaced version's visibility was, so that history never shows a
	 * version above the reader's clearance. `how` is the writing command
	 * (import, add, set, edit, revert, merge, review, ...). Versions
	 * written before this migration have NULLs. */
	"ALTER TABLE record ADD COLUMN actor TEXT;"
	"ALTER TABLE record ADD COLUMN how TEXT;"
	"ALTER TABLE revision ADD COLUMN actor TEXT;"
	"ALTER TABLE revision ADD COLUMN how TEXT;"
	"ALTER TABLE revision ADD COLUMN written TEXT;"
	"ALTER TABLE revision ADD COLUMN vis INTEGER;",

	/* 5: what accepting a mention did to its record ("sentence.months=18",
	 * "date=2021-07-07", "cited"), shown by review. */
	"ALTER TABLE mention ADD COLUMN became TEXT;",
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_latest(void)
{
	return N_MIGRATIONS;
}

/* Apply migrations [from, to). Exposed to tests through store_migrate_to. */
int store_migrate_to(cw_db *db, int target, cw_err *e);

int store_migrate_to(cw_db *db, int target, cw_err *e)
{
	int have = store_schema_version(db);
	char sql[64];

	if (have < 0)
		return store_sqlerr(db, e, "cannot read the schema version");
	if (have >= target)
		return 0;
	if (store_exec(db, "BEGIN IMMEDIATE", e))
		return -1;
	for (int v = have; v < target; v++) {
		if (store_exec(db, migrations[v], e)) {
			cw_err_prefix(e, "migration %d", v + 1);
			goto fail;
		}
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", target);
	if (store_exec(db, sql, e))
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA application_id=%d", STORE_APPLICATION_ID);
	if (store_exec(db, sql, e))
		goto fail;
	if (store_exec(db, "COMMIT", e))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return -1;
}

int store_migrate(cw_db *db, cw_err *e)
{
	return store_migrate_to(db, N_MIGRATIONS, e);
}

/* The built-in vocabularies, with English, Russian and Kazakh labels.
 * Users extend them by importing {"type":"vocabulary", ...} records. */
static const struct {
	const char *vocab, *code, *en, *ru, *kk;
} seed[] = {
	{ "event_kind", "questioned", "questioned", "допрошен", "жауапқа алынды" },
	{ "event_kind", "searched", "searched", "обыск", "тінту" },
	{ "event_kind", "detained", "detained", "задержан", "ұсталды" },
	{ "event_kind", "arrested", "arrested", "арестован", "қамауға алынды" },
	{ "event_kind", "house_arrest", "placed under house arrest", "домашний арест", "үй қамағы" },
	{ "event_kind", "investigation_opened", "investigation opened", "возбуждено уголовное дело", "қылмыстық іс қозғалды" },
	{ "event_kind", "charged", "charged", "предъявлено обвинение", "айып тағылды" },
	{ "event_kind", "indicted", "indicted", "дело передано в суд", "іс сотқа жіберілді" },
	{ "event_kind", "hearing", "hearing", "судебное заседание", "сот отырысы" },
	{ "event_kind", "trial_started", "trial started", "начало суда", "сот басталды" },
	{ "event_kind", "convicted", "convicted", "осуждён", "сотталды" },
	{ "event_kind", "sentenced", "sentenced", "приговорён", "үкім шығарылды" },
	{ "event_kind", "sentence_converted", "sentence converted", "наказание заменено", "жаза ауыстырылды" },
	{ "event_kind", "probation_violation", "probation violation", "нарушение условий пробации", "пробация шарттарын бұзу" },
	{ "event_kind", "compulsory_treatment", "compulsory treatment", "принудительное лечение", "мәжбүрлеп емдеу" },
	{ "event_kind", "acquitted", "acquitted", "оправдан", "ақталды" },
	{ "event_kind", "appeal_rejected", "appeal rejected", "апелляция отклонена", "апелляция қанағаттандырылмады" },
	{ "event_kind", "appeal_granted", "appeal granted", "апелляция удовлетворена", "апелляция қанағаттандырылды" },
	{ "event_kind", "transferred", "transferred", "этапирован", "ауыстырылды" },
	{ "event_kind", "released", "released", "освобождён", "босатылды" },
	{ "event_kind", "pardoned", "pardoned", "помилован", "кешірім жасалды" },
	{ "event_kind", "amnestied", "amnestied", "амнистирован", "рақымшылық жасалды" },
	{ "event_kind", "fined", "fined", "оштрафован", "айыппұл салынды" },
	{ "event_kind", "travel_ban", "travel ban", "запрет на выезд", "шетелге шығуға тыйым" },
	{ "event_kind", "financial_monitoring_listed", "added to the financial monitoring list", "включён в перечень финмониторинга", "қаржы мониторингі тізіміне енгізілді" },
	{ "event_kind", "case_closed", "case closed", "дело прекращено", "іс тоқтатылды" },
	{ "source_kind", "interview", "interview", "интервью", "сұхбат" },
	{ "source_kind", "lawyer", "lawyer", "адвокат", "адвокат" },
	{ "source_kind", "court_document", "court document", "судебный документ", "сот құжаты" },
	{ "source_kind", "media", "media", "СМИ", "БАҚ" },
	{ "source_kind", "official", "official", "официальный источник", "ресми дереккөз" },
	{ "source_kind", "ngo_report", "NGO report", "доклад НКО", "ҮЕҰ баяндамасы" },
	{ "source_kind", "social_media", "social media", "социальные сети", "әлеуметтік желі" },
	{ "source_kind", "other", "other", "другое", "басқа" },
	{ "sentence_kind", "prison", "prison", "лишение свободы", "бас бостандығынан айыру" },
	{ "sentence_kind", "restricted_freedom", "restricted freedom", "ограничение свободы", "бас бостандығын шектеу" },
	{ "sentence_kind", "probation", "probation", "условный срок", "шартты жаза" },
	{ "sentence_kind", "fine", "fine", "штраф", "айыппұл" },
	{ "sentence_kind", "compulsory_labour", "compulsory labour", "исправительные работы", "түзеу жұмыстары" },
	{ "sentence_kind", "other", "other", "другое", "басқа" },
	{ "regime", "minimum", "minimum security", "минимальной безопасности", "ең төменгі қауіпсіздік" },
	{ "regime", "medium", "medium security", "средней безопасности", "орташа қауіпсіздік" },
	{ "regime", "maximum", "maximum security", "максимальной безопасности", "ең жоғары қауіпсіздік" },
	{ "regime", "special", "special regime", "особого режима", "ерекше режим" },
	{ "regime", "settlement", "settlement colony", "колония-поселение", "қоныс-колония" },
	{ "role", "defendant", "defendant", "обвиняемый", "айыпталушы" },
	{ "role", "lawyer", "lawyer", "адвокат", "адвокат" },
	{ "role", "judge", "judge", "судья", "судья" },
	{ "role", "prosecutor", "prosecutor", "прокурор", "прокурор" },
	{ "role", "investigator", "investigator", "следователь", "тергеуші" },
	{ "role", "witness", "witness", "свидетель", "куә" },
	{ "organization_kind", "party", "party", "партия", "партия" },
	{ "organization_kind", "movement", "movement", "движение", "қозғалыс" },
	{ "organization_kind", "media", "media", "СМИ", "БАҚ" },
	{ "organization_kind", "ngo", "NGO", "НКО", "ҮЕҰ" },
	{ "organization_kind", "authority", "authority", "орган власти", "билік органы" },
	{ "organization_kind", "court", "court", "суд", "сот" },
};

bool store_vocab_builtin(const char *vocabulary, const char *code, const char *en,
                         const char *ru, const char *kk)
{
	for (size_t i = 0; i < sizeof(seed) / sizeof(seed[0]); i++)
		if (!strcmp(seed[i].vocab, vocabulary) && !strcmp(seed[i].code, code))
			return !strcmp(seed[i].en, en ? en : "") && !strcmp(seed[i].ru, ru ? ru : "") &&
			       !strcmp(seed[i].kk, kk ? kk : "");
	return false;
}

int store_seed_vocabularies(cw_db *db, cw_err *e)
{
	sqlite3_stmt *st = store_prepare(db,
	                                 "INSERT OR IGNORE INTO vocab(vocabulary, code, label_en,"
	                                 " label_ru, label_kk) VALUES (?,?,?,?,?)",
	                                 e);
	int rc = 0;

	if (!st)
		return -1;
	for (size_t i = 0; i < sizeof(seed) / sizeof(seed[0]); i++) {
		sqlite3_bind_text(st, 1, seed[i].vocab, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, seed[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, seed[i].en, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, seed[i].ru, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, seed[i].kk, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = store_sqlerr(db, e, "seeding vocabularies");
			break;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}
