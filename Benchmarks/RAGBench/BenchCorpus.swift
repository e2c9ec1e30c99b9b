/// A corpus of `size` chunks, produced on demand (so a million chunks are never all in
/// memory): the real chunks first, in a fixed shuffled order, then, past the real ones,
/// synthetic chunks made of real sentences.
///
/// Synthetic chunk `i` (0-based, past the real ones) takes the title, heading path and text
/// length of a real chunk picked by a seeded generator from `i`, and its text is real
/// sentences picked the same way, joined with spaces, until it reaches that length. So the
/// vocabulary, word frequencies and chunk lengths are those of real text, while no two
/// chunks are alike; what is lost is the topical coherence inside one chunk.
struct BenchCorpus {
    let real: RealText
    let size: Int
    private let order: [Int]

    init(real: RealText, size: Int, seed: UInt64 = 42) {
        self.real = real
        self.size = size
        var generator = SeededGenerator(seed: seed)
        order = Array(real.chunks.indices).shuffled(using: &generator)
    }

    /// How many of the chunks are real text as it was written.
    var realCount: Int { min(size, real.chunks.count) }

    func chunk(_ index: Int) -> BenchChunk {
        if index < order.count { return real.chunks[order[index]] }
        var generator = SeededGenerator(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let template = real.chunks[Int(generator.next() % UInt64(real.chunks.count))]
        var text = ""
        let length = template.text.utf8.count
        while text.utf8.count < length {
            let sentence = real.sentences[Int(generator.next() % UInt64(real.sentences.count))]
            text += text.isEmpty ? sentence : " " + sentence
        }
        return BenchChunk(title: template.title, headingPath: template.headingPath, text: text)
    }
}

/// SplitMix64: a small, fast generator whose sequence depends only on its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
