// The C shim over Xapian: every entry point runs its body inside `guarded`, which turns
// any exception into a status and a malloc'd message, so nothing unwinds into Swift.
#include "CXapian.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct cxapian_database {
    // A WritableDatabase is-a Database, so one member serves both kinds of handle.
    std::unique_ptr<Xapian::Database> database;
    Xapian::WritableDatabase *writable = nullptr;  // non-null for writable handles
};

struct cxapian_document {
    Xapian::Document document;
};

struct cxapian_results {
    std::vector<std::pair<double, std::string>> hits;
};

namespace {

char *copy_message(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy != nullptr) {
        std::memcpy(copy, text.data(), text.size());
        copy[text.size()] = '\0';
    }
    return copy;
}

cxapian_status fail(char **message, cxapian_status status, const std::string &text) {
    if (message != nullptr) *message = copy_message(text);
    return status;
}

/// Runs `body`, mapping every exception to a status and message.
template <typename Body>
cxapian_status guarded(char **message, Body body) noexcept {
    try {
        body();
        return CXAPIAN_OK;
    } catch (const Xapian::DatabaseLockError &error) {
        return fail(message, CXAPIAN_LOCKED, error.get_description());
    } catch (const Xapian::DatabaseOpeningError &error) {
        return fail(message, CXAPIAN_OPENING, error.get_description());
    } catch (const Xapian::DatabaseModifiedError &error) {
        return fail(message, CXAPIAN_MODIFIED, error.get_description());
    } catch (const Xapian::DatabaseCorruptError &error) {
        return fail(message, CXAPIAN_CORRUPT, error.get_description());
    } catch (const Xapian::InvalidArgumentError &error) {
        return fail(message, CXAPIAN_INVALID_ARGUMENT, error.get_description());
    } catch (const Xapian::InvalidOperationError &error) {
        return fail(message, CXAPIAN_INVALID_ARGUMENT, error.get_description());
    } catch (const Xapian::Error &error) {
        return fail(message, CXAPIAN_XAPIAN_ERROR, error.get_description());
    } catch (const std::bad_alloc &) {
        return fail(message, CXAPIAN_SYSTEM_ERROR, "out of memory");
    } catch (const std::exception &error) {
        return fail(message, CXAPIAN_SYSTEM_ERROR, error.what());
    } catch (...) {
        return fail(message, CXAPIAN_SYSTEM_ERROR, "unknown C++ exception");
    }
}

Xapian::WritableDatabase &require_writable(cxapian_database *db) {
    if (db->writable == nullptr) {
        throw Xapian::InvalidOperationError("the database handle is read-only");
    }
    return *db->writable;
}

/// Splits `count` strings laid end to end in `buffer` into terms.
std::vector<std::string> split_terms(const char *buffer, const size_t *lengths, size_t count) {
    std::vector<std::string> terms;
    terms.reserve(count);
    size_t offset = 0;
    for (size_t i = 0; i < count; ++i) {
        terms.emplace_back(buffer + offset, lengths[i]);
        offset += lengths[i];
    }
    return terms;
}

Xapian::Query build_query(const std::vector<std::string> &terms, const double *weights,
                          const std::vector<std::string> &filters) {
    std::vector<Xapian::Query> parts;
    parts.reserve(terms.size());
    for (size_t i = 0; i < terms.size(); ++i) {
        Xapian::Query leaf(terms[i]);
        parts.push_back(weights[i] == 1.0 ? leaf
                                          : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, leaf, weights[i]));
    }
    Xapian::Query query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    if (filters.empty()) return query;
    Xapian::Query allowed(Xapian::Query::OP_OR, filters.begin(), filters.end());
    return Xapian::Query(Xapian::Query::OP_FILTER, query, allowed);
}

}  // namespace

void cxapian_free(void *pointer) {
    std::free(pointer);
}

// MARK: Databases

cxapian_status cxapian_writable_open(const char *path, cxapian_database **out, char **message) {
    return guarded(message, [&] {
        auto handle = std::make_unique<cxapian_database>();
        auto writable = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN);
        handle->writable = writable.get();
        handle->database = std::move(writable);
        *out = handle.release();
    });
}

cxapian_status cxapian_readonly_open(const char *path, cxapian_database **out, char **message) {
    return guarded(message, [&] {
        auto handle = std::make_unique<cxapian_database>();
        handle->database = std::make_unique<Xapian::Database>(path);
        *out = handle.release();
    });
}

cxapian_status cxapian_database_reopen(cxapian_database *db, char **message) {
    return guarded(message, [&] { db->database->reopen(); });
}

void cxapian_database_close(cxapian_database *db) {
    if (db == nullptr) return;
    (void)guarded(nullptr, [&] { db->database->close(); });
    (void)guarded(nullptr, [&] { delete db; });
}

cxapian_status cxapian_database_document_count(cxapian_database *db, uint64_t *out, char **message) {
    return guarded(message, [&] { *out = db->database->get_doccount(); });
}

