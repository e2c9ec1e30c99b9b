import CXapian

/// One of Xapian's built-in Snowball stemmers, called through the C shim (which keeps
/// one stemmer object per thread, since a stemmer has per-call state).
enum SnowballStemmer: String, Sendable {
    case russian
    case english

    /// The stem of a lowercase word. Stemming cannot fail for a built-in language; if the
    /// shim reports an error anyway (out of memory), the word is used unstemmed so that
    /// documents and queries still agree.
    func stem(_ word: String) -> String {
        var word = word
        let stemmed: String? = rawValue.withCString { language in
            word.withUTF8 { utf8 in
                var capacity = utf8.count + 8
                while true {
                    var length = 0
                    var message: UnsafeMutablePointer<CChar>?
                    let result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                        let status = buffer.withMemoryRebound(to: CChar.self) { chars in
                            cxapian_stem(
                                language, utf8.baseAddress, utf8.count, chars.baseAddress, chars.count, &length,
                                &message)
                        }
                        count = status == CXAPIAN_OK ? min(length, capacity) : 0
                    }
                    if let message {
                        cxapian_free(message)
                        return nil
                    }
                    if length <= capacity { return String(decoding: result, as: UTF8.self) }
                    capacity = length
                }
            }
        }
        return stemmed ?? word
    }
}
