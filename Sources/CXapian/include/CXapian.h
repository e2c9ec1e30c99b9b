// A thin plain-C API over Xapian's C++ library, for RAGCore's search index.
//
// Rules every function follows:
// - Nothing throws across this boundary. A function that can fail returns a
//   `cxapian_status`; on failure it stores a malloc'd, NUL-terminated message in
//   `*message` (when `message` is not NULL), which the caller releases with free().
//   On success `*message` is left untouched. (`cxapian_free` is that free().)
// - Strings are passed as (pointer, length) pairs of UTF-8 bytes; they need no NUL.
// - Handles are opaque. A handle must not be used by two threads at once (Xapian's
//   objects are not thread-safe); different handles may be used concurrently.
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What went wrong, by the Xapian exception class that was caught.
typedef enum cxapian_status {
    CXAPIAN_OK = 0,
    /// Xapian::DatabaseLockError: another writer holds the database.
    CXAPIAN_LOCKED = 1,
    /// Xapian::DatabaseOpeningError (incl. DatabaseNotFoundError, DatabaseVersionError).
    CXAPIAN_OPENING = 2,
    /// Xapian::DatabaseCorruptError.
    CXAPIAN_CORRUPT = 3,
    /// Xapian::InvalidArgumentError / InvalidOperationError (e.g. a term too long).
    CXAPIAN_INVALID_ARGUMENT = 4,
    /// Any other Xapian::Error.
    CXAPIAN_XAPIAN_ERROR = 5,
    /// std::bad_alloc or another std::exception, or an unknown exception.
    CXAPIAN_SYSTEM_ERROR = 6,
    /// Xapian::DatabaseModifiedError: a reader's revision was overwritten by later commits.
    CXAPIAN_MODIFIED = 7,
} cxapian_status;

/// A Xapian::Database (read-only) or Xapian::WritableDatabase.
typedef struct cxapian_database cxapian_database;
/// A Xapian::Document being built for indexing.
typedef struct cxapian_document cxapian_document;
/// The hits of one search: score and stored data per hit, best first.
typedef struct cxapian_results cxapian_results;

/// Releases a message or metadata value this API allocated (plain free()).
void cxapian_free(void *pointer);

// MARK: Databases

/// Opens the writable database at `path`, creating the directory and database if missing.
cxapian_status cxapian_writable_open(const char *path, cxapian_database **out, char **message);

/// Opens the database at `path` read-only, at its latest committed revision.
cxapian_status cxapian_readonly_open(const char *path, cxapian_database **out, char **message);

/// Moves a read-only handle to the latest committed revision (cheap if nothing changed).
cxapian_status cxapian_database_reopen(cxapian_database *db, char **message);

/// Closes and frees the handle. Uncommitted changes on a writable handle are committed
/// by Xapian on close; errors while closing are swallowed.
void cxapian_database_close(cxapian_database *db);

/// The number of documents in the database.
cxapian_status cxapian_database_document_count(cxapian_database *db, uint64_t *out, char **message);

/// Reads a metadata value; a missing key gives an empty value. `*value` is malloc'd
/// (free() it) and NUL-terminated; `*length` excludes the NUL.
cxapian_status cxapian_database_get_metadata(
    cxapian_database *db, const char *key, size_t key_length,
    char **value, size_t *length, char **message);

/// Sets a metadata value (writable handles only); it becomes visible on commit.
cxapian_status cxapian_database_set_metadata(
    cxapian_database *db, const char *key, size_t key_length,
    const char *value, size_t value_length, char **message);

/// Commits pending changes (writable handles only).
cxapian_status cxapian_database_commit(cxapian_database *db, char **message);

/// Adds `doc`, or replaces every document indexed by `id_term` with it. The caller
/// must have added `id_term` to `doc` (as a boolean term) so later calls find it.
cxapian_status cxapian_database_replace_document(
    cxapian_database *db, const char *id_term, size_t id_term_length,
    const cxapian_document *doc, char **message);

/// Deletes every document indexed by `term` (an id, document or knowledge-base term).
cxapian_status cxapian_database_delete_documents(
    cxapian_database *db, const char *term, size_t term_length, char **message);

// MARK: Documents

/// A new empty document, or NULL if memory ran out.
cxapian_document *cxapian_document_new(void);

/// Adds a ranked term, increasing its within-document frequency by `wdf_increment`.
/// Terms longer than Xapian's limit (245 bytes) make the later replace fail: callers drop them.
cxapian_status cxapian_document_add_term(
    cxapian_document *doc, const char *term, size_t term_length,
    uint32_t wdf_increment, char **message);

/// Adds a boolean term (wdf 0: it filters but does not affect ranking or length).
cxapian_status cxapian_document_add_boolean_term(
    cxapian_document *doc, const char *term, size_t term_length, char **message);

/// Sets the opaque data returned with each hit.
cxapian_status cxapian_document_set_data(
    cxapian_document *doc, const void *data, size_t length, char **message);

void cxapian_document_free(cxapian_document *doc);

// MARK: Search

/// Runs a BM25 OR query and returns the best `top_k` hits.
///
/// - `terms`: `term_count` already-analysed terms laid end to end in one buffer,
///   `term_lengths[i]` bytes each, with `term_weights[i]` scaling term i's BM25 weight
///   (1 = plain). No term may be empty. No terms gives no hits.
/// - `filter_terms`: `filter_count` boolean terms, laid out the same way, OR-ed; a hit
///   must have at least one of them. `filter_count` 0 means no filter.
/// - `k1`, `b`: BM25 parameters (Xapian::BM25Weight(k1, 0, 1, b, 0.5)).
///
/// A reader that falls behind a writer's commits (DatabaseModifiedError) is reopened and
/// the search rerun, up to `retries` times; then CXAPIAN_MODIFIED is returned (the handle
/// is already reopened at the latest revision).
cxapian_status cxapian_database_search(
    cxapian_database *db,
    const char *terms, const size_t *term_lengths, const double *term_weights, size_t term_count,
    const char *filter_terms, const size_t *filter_lengths, size_t filter_count,
    double k1, double b, uint32_t top_k, uint32_t retries,
    cxapian_results **out, char **message);

size_t cxapian_results_count(const cxapian_results *results);
/// The BM25 score of hit `index` (0 ..< count).
double cxapian_results_score(const cxapian_results *results, size_t index);
/// The data stored with hit `index`; valid until the results are freed.
const void *cxapian_results_data(const cxapian_results *results, size_t index, size_t *length);
void cxapian_results_free(cxapian_results *results);

// MARK: Stemming

/// Stems one lowercase word with Xapian's Snowball stemmer for `language` (a Xapian
/// stemmer name such as "russian" or "english"). Writes up to `capacity` bytes to
/// `out` and the stem's full length to `*length`; if that exceeds `capacity`, call
/// again with a bigger buffer. Stemmers are cached per thread.
cxapian_status cxapian_stem(
    const char *language, const char *word, size_t word_length,
    char *out, size_t capacity, size_t *length, char **message);

#ifdef __cplusplus
}
#endif

#endif