cxapian_status cxapian_database_get_metadata(cxapian_database *db, const char *key, size_t key_length,
                                             char **value, size_t *length, char **message) {
    return guarded(message, [&] {
        std::string stored = db->database->get_metadata(std::string(key, key_length));
        char *copy = copy_message(stored);
        if (copy == nullptr) throw std::bad_alloc();
        *value = copy;
        *length = stored.size();
    });
}

cxapian_status cxapian_database_set_metadata(cxapian_database *db, const char *key, size_t key_length,
                                             const char *value, size_t value_length, char **message) {
    return guarded(message, [&] {
        require_writable(db).set_metadata(std::string(key, key_length), std::string(value, value_length));
    });
}

cxapian_status cxapian_database_commit(cxapian_database *db, char **message) {
    return guarded(message, [&] { require_writable(db).commit(); });
}

cxapian_status cxapian_database_replace_document(cxapian_database *db, const char *id_term,
                                                 size_t id_term_length, const cxapian_document *doc,
                                                 char **message) {
    return guarded(message, [&] {
        require_writable(db).replace_document(std::string(id_term, id_term_length), doc->document);
    });
}

cxapian_status cxapian_database_delete_documents(cxapian_database *db, const char *term, size_t term_length,
                                                 char **message) {
    return guarded(message, [&] { require_writable(db).delete_document(std::string(term, term_length)); });
}

// MARK: Documents

cxapian_document *cxapian_document_new(void) {
    return new (std::nothrow) cxapian_document();
}

cxapian_status cxapian_document_add_term(cxapian_document *doc, const char *term, size_t term_length,
                                         uint32_t wdf_increment, char **message) {
    return guarded(message, [&] { doc->document.add_term(std::string(term, term_length), wdf_increment); });
}

cxapian_status cxapian_document_add_boolean_term(cxapian_document *doc, const char *term, size_t term_length,
                                                 char **message) {
    return guarded(message, [&] { doc->document.add_boolean_term(std::string(term, term_length)); });
}

cxapian_status cxapian_document_set_data(cxapian_document *doc, const void *data, size_t length,
                                         char **message) {
    return guarded(message, [&] { doc->document.set_data(std::string(static_cast<const char *>(data), length)); });
}

void cxapian_document_free(cxapian_document *doc) {
    delete doc;
}

// MARK: Search

cxapian_status cxapian_database_search(cxapian_database *db, const char *terms, const size_t *term_lengths,
                                       const double *term_weights, size_t term_count, const char *filter_terms,
                                       const size_t *filter_lengths, size_t filter_count, double k1, double b,
                                       uint32_t top_k, uint32_t retries, cxapian_results **out, char **message) {
    return guarded(message, [&] {
        auto results = std::make_unique<cxapian_results>();
        std::vector<std::string> query_terms = split_terms(terms, term_lengths, term_count);
        if (!query_terms.empty() && top_k > 0) {
            Xapian::Query query = build_query(query_terms, term_weights,
                                              split_terms(filter_terms, filter_lengths, filter_count));
            // A read-only handle whose revision a writer has since overwritten throws
            // DatabaseModifiedError; the fix is to reopen at the new revision and rerun.
            for (uint32_t attempt = 0;; ++attempt) {
                try {
                    results->hits.clear();
                    Xapian::Enquire enquire(*db->database);
                    enquire.set_query(query);
                    enquire.set_weighting_scheme(Xapian::BM25Weight(k1, 0, 1, b, 0.5));
                    Xapian::MSet mset = enquire.get_mset(0, top_k);
                    results->hits.reserve(mset.size());
                    for (auto it = mset.begin(); it != mset.end(); ++it) {
                        results->hits.emplace_back(it.get_weight(), it.get_document().get_data());
                    }
                    break;
                } catch (const Xapian::DatabaseModifiedError &) {
                    // Under a stream of commits a search that is slow (or descheduled) can
                    // lose its revision again and again; after a few tries the caller
                    // searches once more with commits held off (SearchIndex.search).
                    db->database->reopen();
                    if (attempt >= retries) throw;
                }
            }
        }
        *out = results.release();
    });
}

size_t cxapian_results_count(const cxapian_results *results) {
    return results->hits.size();
}

double cxapian_results_score(const cxapian_results *results, size_t index) {
    return results->hits[index].first;
}

const void *cxapian_results_data(const cxapian_results *results, size_t index, size_t *length) {
    const std::string &data = results->hits[index].second;
    *length = data.size();
    return data.data();
}

void cxapian_results_free(cxapian_results *results) {
    delete results;
}

// MARK: Stemming

cxapian_status cxapian_stem(const char *language, const char *word, size_t word_length, char *out,
                            size_t capacity, size_t *length, char **message) {
    return guarded(message, [&] {
        // Xapian::Stem keeps per-call state, so one instance per thread and language.
        thread_local std::map<std::string, Xapian::Stem, std::less<>> stemmers;
        auto found = stemmers.find(std::string_view(language));
        if (found == stemmers.end()) {
            found = stemmers.emplace(language, Xapian::Stem(language)).first;
        }
        std::string stem = found->second(std::string(word, word_length));
        *length = stem.size();
        if (capacity > 0) std::memcpy(out, stem.data(), std::min(stem.size(), capacity));
    });
}
