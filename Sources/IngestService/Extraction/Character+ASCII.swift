extension Character {
    /// `A`…`Z` or `a`…`z`: the letters that start HTML tag names and Windows drive letters.
    var isASCIILetter: Bool { isASCII && isLetter }
}
