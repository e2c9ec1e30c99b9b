extension TextAnalyzer {
    /// A short passage of `text` around the densest cluster of words matching the query,
    /// with those words marked.
    ///
    /// - Parameters:
    ///   - text: the chunk text (analysed with this analyzer, like the index does).
    ///   - stems: the query's terms, as ``terms(of:)`` gives them.
    ///   - length: the passage's target size in characters; words are never cut, so the
    ///     result may be a little shorter (plus "…" at a cut end).
    ///   - marker: how matched words are marked (and whether the text is HTML-escaped).
    /// - Returns: the passage, runs of whitespace collapsed to one space; the start of the
    ///   text when nothing matches.
    public func snippet(
        of text: String, matching stems: Set<String>, length: Int = 200, marker: HighlightMarker = .guillemets
    ) -> String {
        snippet(of: text, tokens: tokens(in: text), matching: stems, length: length, marker: marker)
    }

    /// ``snippet(of:matching:length:marker:)`` with `text`'s tokens already computed by this analyzer.
    public func snippet(
        of text: String, tokens: [Token], matching stems: Set<String>, length: Int = 200, marker: HighlightMarker = .guillemets
    ) -> String {
        guard !tokens.isEmpty else { return marker.escape(Self.collapsingWhitespace(text.prefix(length))) }
        let offsets = Self.characterOffsets(of: tokens, in: text)
        // Each token's term looked up once (a `String` hash, with Unicode normalization for
        // Cyrillic), for the window and for the marks.
        let matched = tokens.map { stems.contains($0.term) }
        let window = Self.densestWindow(
            terms: tokens.map(\.term), matched: matched, offsets: offsets, length: max(1, length),
            textLength: offsets.last!.upperBound)

        // At the text's ends, keep what surrounds the words (an opening quote, a final period).
        var snippet = window.lowerBound > 0 ? "…" : ""
        var cursor = window.lowerBound > 0 ? tokens[window.lowerBound].range.lowerBound : text.startIndex
        for index in window {
            let token = tokens[index]
            snippet += marker.escape(Self.collapsingWhitespace(text[cursor..<token.range.lowerBound]))
            let word = marker.escape(text[token.range])
            snippet += matched[index] ? marker.open + word + marker.close : word
            cursor = token.range.upperBound
        }
        if window.upperBound < tokens.count {
            snippet += "…"
        } else {
            snippet += marker.escape(Self.collapsingWhitespace(text[cursor...]))
        }
        return snippet.trimmingWhitespace()
    }

    /// ``snippet(of:matching:length:marker:)`` for the terms of `query`.
    public func snippet(
        of text: String, forQuery query: String, length: Int = 200, marker: HighlightMarker = .guillemets
    ) -> String {
        snippet(of: text, matching: Set(terms(of: query)), length: length, marker: marker)
    }

    /// Token indices of the passage: the ``densestRun(terms:matched:offsets:length:)`` padded
    /// evenly on both sides to about `length` characters; the start of the text without one.
    static func densestWindow(
        terms: [String], matched: [Bool], offsets: [Range<Int>], length: Int, textLength: Int
    ) -> Range<Int> {
        let run = densestRun(terms: terms, matched: matched, offsets: offsets, length: length)
        // No match: the start of the text. Otherwise center the matched span.
        let spanStart = run.map { offsets[$0.first].lowerBound } ?? 0
        let spanEnd = run.map { offsets[$0.last].upperBound } ?? 0
        var lower = max(0, spanStart - max(0, length - (spanEnd - spanStart)) / 2)
        let upper = min(textLength, max(lower + length, spanEnd))
        lower = max(0, min(lower, upper - length))
        // Whole words only: the first word starting inside the window, the last ending in it.
        let first = offsets.firstIndex { $0.lowerBound >= lower } ?? 0
        let last = offsets.lastIndex { $0.upperBound <= upper } ?? first
        return min(first, run?.first ?? first)..<(max(last, first, run?.last ?? -1) + 1)
    }

    /// The token indices of the first and last match of the run of matches covering the most
    /// distinct stems (then the most matches) within `length` characters; nil without a match.
    ///
    /// The runs are tried as a sliding window over the matches, its distinct stems counted as
    /// matches enter and leave it (each stem numbered once), not by a set built per run.
    static func densestRun(terms: [String], matched: [Bool], offsets: [Range<Int>], length: Int) -> (first: Int, last: Int)? {
        let matches = matched.indices.filter { matched[$0] }
        var numbers: [String: Int] = [:]
        let stemNumbers = matches.map { index in
            let term = terms[index]
            if let known = numbers[term] { return known }
            numbers[term] = numbers.count
            return numbers.count - 1
        }
        var inWindow = [Int](repeating: 0, count: numbers.count)
        var distinct = 0
        func enter(_ match: Int) {
            inWindow[stemNumbers[match]] += 1
            if inWindow[stemNumbers[match]] == 1 { distinct += 1 }
        }
        func leave(_ match: Int) {
            inWindow[stemNumbers[match]] -= 1
            if inWindow[stemNumbers[match]] == 0 { distinct -= 1 }
        }
        var best: (first: Int, last: Int, distinct: Int, count: Int)?
        // The window is matches[start...end]; empty while end < start.
        var end = -1
        for start in matches.indices {
            if end < start {
                end = start
                enter(end)
            }
            while end + 1 < matches.count,
                offsets[matches[end + 1]].upperBound - offsets[matches[start]].lowerBound <= length
            {
                end += 1
                enter(end)
            }
            let count = end - start + 1
            if (distinct, count) > (best?.distinct ?? 0, best?.count ?? 0) {
                best = (matches[start], matches[end], distinct, count)
            }
            leave(start)
        }
        return best.map { ($0.first, $0.last) }
    }

    /// Each token's range in Unicode scalars from the start of `text`, computed in one pass.
    /// (Scalars, not Characters: counting grapheme clusters was most of a snippet's cost,
    /// and for a window of ~200 the difference does not matter.)
    private static func characterOffsets(of tokens: [Token], in text: String) -> [Range<Int>] {
        var offsets: [Range<Int>] = []
        offsets.reserveCapacity(tokens.count)
        let scalars = text.unicodeScalars
        var position = text.startIndex
        var offset = 0
        for token in tokens {
            offset += scalars.distance(from: position, to: token.range.lowerBound)
            let start = offset
            offset += scalars.distance(from: token.range.lowerBound, to: token.range.upperBound)
            position = token.range.upperBound
            offsets.append(start..<offset)
        }
        return offsets
    }

    /// `text` with every run of whitespace made one space.
    private static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var collapsed = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { collapsed.append(" ") }
                lastWasSpace = true
            } else {
                collapsed.append(scalar)
                lastWasSpace = false
            }
        }
        return String(collapsed)
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
