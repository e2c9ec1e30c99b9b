import Foundation
import FoundationXML

/// One `<w:p>` of a Word document.
struct DOCXParagraph: Equatable {
    var style: String?
    /// `<w:outlineLvl w:val="0">` set on the paragraph itself, as a 1-based heading level.
    var outlineLevel: Int?
    var text = ""
}

/// The name of an element without its namespace prefix (`w:p` → `p`).
private func localName(_ qualifiedName: String) -> Substring {
    qualifiedName.split(separator: ":").last ?? Substring(qualifiedName)
}

/// The value of an attribute whatever its prefix (`w:val`).
private func attribute(_ name: String, in attributes: [String: String]) -> String? {
    attributes.first { localName($0.key) == name }?.value
}

/// Reads the paragraphs of `word/document.xml`.
final class DOCXBodyParser: NSObject, XMLParserDelegate {
    private var paragraphs: [DOCXParagraph] = []
    /// Paragraphs being read; more than one when a text box inside a paragraph has its own.
    private var open: [DOCXParagraph] = []
    private var inText = false
    /// Open elements; not zero at the end means the XML was cut off, which libxml2 lets pass.
    private var depth = 0

    /// The paragraphs in document order, or `nil` when the XML is not well-formed.
    static func paragraphs(in data: Data) -> [DOCXParagraph]? {
        let delegate = DOCXBodyParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse(), delegate.depth == 0 else { return nil }
        return delegate.paragraphs
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        switch localName(elementName) {
        case "p": open.append(DOCXParagraph())
        case "pStyle": if !open.isEmpty { open[open.count - 1].style = attribute("val", in: attributes) }
        case "outlineLvl":
            if !open.isEmpty { open[open.count - 1].outlineLevel = attribute("val", in: attributes).flatMap { Int($0) }.map { $0 + 1 } }
        case "t": inText = true
        case "tab": appendText("\t")
        case "br", "cr": appendText("\n")
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        switch localName(elementName) {
        case "p":
            if let paragraph = open.popLast() { paragraphs.append(paragraph) }
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { appendText(string) }
    }

    private func appendText(_ text: String) {
        if !open.isEmpty { open[open.count - 1].text += text }
    }
}

/// Reads `word/styles.xml` for the styles that are headings: style id → level (0 for `Title`).
final class DOCXStylesParser: NSObject, XMLParserDelegate {
    private var levels: [String: Int] = [:]
    private var styleID: String?

    static func headingLevels(in data: Data) -> [String: Int] {
        let delegate = DOCXStylesParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        _ = parser.parse()
        return delegate.levels
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "style": styleID = attribute("styleId", in: attributes)
        case "name":
            guard let styleID, let name = attribute("val", in: attributes)?.lowercased() else { return }
            if name == "title" {
                levels[styleID] = 0
            } else if name.hasPrefix("heading "), let level = Int(name.dropFirst("heading ".count)) {
                levels[styleID] = level
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(elementName) == "style" { styleID = nil }
    }
}

/// Reads the `dc:title` of `docProps/core.xml`.
final class DOCXCorePropertiesParser: NSObject, XMLParserDelegate {
    private var title: String?
    private var inTitle = false

    static func title(in data: Data) -> String? {
        let delegate = DOCXCorePropertiesParser()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        _ = parser.parse()
        let title = delegate.title?.collapsingWhitespace()
        return title?.isEmpty == false ? title : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if localName(elementName) == "title" { inTitle = true }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(elementName) == "title" { inTitle = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title = (title ?? "") + string }
    }
}
